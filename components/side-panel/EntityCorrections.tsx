/**
 * The side panel's corrections of one entity: its type, and "Not an entity". Each is stored by the
 * background as a correction of its own (storage/corrections.ts), so open pages follow at once and
 * the options page lists it for undo.
 */
import { useState } from 'preact/hooks';
import { ENTITY_TYPES, type EntityType } from '@/core/pack';
import { t } from '@/services/i18n';
import { request } from '@/services/rpc';
import type { StoredEntity } from '@/storage/schema';

export function EntityCorrections({ entity, notAnEntity, onUndoNotAnEntity }: { entity: StoredEntity; notAnEntity: boolean; onUndoNotAnEntity(): void }) {
  const [problem, setProblem] = useState<string>();
  const send = (stored: Promise<unknown>) =>
    void stored.then(
      () => setProblem(undefined),
      (error: unknown) => setProblem(error instanceof Error ? error.message : String(error)),
    );
  return (
    <div class="entity-corrections">
      <label>
        {t('entityType')}{' '}
        <select value={entity.type} onChange={(event) => send(request('corrections/add', { kind: 'type', entityId: entity.id, type: event.currentTarget.value as EntityType }))}>
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
          <button type="button" onClick={onUndoNotAnEntity}>
            {t('undo')}
          </button>
        </p>
      ) : (
        <button type="button" onClick={() => send(request('corrections/add', { kind: 'not-an-entity', entityId: entity.id }))}>
          {t('notAnEntity')}
        </button>
      )}
      {problem && <p role="alert">{problem}</p>}
    </div>
  );
}
