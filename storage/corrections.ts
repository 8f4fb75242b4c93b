/**
 * The reader's corrections of the knowledge base. Each is a record of its own, never a change to
 * what ingestion stored: the dictionary leaves out what they name (storage/knowledge.ts), so they
 * hold after any re-ingestion, reseed or import, and undoing one is deleting its record.
 */
import { foldAlias } from '@/core/normalize';
import type { ContestoDatabase, HiddenNameCorrection, NotAnEntityCorrection, StoredCorrection } from './schema';

/** A correction as a request asks for it: what the store adds is its id, the entity's name and type, and the time. */
export type CorrectionRequest = { kind: 'not-an-entity'; entityId: string } | { kind: 'hidden-name'; name: string; site?: string };

/** What is left out of the dictionary. */
export interface Exclusions {
  entities: Set<string>;
  /** Folded names hidden everywhere. */
  names: Set<string>;
  /** Folded names hidden on one site, by host. */
  namesBySite: Map<string, Set<string>>;
}

const idOf = (request: CorrectionRequest) => (request.kind === 'not-an-entity' ? `not-an-entity:${request.entityId}` : `hidden-name:${request.site ?? '*'}:${foldAlias(request.name)}`);

/**
 * Stores a correction; null when it names an entity that is not stored. Asking again keeps the
 * first record and answers it, with `added` false.
 */
export async function addCorrection(db: ContestoDatabase, request: CorrectionRequest, now = new Date()): Promise<{ correction: StoredCorrection; added: boolean } | null> {
  const id = idOf(request);
  return db.transaction('rw', db.entities, db.corrections, async () => {
    const existing = await db.corrections.get(id);
    if (existing) return { correction: existing, added: false };
    const created = now.toISOString();
    let correction: StoredCorrection;
    if (request.kind === 'not-an-entity') {
      const entity = await db.entities.get(request.entityId);
      if (!entity) return null;
      correction = { id, kind: 'not-an-entity', entityId: entity.id, name: entity.name, type: entity.type, created } satisfies NotAnEntityCorrection;
    } else {
      correction = { id, kind: 'hidden-name', name: request.name, key: foldAlias(request.name), ...(request.site && { site: request.site }), created } satisfies HiddenNameCorrection;
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

/** Every correction, newest first. */
export async function listCorrections(db: ContestoDatabase): Promise<StoredCorrection[]> {
  return (await db.corrections.orderBy('created').toArray()).reverse();
}

export async function exclusions(db: ContestoDatabase): Promise<Exclusions> {
  const found: Exclusions = { entities: new Set(), names: new Set(), namesBySite: new Map() };
  for (const correction of await db.corrections.toArray()) {
    if (correction.kind === 'not-an-entity') found.entities.add(correction.entityId);
    else if (!correction.site) found.names.add(correction.key);
    else found.namesBySite.set(correction.site, (found.namesBySite.get(correction.site) ?? new Set()).add(correction.key));
  }
  return found;
}
