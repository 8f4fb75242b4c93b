/**
 * Read-side repositories over the knowledge base: what the popover, the side panel, search and the
 * popup show. Components and services read through these, never through the tables.
 */
import { summarySpan, type TextSpan } from '@/core/document-link';
import type { DictionaryEntry } from '@/core/match';
import type { EntityType } from '@/core/pack';
import { foldAlias } from '@/core/normalize';
import { isUserPackId, userPackLabel } from '@/core/pack-id';
import { asCorrected, correctionsInForce, finalId, idsReadAs, splitEntity, type CorrectionsInForce } from './corrections';
import { mentionsIn, rowsNaming } from './mentions';
import { notesOnEntity } from './notes';
import { rowsWithAnyKey } from './query';
import type { ContestoDatabase, StoredDocument, StoredDocumentMentions, StoredEntity, StoredEvent, StoredMention, StoredNote } from './schema';

/** Events with what a list of them shows besides: their documents' titles and their entities. */
export interface EventsInContext {
  /** Oldest first (dates are ISO strings at mixed precision, so they sort as text). */
  events: StoredEvent[];
  titles: Map<string, string>;
  entities: Map<string, StoredEntity>;
  /** Where each event's sentence is in its document, by event id, when the document holds it. */
  sentences: Map<string, TextSpan>;
}

async function inContext(db: ContestoDatabase, events: StoredEvent[]): Promise<EventsInContext> {
  const entityIds = [...new Set(events.flatMap((event) => event.entities))];
  const [documents, entities] = await Promise.all([db.documents.bulkGet([...new Set(events.map((event) => event.documentId))]), correctedEntities(db, entityIds)]);
  const texts = new Map(documents.flatMap((doc) => (doc ? [[doc.id, doc.text] as const] : [])));
  return {
    events,
    titles: new Map(documents.flatMap((doc) => (doc ? [[doc.id, doc.title] as const] : []))),
    // By the id the event holds: one merged into another is shown as that other.
    entities: new Map(entityIds.flatMap((id, i) => (entities[i] ? [[id, entities[i]] as const] : []))),
    sentences: new Map(
      events.flatMap((event) => {
        const span = summarySpan(event.summary, texts.get(event.documentId) ?? '');
        return span ? [[event.id, span] as const] : [];
      }),
    ),
  };
}

/** Every event of the knowledge base, for the timeline. */
export async function allEvents(db: ContestoDatabase): Promise<EventsInContext> {
  return inContext(db, await db.events.orderBy('date').toArray());
}

export interface DocumentMentions {
  document: Pick<StoredDocument, 'id' | 'title' | 'date' | 'source' | 'lang'>;
  /** The distinct sentences of the document that mention the entity, in reading order, with their offsets in its text. */
  sentences: ({ text: string } & TextSpan)[];
}

export interface RelatedEntity {
  entity: StoredEntity;
  /** How many documents mention both. */
  documents: number;
}

/** Everything known about one entity: what the side panel's entity view shows, and the popover's card a part of. */
export interface EntityDossier {
  entity: StoredEntity;
  events: EventsInContext;
  /** The documents that mention it, with the sentences that do (the same sentences ingestion read). */
  documents: DocumentMentions[];
  /** Entities mentioned in the same documents, most shared first. */
  related: RelatedEntity[];
  /** The reader's notes on it, newest first. */
  notes: StoredNote[];
}

const RELATED_SHOWN = 20;

/** An entity as the reader corrected it, the stored ids read as it, and where its documents name it. */
interface EntityReading {
  entity: StoredEntity;
  ids: string[];
  /** The rows of the documents that name it, and its mentions in them. */
  rows: StoredDocumentMentions[];
  mentions: StoredMention[];
  /** Its events, oldest first. */
  events: StoredEvent[];
  notes: StoredNote[];
  corrections: CorrectionsInForce;
}

async function readEntity(db: ContestoDatabase, entityId: string, known?: CorrectedKnowledge): Promise<EntityReading | null> {
  const corrections = known?.corrections ?? (await correctionsInForce(db));
  // The id the entity is read as follows from the corrections alone, so its documents, events and
  // notes are read beside the entity itself rather than after it (read again in the rare case
  // where the stored entity says otherwise).
  const expectedId = corrections.splits.has(entityId) ? entityId : finalId(entityId, corrections);
  const expected = readAround(db, expectedId, corrections);
  expected.catch(() => undefined); // not awaited when the entity is gone or read as another: its failure is no one's
  const [entity] = await entitiesAsCorrected(db, [entityId], corrections, known);
  if (!entity) return null;
  const { ids, rows, events, notes, mentions } = await (entity.id === expectedId ? expected : readAround(db, entity.id, corrections));
  return { entity, ids, rows, mentions, events, notes, corrections };
}

