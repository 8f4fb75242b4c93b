/**
 * Importing and removing knowledge packs. A pack lands in one transaction: either every row
 * is written or none is, and the reader's notes are never touched.
 */
import { mergeNames } from '@/core/names';
import { parsePack, type Pack } from '@/core/pack';
import { isUserPackId, USER_PACK_PREFIX, type UserPackId } from '@/core/pack-id';
import type { ContestoDatabase, PackId, StoredEntity } from './schema';

const PACK_TABLES = ['documents', 'entities', 'events', 'mentions'] as const;

/** Replaces everything that came from `packId` with the pack's content. */
export async function importPack(db: ContestoDatabase, input: string | unknown, packId: PackId): Promise<Pack> {
  // Validate before opening the transaction: a broken pack never reaches the store.
  const pack = parsePack(input);
  await db.transaction(
    'rw',
    PACK_TABLES.map((name) => db.table(name)),
    async () => {
      await removePackRows(db, packId);
      await db.documents.bulkPut(pack.documents.map((doc) => ({ ...doc, pack: packId })));
      await db.events.bulkPut(pack.events.map((event) => ({ ...event, pack: packId })));
      await db.mentions.bulkAdd(
        pack.mentions.map(({ entityId, documentId, start, end, sentenceStart, sentenceEnd }) => ({ entityId, documentId, start, end, sentenceStart, sentenceEnd, pack: packId })),
      );
      const existing = new Map((await db.entities.bulkGet(pack.entities.map((e) => e.id))).flatMap((e) => (e ? [[e.id, e] as const] : [])));
      await db.entities.bulkPut(pack.entities.map((entity) => mergeEntity(existing.get(entity.id), entity, packId)));
    },
  );
  return pack;
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
  await db.mentions.where('pack').equals(packId).delete();
  await db.entities
    .where('packs')
    .equals(packId)
    .modify((entity, ref) => {
      entity.packs = entity.packs.filter((p) => p !== packId);
      if (entity.packs.length === 0) delete (ref as { value?: StoredEntity }).value;
    });
}

export async function removePack(db: ContestoDatabase, packId: PackId): Promise<void> {
  await db.transaction(
    'rw',
    PACK_TABLES.map((name) => db.table(name)),
    () => removePackRows(db, packId),
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

export interface ImportedPack {
  packId: UserPackId;
  documents: number;
}

/** The packs the reader imported, with how many documents each holds. */
export async function importedPacks(db: ContestoDatabase): Promise<ImportedPack[]> {
  const counts = new Map<UserPackId, number>();
  await db.documents
    .where('pack')
    .startsWith(USER_PACK_PREFIX)
    .each(({ pack }) => {
      if (isUserPackId(pack)) counts.set(pack, (counts.get(pack) ?? 0) + 1);
    });
  return [...counts].map(([packId, documents]) => ({ packId, documents }));
}
