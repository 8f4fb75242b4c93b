/**
 * Where each document names each entity. Stored as one row per document (its mentions, and the
 * entities they name under a multi-entry index), not one row per mention: a news article names
 * some fifty things, and writing a row (with three indexes) for each made storing an import four
 * times slower than reading it. Callers see single mentions, as the pack gives them.
 */
import type { PackMention } from '@/core/pack';
import type { ContestoDatabase, PackId, StoredDocumentMentions, StoredMention } from './schema';

/** One row per document of `mentions`, in the pack `packId`. */
export function documentMentionRows(mentions: PackMention[], packId: PackId): StoredDocumentMentions[] {
  const byDocument = new Map<string, StoredDocumentMentions>();
  for (const { documentId, entityId, start, end, sentenceStart, sentenceEnd } of mentions) {
    let row = byDocument.get(documentId);
    if (!row) byDocument.set(documentId, (row = { documentId, pack: packId, entityIds: [], mentions: [] }));
    row.mentions.push({ entityId, start, end, sentenceStart, sentenceEnd });
  }
  for (const row of byDocument.values()) row.entityIds = [...new Set(row.mentions.map((mention) => mention.entityId))];
  return [...byDocument.values()];
}

/** A row's mentions, each as the pack gives it, with its pack. */
export function mentionsOfRow({ documentId, pack, mentions }: StoredDocumentMentions): StoredMention[] {
  return mentions.map((mention) => ({ ...mention, documentId, pack }));
}

export async function writeMentions(db: ContestoDatabase, mentions: PackMention[], packId: PackId): Promise<void> {
  await db.documentMentions.bulkPut(documentMentionRows(mentions, packId));
}

/** Every mention of any of `entityIds`. */
export async function mentionsOfEntities(db: ContestoDatabase, entityIds: string[]): Promise<StoredMention[]> {
  const wanted = new Set(entityIds);
  const rows = await db.documentMentions.where('entityIds').anyOf(entityIds).distinct().toArray();
  return rows.flatMap((row) => mentionsOfRow(row).filter((mention) => wanted.has(mention.entityId)));
}

export async function mentionsOfDocument(db: ContestoDatabase, documentId: string): Promise<StoredMention[]> {
  const row = await db.documentMentions.get(documentId);
  return row ? mentionsOfRow(row) : [];
}

export async function mentionsOfPack(db: ContestoDatabase, packId: PackId): Promise<StoredMention[]> {
  return (await db.documentMentions.where('pack').equals(packId).toArray()).flatMap(mentionsOfRow);
}