/** The stored ids read as the entity `entityId` (as corrected), and what names it. */
async function readAround(db: ContestoDatabase, entityId: string, corrections: CorrectionsInForce): Promise<Omit<EntityReading, 'entity' | 'corrections'>> {
  // A name split off takes with it the mentions that write it, and the events whose sentence does.
  const split = corrections.splits.get(entityId);
  const ids = idsReadAs(split ? finalId(split.from, corrections) : entityId, corrections);
  const splitKey = split && foldAlias(split.name);
  const leftNames = corrections.splitNames.get(entityId);
  const [rows, events, notes] = await Promise.all([
    rowsNaming(db, ids),
    rowsWithAnyKey(db.events, 'entities', ids, (event) => event.id).then((events) =>
      events.filter((event) => !splitKey || foldAlias(event.summary).includes(splitKey)).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    ),
    Promise.all((split ? [entityId] : ids).map((id) => notesOnEntity(db, id))).then((lists) => lists.flat().sort((a, b) => b.created.localeCompare(a.created))),
  ]);
  const candidates = mentionsIn(rows, ids);
  const mentions = splitKey ? await mentionsWriting(db, candidates, (key) => key === splitKey) : leftNames ? await mentionsWriting(db, candidates, (key) => !leftNames.has(key)) : candidates;
  return { ids, rows, mentions, events, notes };
}

/** What is known of an entity, or of the one the reader merged it into, with what the entities merged into it contribute. */
export async function entityDossier(db: ContestoDatabase, entityId: string): Promise<EntityDossier | null> {
  const reading = await readEntity(db, entityId);
  if (!reading) return null;
  const { entity, ids, rows, mentions, notes, corrections } = reading;
  const [events, documents] = await Promise.all([inContext(db, reading.events), documentsMentioning(db, mentions)]);
  const related = await coMentionedEntities(db, ids, rows, mentions, corrections);
  return { entity, events, documents, related, notes };
}

/** What a card shows of an entity: its newest events, its first sources and the entities most named with it, read without the documents it does not show. */
export interface EntityCardFacts {
  entity: StoredEntity;
  /** Newest first. */
  events: StoredEvent[];
  eventCount: number;
  sources: ({ document: DocumentMentions['document']; text: string } & TextSpan)[];
  /** Sentences that name the entity, across its documents. */
  sourceCount: number;
  related: RelatedEntity[];
  /** The languages of the documents that name it, each once, in the order of its documents (a country is named in thousands). */
  documentLanguages: string[];
  noteCount: number;
}

export async function entityCardFacts(
  db: ContestoDatabase,
  entityId: string,
  shown: { events: number; sources: number; related: number },
  known?: CorrectedKnowledge,
): Promise<EntityCardFacts | null> {
  const reading = await readEntity(db, entityId, known);
  if (!reading) return null;
  const { entity, ids, rows, mentions, events, notes, corrections } = reading;
  const named = new Set(mentions.map((mention) => mention.documentId));
  // One mention per sentence the card shows: only those sentences' documents are read.
  const shownMentions: StoredMention[] = [];
  const sentences = new Set<string>();
  for (const mention of mentions) {
    const key = `${mention.documentId}:${mention.sentenceStart}`;
    if (sentences.has(key)) continue;
    sentences.add(key);
    if (sentences.size <= shown.sources) shownMentions.push(mention);
  }
  const [shownDocuments, related] = await Promise.all([documentsMentioning(db, shownMentions), coMentionedEntities(db, ids, rows, mentions, corrections, known)]);
  return {
    entity,
    events: events.slice(-shown.events).reverse(),
    eventCount: events.length,
    sources: shownDocuments.flatMap(({ document, sentences }) => sentences.map((sentence) => ({ document, ...sentence }))).slice(0, shown.sources),
    sourceCount: sentences.size,
    related: related.slice(0, shown.related),
    documentLanguages: [...new Set(rows.flatMap((row) => (named.has(row.documentId) && row.lang ? [row.lang] : [])))],
    noteCount: notes.length,
  };
}

