/**
 * Sharing the knowledge base: one pack file with every document the reader added, what Contesto
 * found in them, their corrections and, if they choose, their notes. A colleague adds it like any
 * file (Add to my knowledge base): what they already have is skipped, the rest is merged.
 */
import { useState } from 'preact/hooks';
import { toAnnotationCollection } from '@/core/web-annotation';
import { t } from '@/services/i18n';
import { allNotes, noteRecord } from '@/storage/notes';
import { exportKnowledge } from '@/storage/packs';
import { database } from '../database';
import { download } from '../download';

export function ShareKnowledge() {
  const [withNotes, setWithNotes] = useState(false);
  const [problem, setProblem] = useState<string>();
  const exportAll = async () => {
    try {
      const db = database();
      const pack = await exportKnowledge(db);
      const notes = withNotes ? toAnnotationCollection((await allNotes(db)).map(noteRecord)) : undefined;
      download(`contesto-knowledge-${new Date().toISOString().slice(0, 10)}.json`, 'application/json', JSON.stringify({ ...pack, ...(notes && { notes }) }));
      setProblem(undefined);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <section aria-labelledby="share">
      <h2 id="share">{t('shareTitle')}</h2>
      <p class="hint">{t('shareHint')}</p>
      <label>
        <input type="checkbox" checked={withNotes} onChange={(event) => setWithNotes(event.currentTarget.checked)} /> {t('shareWithNotes')}
      </label>{' '}
      <button type="button" onClick={() => void exportAll()}>
        {t('shareExport')}
      </button>
      {problem && <p role="alert">{problem}</p>}
    </section>
  );
}
