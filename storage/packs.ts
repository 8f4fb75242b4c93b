/**
 * Importing and removing knowledge packs. A pack lands in one transaction: either every row
 * is written or none is, and the reader's notes are never touched.
 */
import { mergeNames } from '@/core/names';
import { PACK_FORMAT, PACK_VERSION, parsePack, type EntityType, type Pack } from '@/core/pack';
import { knownDocumentsCollector, type KnownDocuments } from '@/core/ingest/known-documents';
import { isUserPackId, USER_PACK_PREFIX, type UserPackId } from '@/core/pack-id';
import { mentionsOfDocument, mentionsOfPack, mentionsOfRow, writeMentions } from './mentions';
import type { ContestoDatabase, PackId, StoredDocument, StoredEntity, StoredEvent, StoredMention } from './schema';

const PACK_TABLES = ['documents', 'entities', 'events', 'documentMentions'] as const;

/** Replaces everything that came from `packId` with the pack's content (the bundled pack on every update). */
export async function importPack(db: ContestoDatabase, input: string | unknown, packId: PackId): Promise<Pack> {
  // Validate before opening the transaction: a broken pack never reaches the store.
  const pack = parsePack(input);
  await db.transaction(
    'rw',
    PACK_TABLES.map((name) => db.table(name)),
    async () => {
      await removePackRows(db, packId);
      await writePackRows(db, pack, packId);
    },
  );
  return pack;
}

/**
 * Adds the pack's content to `packId`, keeping every document already there: a reader's
 * collection only grows. A document id the store already holds refuses the whole pack, so a
 * stored document is never overwritten and no half pack is written.
 */
export async function appendToPack(db: ContestoDatabase, input: string | unknown, packId: UserPackId): Promise<Pack> {
  const pack = parsePack(input);
  await appendCheckedPack(db, pack, packId);
  return pack;
}

/** A pack already checked (parsePack, or parts checked on arrival and joined), added as appendToPack adds one. */
export async function appendCheckedPack(db: ContestoDatabase, pack: Pack, packId: UserPackId): Promise<void> {
  await db.transaction(
    'rw',
    PACK_TABLES.map((name) => db.table(name)),
    async () => {
      const stored = await db.documents.bulkGet(pack.documents.map((document) => document.id));
      const taken = stored.find((document) => document !== undefined);
      if (taken) throw new Error(`${taken.source} is already stored (document ${taken.id}); nothing was added.`);
      await writePackRows(db, pack, packId);
    },
  );
}

async function writePackRows(db: ContestoDatabase, pack: Pack, packId: PackId): Promise<void> {
  await db.documents.bulkPut(pack.documents.map((doc) => ({ ...doc, pack: packId })));
  await db.events.bulkPut(pack.events.map((event) => ({ ...event, pack: packId })));
  await writeMentions(db, pack, packId);
  const existing = new Map((await db.entities.bulkGet(pack.entities.map((e) => e.id))).flatMap((e) => (e ? [[e.id, e] as const] : [])));
  await db.entities.bulkPut(pack.entities.map((entity) => mergeEntity(existing.get(entity.id), entity, packId)));
}

function mergeEntity(stored: StoredEntity | undefined, entity: Pack['entities'][number], packId: PackId): StoredEntity {
  const aliases = [...new Set([...(stored?.aliases ?? []), ...entity.aliases])];
  const names = stored?.names || entity.names ? mergeNames(stored?.names, entity.names) : undefined;
  return {
    id: entity.id,
    name: stored?.name ?? entity.name,
    type: stored?.type ?? entity.type,
    aliases,
    ...(names && { names }),
    description: stored?.description ?? entity.description,
    packs: [...new Set([...(stored?.packs ?? []), packId])],
  };
}

