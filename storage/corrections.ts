/**
 * The reader's corrections of the knowledge base. Each is a record of its own, never a change to
 * what ingestion stored: the read side (storage/knowledge.ts) applies them whenever it reads, so
 * they hold after any re-ingestion, reseed or import, and undoing one is deleting its record.
 */
import { mergeNames, uniqueNames, type NamesByLanguage } from '@/core/names';
import { stableHash } from '@/core/hash';
import { foldAlias } from '@/core/normalize';
import type { EntityType } from '@/core/pack';
import type { ContestoDatabase, StoredCorrection, StoredEntity } from './schema';

/** A correction as a request asks for it: the store adds its id, what the entity was, and the time. */
export type CorrectionRequest =
  | { kind: 'not-an-entity'; entityId: string }
  | { kind: 'hidden-name'; name: string; site?: string }
  | { kind: 'type'; entityId: string; type: EntityType }
  | { kind: 'rename'; entityId: string; name: string }
  | { kind: 'added-name' | 'removed-name'; entityId: string; name: string }
  | { kind: 'merge'; entityId: string; into: string }
  | { kind: 'split'; entityId: string; name: string };

/** What the corrections change in what the store holds. */
export interface CorrectionsInForce {
  /** Entities that are not entities. */
  entities: Set<string>;
  /** Folded names hidden everywhere. */
  names: Set<string>;
  /** Folded names hidden on one site, by host. */
  namesBySite: Map<string, Set<string>>;
  /** By entity id: the reader's type, name, and names given and taken. */
  types: Map<string, EntityType>;
  renamed: Map<string, string>;
  /** Entities read as another, by id: follow with `finalId`. */
  mergedInto: Map<string, string>;
  addedNames: Map<string, string[]>;
  /** Names split off into entities of their own: by the new entity's id, and the folded names by the entity they left. */
  splits: Map<string, { from: string; name: string }>;
  splitNames: Map<string, Set<string>>;
  removedNames: Map<string, Set<string>>;
}

export const notAnEntityId = (entityId: string) => `not-an-entity:${entityId}`;

function idOf(request: CorrectionRequest): string {
  switch (request.kind) {
    case 'hidden-name':
      return `hidden-name:${request.site ?? '*'}:${foldAlias(request.name)}`;
    case 'added-name':
    case 'removed-name':
    case 'split':
      return `${request.kind}:${request.entityId}:${foldAlias(request.name)}`;
    case 'not-an-entity':
      return notAnEntityId(request.entityId);
    default:
      return `${request.kind}:${request.entityId}`;
  }
}

/** The correction that a name given or taken cancels: taking a name the reader gave ends that correction. */
const oppositeOf = (request: CorrectionRequest) =>
  request.kind === 'added-name' || request.kind === 'removed-name' ? idOf({ ...request, kind: request.kind === 'added-name' ? 'removed-name' : 'added-name' }) : undefined;

/**
 * Stores a correction; null when it names an entity that is not stored or changes nothing. The
 * same correction again keeps the first record and answers it, with `added` false. A new type or
 * name replaces the reader's earlier one, and going back to ingestion's ends the correction.
 */
export async function addCorrection(db: ContestoDatabase, request: CorrectionRequest, now = new Date()): Promise<{ correction: StoredCorrection; added: boolean } | null> {
  const id = idOf(request);
  const created = now.toISOString();
  return db.transaction('rw', db.entities, db.corrections, async () => {
    const existing = await db.corrections.get(id);
    if (request.kind === 'hidden-name') {
      if (existing) return { correction: existing, added: false };
      const correction: StoredCorrection = { id, kind: 'hidden-name', name: request.name, key: foldAlias(request.name), ...(request.site && { site: request.site }), created };
      await db.corrections.add(correction);
      return { correction, added: true };
    }
    const entity = await db.entities.get(request.entityId);
    if (!entity) return null;
    let correction: StoredCorrection;
    switch (request.kind) {
      case 'not-an-entity':
        if (existing) return { correction: existing, added: false };
        correction = { id, kind: 'not-an-entity', entityId: entity.id, name: entity.name, type: entity.type, created };
        break;
      case 'type':
      case 'rename': {
        const was = request.kind === 'type' ? entity.type : entity.name;
        const wanted = request.kind === 'type' ? request.type : request.name;
        const current = existing && (existing.kind === 'type' ? existing.type : existing.kind === 'rename' ? existing.name : undefined);
        if (wanted === (current ?? was)) return existing ? { correction: existing, added: false } : null;
        correction =
          request.kind === 'type'
            ? { id, kind: 'type', entityId: entity.id, name: entity.name, type: request.type, was: entity.type, created }
            : { id, kind: 'rename', entityId: entity.id, name: request.name, was: entity.name, created };
        if (wanted === was) {
          await db.corrections.delete(id);
          return { correction, added: true };
        }
        break;
      }
      case 'merge': {
        if (existing) return { correction: existing, added: false };
        const into = await db.entities.get(request.into);
        // Merged into itself, at once or through earlier merges, an entity would be read as nothing.
        if (!into || finalId(into.id, await correctionsInForce(db)) === entity.id) return null;
        correction = { id, kind: 'merge', entityId: entity.id, name: entity.name, into: into.id, intoName: into.name, created };
        break;
      }
      case 'split':
        if (existing) return { correction: existing, added: false };
        // Only a name the entity has can leave it, and not its only one.
        if (entity.aliases.length < 2 || !entity.aliases.some((alias) => foldAlias(alias) === foldAlias(request.name))) return null;
        correction = { id, kind: 'split', entityId: entity.id, entityName: entity.name, name: request.name, created };
        break;
      default: {
        if (existing) return { correction: existing, added: false };
        correction = { id, kind: request.kind, entityId: entity.id, entityName: entity.name, name: request.name, created };
        const opposite = oppositeOf(request)!;
        if (await db.corrections.get(opposite)) {
          await db.corrections.delete(opposite);
          return { correction, added: true };
        }
      }
    }
    await db.corrections.put(correction);
    return { correction, added: true };
  });
}