/** The mentions whose words, folded, pass `keep`. */
async function mentionsWriting(db: ContestoDatabase, mentions: StoredMention[], keep: (key: string) => boolean): Promise<StoredMention[]> {
  const texts = new Map((await db.documents.bulkGet([...new Set(mentions.map((mention) => mention.documentId))])).flatMap((document) => (document ? [[document.id, document.text] as const] : [])));
  return mentions.filter((mention) => keep(foldAlias((texts.get(mention.documentId) ?? '').slice(mention.start, mention.end))));
}

async function documentsMentioning(db: ContestoDatabase, mentions: StoredMention[]): Promise<DocumentMentions[]> {
  const byDocument = new Map<string, StoredMention[]>();
  for (const mention of mentions) byDocument.set(mention.documentId, [...(byDocument.get(mention.documentId) ?? []), mention]);
  const documents = await db.documents.bulkGet([...byDocument.keys()]);
  return documents.flatMap((doc) => {
    if (!doc) return [];
    const inOrder = byDocument.get(doc.id)!.sort((a, b) => a.start - b.start);
    // A sentence the document repeats word for word is shown once, where it first is.
    const sentences = new Map<string, { text: string } & TextSpan>();
    for (const { sentenceStart: start, sentenceEnd: end } of inOrder) {
      const text = doc.text.slice(start, end);
      if (!sentences.has(text)) sentences.set(text, { text, start, end });
    }
    const { id, title, date, source, lang } = doc;
    return [{ document: { id, title, date, source, lang }, sentences: [...sentences.values()] }];
  });
}

/** The entities most named in the documents of `mentions` (their `rows`), with how many documents name both. */
async function coMentionedEntities(
  db: ContestoDatabase,
  ids: string[],
  rows: StoredDocumentMentions[],
  mentions: StoredMention[],
  corrections: CorrectionsInForce,
  known?: CorrectedKnowledge,
): Promise<RelatedEntity[]> {
  const counts = new Map<string, number>();
  const named = new Set(mentions.map((m) => m.documentId));
  for (const row of rows) {
    if (!named.has(row.documentId)) continue;
    const others = new Set(row.entityIds.map((id) => finalId(id, corrections)));
    for (const own of ids) others.delete(own);
    for (const other of others) counts.set(other, (counts.get(other) ?? 0) + 1);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1]).slice(0, RELATED_SHOWN);
  const entities = await entitiesAsCorrected(
    db,
    ranked.map(([id]) => id),
    corrections,
    known,
  );
  return ranked.flatMap(([, documents], i) => (entities[i] ? [{ entity: entities[i]!, documents }] : []));
}

/** Entities by id as the reader corrected them (storage/corrections.ts), undefined where none is stored. */
async function correctedEntities(db: ContestoDatabase, ids: string[], known?: CorrectionsInForce): Promise<(StoredEntity | undefined)[]> {
  const corrections = known ?? (await correctionsInForce(db));
  // A split's entity is made from the one its name left.
  const sourceOf = (id: string) => finalId(corrections.splits.get(id)?.from ?? id, corrections);
  const groups = ids.map((id) => idsReadAs(sourceOf(id), corrections));
  const stored = new Map((await db.entities.bulkGet([...new Set(groups.flat())])).flatMap((entity) => (entity ? [[entity.id, entity] as const] : [])));
  return groups.map(([id, ...merged], i) => {
    const entity = asCorrected(
      stored.get(id!),
      corrections,
      merged.flatMap((other) => stored.get(other) ?? []),
    );
    const split = corrections.splits.get(ids[i]!);
    return entity && split ? splitEntity(ids[i]!, entity, split.name) : entity;
  });
}

/** Entities by id as the reader corrected them, from `known` when the caller holds it, else from the store. */
async function entitiesAsCorrected(db: ContestoDatabase, ids: string[], corrections: CorrectionsInForce, known?: CorrectedKnowledge): Promise<(StoredEntity | undefined)[]> {
  return known ? ids.map(known.entity) : correctedEntities(db, ids, corrections);
}

/**
 * Every entity as the reader corrected it, with the corrections: read once, it serves every
 * page's dictionary and every card until the knowledge changes (the background keeps one). A card
 * that reads its related entities from it rather than the store saves a round trip to the store.
 */
export interface CorrectedKnowledge {
  corrections: CorrectionsInForce;
  entities: StoredEntity[];
  /** The entity an id is read as (one merged into another is that other), as correctedEntities reads it. */
  entity(id: string): StoredEntity | undefined;
}