/** Deletes a pack's documents, events and mentions, and the entities no other pack still holds. */
async function removePackRows(db: ContestoDatabase, packId: PackId): Promise<void> {
  await db.documents.where('pack').equals(packId).delete();
  await db.events.where('pack').equals(packId).delete();
  await db.documentMentions.where('pack').equals(packId).delete();
  await db.entities
    .where('packs')
    .equals(packId)
    .modify((entity, ref) => {
      entity.packs = entity.packs.filter((p) => p !== packId);
      if (entity.packs.length === 0) delete (ref as { value?: StoredEntity }).value;
    });
}

/**
 * Removes a pack the reader imported and answers with what it held, as a pack: appended again
 * to the same id, it puts every document, event, mention and entity back (undo).
 */
export async function removePack(db: ContestoDatabase, packId: UserPackId): Promise<Pack | null> {
  return db.transaction(
    'rw',
    PACK_TABLES.map((name) => db.table(name)),
    async () => {
      const removed = await packContent(db, packId);
      await removePackRows(db, packId);
      return removed;
    },
  );
}

async function packContent(db: ContestoDatabase, packId: PackId): Promise<Pack | null> {
  const documents = await db.documents.where('pack').equals(packId).toArray();
  if (documents.length === 0) return null;
  const [events, mentions, entities] = await Promise.all([db.events.where('pack').equals(packId).toArray(), mentionsOfPack(db, packId), db.entities.where('packs').equals(packId).toArray()]);
  return asPack(documents, events, mentions, entities);
}

/**
 * The reader's whole knowledge base as one pack, to share: every document they added (not the
 * bundled example every copy of Contesto has), what ingestion found in them, and their corrections.
 * Read in one transaction, so it is one state of the store.
 */
export async function exportKnowledge(db: ContestoDatabase): Promise<Pack> {
  return db.transaction('r', [...PACK_TABLES.map((name) => db.table(name)), db.corrections], async () => {
    const own = (row: { pack: PackId }) => row.pack !== 'bundled';
    const [documents, events, mentions, entities, corrections] = await Promise.all([
      db.documents.filter(own).toArray(),
      db.events.filter(own).toArray(),
      db.documentMentions
        .filter(own)
        .toArray()
        .then((rows) => rows.flatMap(mentionsOfRow)),
      db.entities.filter((entity) => entity.packs.some((packId) => packId !== 'bundled')).toArray(),
      db.corrections.toArray(),
    ]);
    return { ...asPack(documents, events, mentions, entities), corrections };
  });
}

/** Stored rows as a pack again, without what the store added to them. */
function asPack(documents: StoredDocument[], events: StoredEvent[], mentions: StoredMention[], entities: StoredEntity[]): Pack {
  return {
    format: PACK_FORMAT,
    version: PACK_VERSION,
    generatedAt: new Date().toISOString(),
    documents: documents.map(({ pack: _, ...document }) => document),
    events: events.map(({ pack: _, ...event }) => event),
    mentions: mentions.map(({ pack: _, ...mention }) => mention),
    entities: entities.map(({ packs: _, ...entity }) => entity),
  };
}

/**
 * Deletes one document of a reader's collection in one transaction: its mentions and events go,
 * an entity it was the last to mention goes, and an entity still mentioned elsewhere forgets the
 * collection when no other document of it mentions the entity. Notes are never touched. Answers
 * with what went, as a pack: appended again to the same collection, it puts every row back (undo).
 * Null when no such document is stored; a document of the bundled example is refused whole.
 */
