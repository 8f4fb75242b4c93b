/**
 * The side panel's corrections of one entity: its name, the names pages highlight (given, taken or
 * split off), its type, "Not an entity", and "Same as" another (merged into it). Each is stored by
 * the background as a correction of its own (storage/corrections.ts), so open pages follow at once
 * and the options page lists it for undo.
 */
import { useState } from 'preact/hooks';
import type { RequestPayload } from '@/core/messages';
import { ENTITY_TYPES, type EntityType } from '@/core/pack';
import { t } from '@/services/i18n';
import { request } from '@/services/rpc';
import { isMarkedNotAnEntity, notAnEntityId } from '@/storage/corrections';
import { entityChoices } from '@/storage/knowledge';
import type { StoredEntity } from '@/storage/schema';
import { database } from '../database';
import { useLive } from '../hooks';

/** `entity` as the reader corrected it. */
export function EntityCorrections({ entity }: { entity: StoredEntity }) {
  const notAnEntity = useLive(() => isMarkedNotAnEntity(database(), entity.id), [entity.id], false);
  const [problem, setProblem] = useState<string>();
  const [name, setName] = useState(entity.name);
  const [another, setAnother] = useState('');
  const reported = (sent: Promise<unknown>) =>
    sent.then(
      () => setProblem(undefined),
      (error: unknown) => setProblem(error instanceof Error ? error.message : String(error)),
    );
  const correct = (payload: RequestPayload<'corrections/add'>) => reported(request('corrections/add', payload));
  return (
    <div class="entity-corrections">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (name.trim()) void correct({ kind: 'rename', entityId: entity.id, name: name.trim() });
        }}
      >
        <label>
          {t('entityRename')} <input value={name} onInput={(event) => setName(event.currentTarget.value)} />
        </label>{' '}
        <button type="submit">{t('entityRenameSave')}</button>
      </form>
      <label>
        {t('entityType')}{' '}
        <select value={entity.type} onChange={(event) => void correct({ kind: 'type', entityId: entity.id, type: event.currentTarget.value as EntityType })}>
          {ENTITY_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`type_${type}`)}
            </option>
          ))}
        </select>
      </label>
      {notAnEntity ? (
        <p role="status">
          {t('markedNotAnEntity')}{' '}
          <button type="button" onClick={() => void reported(request('corrections/remove', { id: notAnEntityId(entity.id) }))}>
            {t('undo')}
          </button>
        </p>
      ) : (
        <button type="button" onClick={() => void correct({ kind: 'not-an-entity', entityId: entity.id })}>
          {t('notAnEntity')}
        </button>
      )}
      <SameAs entity={entity} onMerge={(into) => correct({ kind: 'merge', entityId: entity.id, into })} />
      <details class="entity-names">
        <summary>{t('entityNames')}</summary>
        <ul>
          {entity.aliases.map((alias) => (
            <li key={alias}>
              {alias}{' '}
              <button type="button" aria-label={t('entityRemoveName', alias)} onClick={() => void correct({ kind: 'removed-name', entityId: entity.id, name: alias })}>
                ✕
              </button>{' '}
              {entity.aliases.length > 1 && (
                <button type="button" aria-label={t('entitySplitName', alias)} onClick={() => void correct({ kind: 'split', entityId: entity.id, name: alias })}>
                  {t('entitySplit')}
                </button>
              )}
            </li>
          ))}
        </ul>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (another.trim()) void correct({ kind: 'added-name', entityId: entity.id, name: another.trim() }).then(() => setAnother(''));
          }}
        >
          <label>
            {t('entityAddName')} <input value={another} onInput={(event) => setAnother(event.currentTarget.value)} />
          </label>{' '}
          <button type="submit">{t('entityAddNameButton')}</button>
        </form>
      </details>
      {problem && <p role="alert">{problem}</p>}
    </div>
  );
}

/** Another entity this one is the same as, chosen by name: this one is then read as that one. */
function SameAs({ entity, onMerge }: { entity: StoredEntity; onMerge(into: string): Promise<void> }) {
  const choices = useLive(() => entityChoices(database()), [], []);
  const [chosen, setChosen] = useState('');
  const others = choices.filter((choice) => choice.id !== entity.id);
  const into = others.find((choice) => choice.name === chosen.trim());
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (into) void onMerge(into.id);
      }}
    >
      <label>
        {t('entitySameAs')} <input list="same-as-choices" value={chosen} onInput={(event) => setChosen(event.currentTarget.value)} />
      </label>
      <datalist id="same-as-choices">
        {others.map((choice) => (
          <option key={choice.id} value={choice.name}>
            {t(`type_${choice.type}`)}
          </option>
        ))}
      </datalist>{' '}
      <button type="submit" disabled={!into}>
        {t('entityMerge')}
      </button>
    </form>
  );
}
