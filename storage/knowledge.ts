/** Read-side repositories over the knowledge base: what the popover, side panel and search ask. */
import { foldAlias } from '@/core/normalize';
import { sentencesOf } from '@/core/ingest/sentences';
import type { ContestoDatabase, StoredDocument, StoredEntity, StoredEvent } from './schema';

export function entityById(db: ContestoDatabase, id: string): Promise<StoredEntity | undefined> {
  return db.entities.get(id);
}

export function entitiesByAlias(db: ContestoDatabase, alias: string): Promise<StoredEntity[]> {
  return db.entities.where('aliasKeys').equals(foldAlias(alias)).toArray();
}

/** Events an entity took part in, oldest first (dates are ISO strings at mixed precision, so they sort as text). */
export function eventsOfEntity(db: ContestoDatabase, entityId: string): Promise<StoredEvent[]> {
  return db.events.where('entities').equals(entityId).sortBy('date');
}

export interface DocumentMentions {
  document: Pick<StoredDocument, 'id' | 'title' | 'date' | 'source' | 'lang'>;
  /** The distinct sentences of the document that mention the entity, in reading order. */
  sentences: string[];
}

export async function documentsMentioning(db: ContestoDatabase, entityId: string): Promise<DocumentMentions[]> {
  const mentions = await db.mentions.where('entityId').equals(entityId).toArray();
  const byDocument = new Map<string, typeof mentions>();
  for (const mention of mentions) byDocument.set(mention.documentId, [...(byDocument.get(mention.documentId) ?? []), mention]);
  const documents = await db.documents.bulkGet([...byDocument.keys()]);
  return documents.flatMap((doc) => {
    if (!doc) return [];
    // The same sentences ingestion reads (quotes kept whole), so sources read like event summaries.
    const all = sentencesOf(doc.text, doc.lang ?? 'en');
    const starts = byDocument.get(doc.id)!.map((m) => m.start).sort((a, b) => a - b);
    const sentences = [...new Set(starts.flatMap((start) => all.find((sentence) => sentence.start <= start && start < sentence.end)?.text ?? []))];
    const { id, title, date, source, lang } = doc;
    return [{ document: { id, title, date, source, lang }, sentences }];
  });
}

export interface RelatedEntity {
  entity: StoredEntity;
  /** How many documents mention both. */
  documents: number;
}

/** Entities mentioned in the same documents, most shared first. */
export async function coMentionedEntities(db: ContestoDatabase, entityId: string, limit = 20): Promise<RelatedEntity[]> {
  const documentIds = [...new Set((await db.mentions.where('entityId').equals(entityId).toArray()).map((m) => m.documentId))];
  const counts = new Map<string, number>();
  for (const documentId of documentIds) {
    const others = new Set((await db.mentions.where('documentId').equals(documentId).toArray()).map((m) => m.entityId));
    others.delete(entityId);
    for (const other of others) counts.set(other, (counts.get(other) ?? 0) + 1);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1]).slice(0, limit);
  const entities = await db.entities.bulkGet(ranked.map(([id]) => id));
  return ranked.flatMap(([, documents], i) => (entities[i] ? [{ entity: entities[i]!, documents }] : []));
}
