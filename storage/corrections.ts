/**
 * The reader's corrections of the knowledge base. Each is a record of its own, never a change to
 * what ingestion stored: the dictionary leaves out what they name (storage/knowledge.ts), so they
 * hold after any re-ingestion, reseed or import, and undoing one is deleting its record.
 */
import { foldAlias } from '@/core/normalize';
import type { EntityType } from '@/core/pack';
import type { ContestoDatabase, HiddenNameCorrection, NotAnEntityCorrection, StoredCorrection, StoredEntity, TypeCorrection } from './schema';

/** A correction as a request asks for it: what the store adds is its id, the entity's name and type, and the time. */
export type CorrectionRequest = { kind: 'not-an-entity'; entityId: string } | { kind: 'hidden-name'; name: string; site?: string } | { kind: 'type'; entityId: string; type: EntityType };

/** What the corrections change in what the store holds: what is left out of the dictionary, and types. */
export interface CorrectionsInForce {
  /** The reader's type, by entity id. */
  types: Map<string, EntityType>;
  entities: Set<string>;
  /** Folded names hidden everywhere. */
  names: Set<string>;
  /** Folded names hidden on one site, by host. */
  namesBySite: Map<string, Set<string>>;
}

export const notAnEntityId = (entityId: string) => `not-an-entity:${entityId}`;

function idOf(request: CorrectionRequest): string {
  if (request.kind === 'hidden-name') return `hidden-name:${request.site ?? '*'}:${foldAlias(request.name)}`;
  return request.kind === 'type' ? `type:${request.entityId}` : notAnEntityId(request.entityId);
}

/**
 * Stores a correction; null when it names an entity that is not stored. Asking again keeps the
 * first record and answers it, with `added` false.
 */
export async function addCorrection(db: ContestoDatabase, request: CorrectionRequest, now = new Date()): Promise<{ correction: StoredCorrection; added: boolean } | null> {
  const id = idOf(request);
  return db.transaction('rw', db.entities, db.corrections, async () => {
    const existing = await db.corrections.get(id);
    // Another type replaces the reader's earlier one; back to ingestion's type, the correction goes.
    if (existing?.kind === 'type' && request.kind === 'type' && existing.type !== request.type) {
      if (request.type === existing.was) await db.corrections.delete(id);
      const updated: TypeCorrection = { ...existing, type: request.type, created: now.toISOString() };
      if (request.type !== existing.was) await db.corrections.put(updated);
      return { correction: updated, added: true };
    }
    if (existing) return { correction: existing, added: false };
    const created = now.toISOString();
    let correction: StoredCorrection;
    if (request.kind === 'hidden-name') {
      correction = { id, kind: 'hidden-name', name: request.name, key: foldAlias(request.name), ...(request.site && { site: request.site }), created } satisfies HiddenNameCorrection;
    } else {
      const entity = await db.entities.get(request.entityId);
      if (!entity || (request.kind === 'type' && request.type === entity.type)) return null;
      correction =
        request.kind === 'type'
          ? ({ id, kind: 'type', entityId: entity.id, name: entity.name, type: request.type, was: entity.type, created } satisfies TypeCorrection)
          : ({ id, kind: 'not-an-entity', entityId: entity.id, name: entity.name, type: entity.type, created } satisfies NotAnEntityCorrection);
    }
    await db.corrections.add(correction);
    return { correction, added: true };
  });
}

/** Undoes a correction; false when there was none of that id. */
export async function removeCorrection(db: ContestoDatabase, id: string): Promise<boolean> {
  return db.transaction('rw', db.corrections, async () => {
    if (!(await db.corrections.get(id))) return false;
    await db.corrections.delete(id);
    return true;
  });
}

export async function isMarkedNotAnEntity(db: ContestoDatabase, entityId: string): Promise<boolean> {
  return (await db.corrections.get(notAnEntityId(entityId))) !== undefined;
}

/** Every correction, newest first. */
export async function listCorrections(db: ContestoDatabase): Promise<StoredCorrection[]> {
  return (await db.corrections.orderBy('created').toArray()).reverse();
}

/** The reader's corrections in force, read at every read of the knowledge so that they apply whatever ingestion wrote. */
export async function correctionsInForce(db: ContestoDatabase): Promise<CorrectionsInForce> {
  const found: CorrectionsInForce = { types: new Map(), entities: new Set(), names: new Set(), namesBySite: new Map() };
  for (const correction of await db.corrections.toArray()) {
    if (correction.kind === 'type') found.types.set(correction.entityId, correction.type);
    else if (correction.kind === 'not-an-entity') found.entities.add(correction.entityId);
    else if (!correction.site) found.names.add(correction.key);
    else found.namesBySite.set(correction.site, (found.namesBySite.get(correction.site) ?? new Set()).add(correction.key));
  }
  return found;
}

/** The entity as the reader corrected it (its type), or as stored. */
export function asCorrected<T extends StoredEntity | undefined>(entity: T, corrections: CorrectionsInForce): T {
  const type = entity && corrections.types.get(entity.id);
  return type ? { ...entity, type } : entity;
}
