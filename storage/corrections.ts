/**
 * The reader's corrections of the knowledge base. Each is a record of its own, never a change to
 * what ingestion stored: the dictionary leaves out what they name (storage/knowledge.ts), so they
 * hold after any re-ingestion, reseed or import, and undoing one is deleting its record.
 */
import type { ContestoDatabase, StoredCorrection } from './schema';

const notAnEntityId = (entityId: string) => `not-an-entity:${entityId}`;

/**
 * Marks an entity as not an entity; null when there is no such entity. Marking it again keeps the
 * first record and answers it, with `added` false.
 */
export async function markNotAnEntity(db: ContestoDatabase, entityId: string, now = new Date()): Promise<{ correction: StoredCorrection; added: boolean } | null> {
  return db.transaction('rw', db.entities, db.corrections, async () => {
    const existing = await db.corrections.get(notAnEntityId(entityId));
    if (existing) return { correction: existing, added: false };
    const entity = await db.entities.get(entityId);
    if (!entity) return null;
    const correction: StoredCorrection = { id: notAnEntityId(entityId), kind: 'not-an-entity', entityId, name: entity.name, type: entity.type, created: now.toISOString() };
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

/** Every correction, newest first. */
export async function listCorrections(db: ContestoDatabase): Promise<StoredCorrection[]> {
  return (await db.corrections.orderBy('created').toArray()).reverse();
}

/** The entities the reader said are not entities. */
export async function entitiesMarkedNotEntities(db: ContestoDatabase): Promise<Set<string>> {
  return new Set((await db.corrections.toArray()).filter((correction) => correction.kind === 'not-an-entity').map((correction) => correction.entityId));
}