export async function deleteDocument(db: ContestoDatabase, documentId: string): Promise<{ packId: UserPackId; removed: Pack } | null> {
  return db.transaction(
    'rw',
    PACK_TABLES.map((name) => db.table(name)),
    async () => {
      const document = await db.documents.get(documentId);
      if (!document) return null;
      const packId = document.pack;
      if (!isUserPackId(packId)) throw new Error(`${document.source} is part of Contesto’s bundled example, not of a collection of yours; it is not deleted.`);
      const [events, mentions] = await Promise.all([db.events.where('documentId').equals(documentId).toArray(), mentionsOfDocument(db, documentId)]);
      const entities = (await db.entities.bulkGet([...new Set(mentions.map((mention) => mention.entityId))])).filter((entity) => entity !== undefined);
      await db.documents.delete(documentId);
      await db.events.where('documentId').equals(documentId).delete();
      await db.documentMentions.delete(documentId);
      for (const entity of entities) {
        const left = db.documentMentions.where('entityIds').equals(entity.id);
        if ((await left.count()) === 0) await db.entities.delete(entity.id);
        else if ((await left.and((row) => row.pack === packId).count()) === 0) await db.entities.update(entity.id, { packs: entity.packs.filter((pack) => pack !== packId) });
      }
      return { packId, removed: asPack([document], events, mentions, entities) };
    },
  );
}

/** The bundled pack is reimported only when its content changed (install, update, new build). */
export async function seedBundledPack(db: ContestoDatabase, pack: unknown, fingerprint: string): Promise<'seeded' | 'unchanged'> {
  const current = await db.settings.get('bundledPackFingerprint');
  if (current?.value === fingerprint && (await db.documents.where('pack').equals('bundled').count()) > 0) return 'unchanged';
  await db.transaction('rw', [...PACK_TABLES.map((name) => db.table(name)), db.settings], async () => {
    await importPack(db, pack, 'bundled');
    await db.settings.put({ key: 'bundledPackFingerprint', value: fingerprint });
  });
  return 'seeded';
}

/** A document as a collection lists it. */
export type CollectionDocument = Pick<StoredDocument, 'id' | 'title' | 'date' | 'lang' | 'source'>;

export interface ImportedPack {
  packId: UserPackId;
  documents: CollectionDocument[];
}

/** The packs the reader imported (their collections), each with its documents by title. */
export async function importedPacks(db: ContestoDatabase): Promise<ImportedPack[]> {
  const byPack = new Map<UserPackId, CollectionDocument[]>();
  await db.documents
    .where('pack')
    .startsWith(USER_PACK_PREFIX)
    .each(({ pack, id, title, date, lang, source }) => {
      if (!isUserPackId(pack)) return;
      const documents = byPack.get(pack) ?? [];
      byPack.set(pack, documents);
      documents.push({ id, title, date, lang, source });
    });
  return [...byPack].map(([packId, documents]) => ({ packId, documents: documents.sort((a, b) => a.title.localeCompare(b.title)) }));
}

/** How many distinct entities each document of a pack mentions, by document id. */
export async function entityCounts(db: ContestoDatabase, packId: PackId): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  await db.documentMentions
    .where('pack')
    .equals(packId)
    .each(({ documentId, entityIds }) => counts.set(documentId, entityIds.length));
  return counts;
}

/** Every stored document's text fingerprint and id, so that an import skips what is already here. */
export async function knownDocuments(db: ContestoDatabase): Promise<KnownDocuments> {
  const collector = knownDocumentsCollector();
  await db.documents.each(collector.add);
  return collector.known;
}

/** The bundled example document with its mentions in text order, each with its entity's type (the welcome page shows it). */
export async function bundledExample(db: ContestoDatabase): Promise<{ document: StoredDocument; mentions: { start: number; end: number; type: EntityType }[] } | undefined> {
  const document = await db.documents.where('pack').equals('bundled').first();
  if (!document) return undefined;
  const mentions = await mentionsOfDocument(db, document.id);
  const types = new Map((await db.entities.bulkGet([...new Set(mentions.map((mention) => mention.entityId))])).flatMap((entity) => (entity ? [[entity.id, entity.type] as const] : [])));
  return {
    document,
    mentions: mentions.flatMap(({ start, end, entityId }) => (types.has(entityId) ? [{ start, end, type: types.get(entityId)! }] : [])).sort((a, b) => a.start - b.start),
  };
}
