/** The reader's corrections of the knowledge base, each with its undo (storage/corrections.ts). */
import { useState } from 'preact/hooks';
import { t } from '@/services/i18n';
import { request } from '@/services/rpc';
import { listCorrections } from '@/storage/corrections';
import type { StoredCorrection } from '@/storage/schema';
import { database } from './database';
import { useLive } from './hooks';

function describe(correction: StoredCorrection): string {
  switch (correction.kind) {
    case 'not-an-entity':
      return t('correctionNotAnEntity', correction.name, t(`type_${correction.type}`));
    case 'type':
      return t('correctionType', correction.name, t(`type_${correction.type}`), t(`type_${correction.was}`));
    case 'rename':
      return t('correctionRename', correction.was, correction.name);
    case 'added-name':
      return t('correctionAddedName', correction.name, correction.entityName);
    case 'removed-name':
      return t('correctionRemovedName', correction.name, correction.entityName);
    case 'split':
      return t('correctionSplit', correction.name, correction.entityName);
    case 'merge':
      return t('correctionMerge', correction.name, correction.intoName);
    case 'hidden-name':
      return correction.site ? t('correctionHiddenOnSite', correction.name, correction.site) : t('correctionHiddenEverywhere', correction.name);
  }
}

export function Corrections() {
  const corrections = useLive(() => listCorrections(database()), [], [] as StoredCorrection[]);
  const [problem, setProblem] = useState<string>();
  // The background writes, so that open pages highlight the entity again at once.
  const undo = (id: string) =>
    request('corrections/remove', { id }).then(
      () => setProblem(undefined),
      (error: unknown) => setProblem(error instanceof Error ? error.message : String(error)),
    );
  return (
    <section aria-labelledby="corrections">
      <h2 id="corrections">{t('correctionsTitle')}</h2>
      {corrections.length === 0 ? (
        <p class="hint">{t('correctionsNone')}</p>
      ) : (
        <ul class="corrections">
          {corrections.map((correction) => (
            <li key={correction.id}>
              <span>{describe(correction)}</span>{' '}
              <button type="button" onClick={() => void undo(correction.id)}>
                {t('undo')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {problem && <p role="alert">{problem}</p>}
    </section>
  );
}