/** Adds corrections that came with a shared knowledge base; one of the same id already stored (the reader's) is kept. */
export async function importCorrections(db: ContestoDatabase, corrections: StoredCorrection[]): Promise<void> {
  await db.transaction('rw', db.corrections, async () => {
    const stored = await db.corrections.bulkGet(corrections.map((correction) => correction.id));
    await db.corrections.bulkAdd(corrections.filter((_, i) => stored[i] === undefined));
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
  const found: CorrectionsInForce = {
    entities: new Set(),
    names: new Set(),
    namesBySite: new Map(),
    types: new Map(),
    renamed: new Map(),
    mergedInto: new Map(),
    addedNames: new Map(),
    removedNames: new Map(),
    splits: new Map(),
    splitNames: new Map(),
  };
  for (const correction of await db.corrections.toArray()) {
    switch (correction.kind) {
      case 'not-an-entity':
        found.entities.add(correction.entityId);
        break;
      case 'hidden-name':
        if (!correction.site) found.names.add(correction.key);
        else found.namesBySite.set(correction.site, (found.namesBySite.get(correction.site) ?? new Set()).add(correction.key));
        break;
      case 'type':
        found.types.set(correction.entityId, correction.type);
        break;
      case 'rename':
        found.renamed.set(correction.entityId, correction.name);
        break;
      case 'merge':
        found.mergedInto.set(correction.entityId, correction.into);
        break;
      case 'split':
        found.splits.set(splitEntityId(correction.entityId, correction.name), { from: correction.entityId, name: correction.name });
        found.splitNames.set(correction.entityId, (found.splitNames.get(correction.entityId) ?? new Set()).add(foldAlias(correction.name)));
        break;
      case 'added-name':
        found.addedNames.set(correction.entityId, [...(found.addedNames.get(correction.entityId) ?? []), correction.name]);
        break;
      case 'removed-name':
        found.removedNames.set(correction.entityId, (found.removedNames.get(correction.entityId) ?? new Set()).add(foldAlias(correction.name)));
        break;
    }
  }
  return found;
}

/** The id of the entity a name split off from `entityId` becomes: the same for the same name, so a correction holds through re-ingestion. */
export const splitEntityId = (entityId: string, name: string) => `split-${stableHash(`${entityId}\n${foldAlias(name)}`)}`;

/** The entity a split made, from the one it left (as corrected): that entity's type and documents, this one name. */
export function splitEntity(id: string, from: StoredEntity, name: string): StoredEntity {
  return { id, name, type: from.type, aliases: [name], packs: from.packs };
}

/** The entity an id is read as, through the reader's merges (a chain of them is followed to its end). */
export function finalId(entityId: string, corrections: CorrectionsInForce): string {
  let id = entityId;
  for (let step = 0; step < corrections.mergedInto.size && corrections.mergedInto.has(id); step++) id = corrections.mergedInto.get(id)!;
  return id;
}

/** The ids read as `entityId`: itself, then every entity merged into it. */
export function idsReadAs(entityId: string, corrections: CorrectionsInForce): string[] {
  return [entityId, ...[...corrections.mergedInto.keys()].filter((id) => id !== entityId && finalId(id, corrections) === entityId)];
}

/**
 * The entity as the reader corrected it: the entities merged into it lend it their names; then the
 * reader's type and name, with the names they gave and without those they took. A new name is its
 * name in every language, so every view shows it.
 */
export function asCorrected<T extends StoredEntity | undefined>(stored: T, corrections: CorrectionsInForce, merged: StoredEntity[] = []): T {
  if (!stored) return stored;
  const entity: StoredEntity =
    merged.length === 0
      ? stored
      : {
          ...stored,
          aliases: [...stored.aliases, ...uniqueNames(merged.flatMap((other) => other.aliases)).filter((alias) => !stored.aliases.some((own) => foldAlias(own) === foldAlias(alias)))],
          ...((stored.names || merged.some((other) => other.names)) && { names: mergeNames(stored.names, ...merged.map((other) => other.names)) }),
          packs: [...new Set([...stored.packs, ...merged.flatMap((other) => other.packs)])],
        };
  const type = corrections.types.get(entity.id);
  const name = corrections.renamed.get(entity.id);
  const added = corrections.addedNames.get(entity.id) ?? [];
  const taken = [...(corrections.removedNames.get(entity.id) ?? []), ...(corrections.splitNames.get(entity.id) ?? [])];
  const removed = taken.length > 0 ? new Set(taken) : undefined;
  if (!type && !name && added.length === 0 && !removed) return entity as T;
  const kept = (alias: string) => !removed?.has(foldAlias(alias));
  const known = new Set(entity.aliases.map(foldAlias));
  const aliases = [...(name && !known.has(foldAlias(name)) ? [name] : []), ...entity.aliases, ...uniqueNames(added.filter((alias) => !known.has(foldAlias(alias))))].filter(kept);
  const names: NamesByLanguage | undefined =
    entity.names && Object.fromEntries(Object.entries(entity.names).map(([lang, inLanguage]) => [lang, (name ? uniqueNames([name, ...inLanguage]) : inLanguage).filter(kept)]));
  return { ...entity, type: type ?? entity.type, name: name ?? entity.name, aliases, ...(names && { names }) } as T;
}
