/**
 * Where each document names each entity. Stored as one row per document (its mentions, and the
 * entities they name under a multi-entry index), not one row per mention: a news article names
 * some fifty things, and writing a row (with three indexes) for each made storing an import four
 * times slower than reading it. A row's mentions are numbers in one typed array (see
 * StoredDocumentMentions.spans): as objects, reading the 150 rows of an entity took 23 to 56 ms,
 * most of it rebuilding the objects. Callers see single mentions, as the pack gives them.
 */
import type { Pack, PackMention } from '@/core/pack';
import { rowsWithAnyKey } from './query';
import type { ContestoDatabase, PackId, StoredDocumentMentions, StoredMention } from './schema';

/** One row per document of `mentions`, in the pack `packId`, with its document's language. */
export function documentMentionRows(mentions: PackMention[], packId: PackId, documents: { id: string; lang?: string }[]): StoredDocumentMentions[] {
  const languages = new Map(documents.map(({ id, lang }) => [id, lang]));
  const byDocument = new Map<string, PackMention[]>();
  for (const mention of mentions) {
    const group = byDocument.get(mention.documentId);
    if (group) group.push(mention);
    else byDocument.set(mention.documentId, [mention]);
  }
  return [...byDocument].map(([documentId, group]) => {
    const entityIds = [...new Set(group.map((mention) => mention.entityId))];
    const spans = new Uint32Array(group.length * SPAN_FIELDS);
    group.forEach(({ entityId, start, end, sentenceStart, sentenceEnd }, index) => spans.set([entityIds.indexOf(entityId), start, end, sentenceStart, sentenceEnd], index * SPAN_FIELDS));
    const lang = languages.get(documentId);
    return { documentId, pack: packId, ...(lang && { lang }), entityIds, spans };
  });
}

/** Numbers per mention in a row's `spans`. */
const SPAN_FIELDS = 5;

/** A row's mentions, each as the pack gives it, with its pack. */
export function mentionsOfRow(row: StoredDocumentMentions): StoredMention[] {
  const mentions: StoredMention[] = [];
  for (let at = 0; at < row.spans.length; at += SPAN_FIELDS) mentions.push(mentionAt(row, at));
  return mentions;
}

/** The mention whose numbers start at `at` in the row's spans. */
function mentionAt({ documentId, pack, entityIds, spans }: StoredDocumentMentions, at: number): StoredMention {
  return { entityId: entityIds[spans[at]!]!, documentId, start: spans[at + 1]!, end: spans[at + 2]!, sentenceStart: spans[at + 3]!, sentenceEnd: spans[at + 4]!, pack };
}

export async function writeMentions(db: ContestoDatabase, pack: Pick<Pack, 'mentions' | 'documents'>, packId: PackId): Promise<void> {
  await db.documentMentions.bulkPut(documentMentionRows(pack.mentions, packId, pack.documents));
}

/** The rows of the documents that name any of `entityIds`. */
export function rowsNaming(db: ContestoDatabase, entityIds: string[]): Promise<StoredDocumentMentions[]> {
  return rowsWithAnyKey(db.documentMentions, 'entityIds', entityIds, (row) => row.documentId);
}

/** The mentions in `rows` of any of `entityIds`: only theirs are made into objects, not the fifty others of each document. */
export function mentionsIn(rows: StoredDocumentMentions[], entityIds: string[]): StoredMention[] {
  const wanted = new Set(entityIds);
  const mentions: StoredMention[] = [];
  for (const row of rows) {
    const indexes = new Set(row.entityIds.flatMap((id, index) => (wanted.has(id) ? [index] : [])));
    for (let at = 0; at < row.spans.length; at += SPAN_FIELDS) if (indexes.has(row.spans[at]!)) mentions.push(mentionAt(row, at));
  }
  return mentions;
}

export async function mentionsOfDocument(db: ContestoDatabase, documentId: string): Promise<StoredMention[]> {
  const row = await db.documentMentions.get(documentId);
  return row ? mentionsOfRow(row) : [];
}

export async function mentionsOfPack(db: ContestoDatabase, packId: PackId): Promise<StoredMention[]> {
  return (await db.documentMentions.where('pack').equals(packId).toArray()).flatMap(mentionsOfRow);
}