export async function correctedKnowledge(db: ContestoDatabase): Promise<CorrectedKnowledge> {
  const corrections = await correctionsInForce(db);
  const entities = await allCorrectedEntities(db, corrections);
  const byId = new Map(entities.map((entity) => [entity.id, entity]));
  return { corrections, entities, entity: (id) => byId.get(corrections.splits.has(id) ? id : finalId(id, corrections)) };
}

/** Every entity as the reader corrected it, those merged into another left out. */
async function allCorrectedEntities(db: ContestoDatabase, known?: CorrectionsInForce): Promise<StoredEntity[]> {
  const [stored, corrections] = await Promise.all([db.entities.toArray(), known ?? correctionsInForce(db)]);
  const byId = new Map(stored.map((entity) => [entity.id, entity]));
  const entities = stored
    .filter((entity) => finalId(entity.id, corrections) === entity.id)
    .map((entity) =>
      asCorrected(
        entity,
        corrections,
        idsReadAs(entity.id, corrections).flatMap((id) => (id !== entity.id && byId.get(id)) || []),
      ),
    );
  const corrected = new Map(entities.map((entity) => [entity.id, entity]));
  const splits = [...corrections.splits].flatMap(([id, { from, name }]) => {
    const source = corrected.get(finalId(from, corrections));
    return source ? [splitEntity(id, source, name)] : [];
  });
  return [...entities, ...splits];
}

/** Entities' names by id, for lists that hold ids (the page's entities, notes on entities). */
export async function entityNames(db: ContestoDatabase, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const entities = await correctedEntities(db, unique);
  // By the id asked for: one merged into another is named as that other.
  return new Map(unique.flatMap((id, i) => (entities[i] ? [[id, entities[i].name] as const] : [])));
}

export interface KnowledgeCounts {
  entities: number;
  events: number;
  documents: number;
}

export async function knowledgeCounts(db: ContestoDatabase): Promise<KnowledgeCounts> {
  const [entities, events, documents] = await Promise.all([db.entities.count(), db.events.count(), db.documents.count()]);
  return { entities, events, documents };
}

/** Every entity by name, for choosing another (the side panel's "Same as"). */
export async function entityChoices(db: ContestoDatabase): Promise<{ id: string; name: string; type: EntityType }[]> {
  const entities = await allCorrectedEntities(db);
  return entities.map(({ id, name, type }) => ({ id, name, type })).sort((a, b) => a.name.localeCompare(b.name));
}

/** The whole knowledge base, for the search index. */
export async function allKnowledge(db: ContestoDatabase): Promise<{ entities: StoredEntity[]; events: StoredEvent[]; documents: StoredDocument[] }> {
  const [entities, events, documents] = await Promise.all([allCorrectedEntities(db), db.events.toArray(), db.documents.toArray()]);
  return { entities, events, documents };
}

/**
 * Every alias of every entity, for the matcher (core/match): what pages and the document view
 * highlight, less what the reader corrected away (storage/corrections.ts) everywhere and, for a
 * page, on its `site`.
 */
export async function knowledgeDictionary(db: ContestoDatabase, site?: string): Promise<DictionaryEntry[]> {
  return dictionaryOf(await correctedKnowledge(db), site);
}

/** knowledgeDictionary from knowledge already read. */
export function dictionaryOf({ corrections: excluded, entities }: CorrectedKnowledge, site?: string): DictionaryEntry[] {
  const onSite = (site && excluded.namesBySite.get(site)) || new Set<string>();
  const hidden = (alias: string) => excluded.names.size + onSite.size > 0 && (excluded.names.has(foldAlias(alias)) || onSite.has(foldAlias(alias)));
  return entities
    .filter((entity) => !excluded.entities.has(entity.id))
    .flatMap((entity) => entity.aliases.filter((alias) => !hidden(alias)).map((alias) => ({ alias, entityId: entity.id, type: entity.type })));
}

/** One document as the document view shows it, with the name of the collection it belongs to (none for the bundled example). */
export async function documentWithCollection(db: ContestoDatabase, documentId: string): Promise<{ document: StoredDocument; collection?: string } | null> {
  const document = await db.documents.get(documentId);
  if (!document) return null;
  return { document, ...(isUserPackId(document.pack) && { collection: userPackLabel(document.pack) }) };
}
