/**
 * The knowledge pack, format v2: what ingestion writes, what the store imports, and what users
 * may exchange. Validation lives here so that the CLI, the background and the tests refuse the
 * same things with the same words.
 *
 * Version 2 adds to each mention the span of the sentence it is in, so that the store shows a
 * mention's sentence without splitting its document again. Version 1 packs (files exported or
 * built before) are still read: their sentences are found once, on import, as ingestion finds them.
 */
import * as v from 'valibot';
import { ENTITY_TYPES } from './entity-types';
import { sentencesOf } from './ingest/sentences';

export const PACK_FORMAT = 'contesto-pack';
export const PACK_VERSION = 2;

export { ENTITY_TYPES, type EntityType } from './entity-types';

/** ISO 8601 at the precision the text gives: 2022, 2022-07 or 2022-07-13. */
export const ISO_PARTIAL_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

// No control characters: ids travel one per line in the compiled dictionary (core/match).
const id = v.pipe(v.string(), v.minLength(1), v.maxLength(200), v.regex(/^[^\p{Cc}]+$/u, 'must not contain control characters'));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const partialDate = v.pipe(v.string(), v.regex(ISO_PARTIAL_DATE, 'must be an ISO date such as 2022, 2022-07 or 2022-07-13'));
const offset = v.pipe(v.number(), v.integer(), v.minValue(0));

export const DocumentSchema = v.looseObject({
  id,
  title: text(2_000),
  date: v.optional(partialDate),
  lang: v.optional(text(20)),
  source: text(2_000),
  /** Where the text came from (a document's `source` header: often its web address), when it says. */
  origin: v.optional(text(8_192)),
  text: text(20_000_000),
});

export const EntitySchema = v.looseObject({
  id,
  name: v.pipe(text(500), v.minLength(1)),
  type: v.picklist(ENTITY_TYPES),
  aliases: v.pipe(v.array(v.pipe(text(500), v.minLength(1))), v.minLength(1)),
  /** The names whose language is known, by language (core/names.ts); packs before it have none. */
  names: v.optional(v.record(v.pipe(text(20), v.minLength(1)), v.array(v.pipe(text(500), v.minLength(1))))),
  description: v.optional(text(5_000)),
});

export const EventSchema = v.looseObject({
  id,
  date: partialDate,
  summary: text(5_000),
  entities: v.array(id),
  documentId: id,
});

const MentionV1Schema = v.looseObject({
  entityId: id,
  documentId: id,
  start: offset,
  end: offset,
});

export const MentionSchema = v.looseObject({
  ...MentionV1Schema.entries,
  /** The sentence the mention is in (core/ingest/sentences), as offsets in its document's text. */
  sentenceStart: offset,
  sentenceEnd: offset,
});

const correctionId = v.pipe(v.string(), v.minLength(1), v.maxLength(1_200));
const entityId = id;
const correctedName = v.pipe(v.string(), v.minLength(1), v.maxLength(500));
const entityType = v.picklist(ENTITY_TYPES);
const created = v.pipe(v.string(), v.isoTimestamp());

/**
 * The reader's corrections of the knowledge base as records (storage/corrections.ts stores and
 * applies them), checked wherever one arrives from outside: a shared knowledge pack carries them.
 */
export const CorrectionSchema = v.variant('kind', [
  /** The popover's "Not an entity": none of the entity's names is highlighted. `name` and `type` are the entity's when corrected, so the list still reads after it has gone. */
  v.strictObject({ id: correctionId, kind: v.literal('not-an-entity'), entityId, name: correctedName, type: entityType, created }),
  /** "Don't highlight this name": these words (`key`, folded as aliases are compared) on one site (a host name) or, without one, anywhere. */
  v.strictObject({ id: correctionId, kind: v.literal('hidden-name'), name: correctedName, key: correctedName, site: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(300))), created }),
  /** The reader's type for an entity ingestion typed wrongly; `was` is ingestion's. */
  v.strictObject({ id: correctionId, kind: v.literal('type'), entityId, name: correctedName, type: entityType, was: entityType, created }),
  /** The reader's name for an entity, shown everywhere and highlighted with its other names; `was` is ingestion's. */
  v.strictObject({ id: correctionId, kind: v.literal('rename'), entityId, name: correctedName, was: correctedName, created }),
  /** A name the reader gave an entity or took from it. */
  v.strictObject({ id: correctionId, kind: v.picklist(['added-name', 'removed-name']), entityId, entityName: correctedName, name: correctedName, created }),
  /** Two entities that are one: `entityId` is read as `into`, with all its names, mentions and events. */
  v.strictObject({ id: correctionId, kind: v.literal('merge'), entityId, name: correctedName, into: entityId, intoName: correctedName, created }),
  /** A name split off into an entity of its own (one name, two people): the documents that write it are that entity's. */
  v.strictObject({ id: correctionId, kind: v.literal('split'), entityId, entityName: correctedName, name: correctedName, created }),
]);

export type StoredCorrection = v.InferOutput<typeof CorrectionSchema>;
export type NotAnEntityCorrection = Extract<StoredCorrection, { kind: 'not-an-entity' }>;
export type HiddenNameCorrection = Extract<StoredCorrection, { kind: 'hidden-name' }>;
export type TypeCorrection = Extract<StoredCorrection, { kind: 'type' }>;
export type RenameCorrection = Extract<StoredCorrection, { kind: 'rename' }>;
export type EntityNameCorrection = Extract<StoredCorrection, { kind: 'added-name' | 'removed-name' }>;
export type MergeCorrection = Extract<StoredCorrection, { kind: 'merge' }>;
export type SplitCorrection = Extract<StoredCorrection, { kind: 'split' }>;

const PackBodySchema = v.looseObject({
  format: v.literal(PACK_FORMAT),
  version: v.literal(PACK_VERSION),
  generatedAt: v.pipe(v.string(), v.isoTimestamp()),
  documents: v.array(DocumentSchema),
  entities: v.array(EntitySchema),
  events: v.array(EventSchema),
  mentions: v.array(MentionSchema),
  /** A whole knowledge base shared (the options page's export): the reader's corrections, and their notes when they chose to share them (a Web Annotation collection). */
  corrections: v.optional(v.array(CorrectionSchema)),
  notes: v.optional(v.unknown()),
});

const PackV1BodySchema = v.looseObject({ ...PackBodySchema.entries, version: v.literal(1), mentions: v.array(MentionV1Schema) });

export type PackDocument = v.InferOutput<typeof DocumentSchema>;
export type PackEntity = v.InferOutput<typeof EntitySchema>;
export type PackEvent = v.InferOutput<typeof EventSchema>;
export type PackMention = v.InferOutput<typeof MentionSchema>;
export type Pack = v.InferOutput<typeof PackBodySchema>;
/** A pack as version 1 wrote it: mentions without their sentences. */
export type PackV1 = v.InferOutput<typeof PackV1BodySchema>;

/** What is wrong with one record, in the words parsePack would use, or undefined when it is valid. */
export function recordProblem(schema: typeof DocumentSchema | typeof EntitySchema | typeof EventSchema, value: unknown, what: string): string | undefined {
  const result = v.safeParse(schema, value);
  return result.success ? undefined : describeIssue(result.issues[0], what);
}

/** "entities.0.name: Invalid length", led by what the record is when there is one to name. */
function describeIssue(issue: v.BaseIssue<unknown>, what?: string): string {
  return `${[what, v.getDotPath(issue)].filter(Boolean).join(' ') || 'pack'}: ${issue.message}`;
}

export class PackError extends Error {
  override name = 'PackError';
}

/** Refuses anything larger: a pack of 10,000 documents is far below, 50 MB of garbage is above. */
export const MAX_PACK_BYTES = 200 * 1024 * 1024;

/**
 * Reads a pack from JSON text or an already parsed value. Throws a PackError whose message
 * says what is wrong in words a reader can act on; never returns a half-valid pack.
 */
export function parsePack(input: string | unknown): Pack {
  let value: unknown = input;
  if (typeof input === 'string') {
    if (input.length > MAX_PACK_BYTES) throw new PackError(`Not a knowledge pack: the file is larger than ${MAX_PACK_BYTES / 1024 / 1024} MB.`);
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new PackError(`Not a knowledge pack: the file is not valid JSON (${(error as Error).message}).`);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PackError('Not a knowledge pack: expected a JSON object.');
  }
  const { format, version } = value as { format?: unknown; version?: unknown };
  if (format !== PACK_FORMAT) {
    throw new PackError(`Not a knowledge pack: format is ${JSON.stringify(format) ?? 'missing'}, expected "${PACK_FORMAT}".`);
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new PackError(`Broken knowledge pack: version is ${JSON.stringify(version) ?? 'missing'}, expected a whole number.`);
  }
  if (version > PACK_VERSION) {
    throw new PackError(`This knowledge pack is version ${version}, newer than this Contesto reads (${PACK_VERSION}). Update Contesto to import it.`);
  }
  const result = version === 1 ? v.safeParse(PackV1BodySchema, value) : v.safeParse(PackBodySchema, value);
  if (!result.success) {
    throw new PackError(`Broken knowledge pack: ${describeIssue(result.issues[0])}.`);
  }
  checkReferences(result.output);
  return result.output.version === 1 ? upgradeV1(result.output) : result.output;
}

function upgradeV1(pack: PackV1): Pack {
  const byDocument = new Map(pack.documents.map((doc) => [doc.id, [] as PackV1['mentions']]));
  for (const mention of pack.mentions) byDocument.get(mention.documentId)!.push(mention);
  return { ...pack, version: PACK_VERSION, mentions: pack.documents.flatMap((doc) => withSentenceSpans(doc, byDocument.get(doc.id)!)) };
}

/** The sentence a mention's words are in: the first of `sentences` (in text order) that ends after `start`. */
export function sentenceAt<S extends { start: number; end: number }>(sentences: S[], start: number): S | undefined {
  let low = 0;
  let high = sentences.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sentences[middle]!.end <= start) low = middle + 1;
    else high = middle;
  }
  return sentences[low];
}

/** Gives one document's mentions, from a version 1 pack or store, the spans of their sentences. */
export function withSentenceSpans<M extends { start: number; end: number }>(document: { text: string; lang?: string }, mentions: M[]): (M & Pick<PackMention, 'sentenceStart' | 'sentenceEnd'>)[] {
  if (mentions.length === 0) return [];
  // The language version 1 read with: ingestion always writes one.
  const sentences = sentencesOf(document.text, document.lang ?? 'en');
  return mentions.map((mention) => {
    const sentence = sentenceAt(sentences, mention.start) ?? mention;
    return { ...mention, sentenceStart: sentence.start, sentenceEnd: sentence.end };
  });
}

/** Ids must be unique and every reference must point at something in the pack. */
function checkReferences(pack: Pack | PackV1): void {
  const unique = (items: { id: string }[], what: string) => {
    const seen = new Set<string>();
    for (const item of items) {
      if (seen.has(item.id)) throw new PackError(`Broken knowledge pack: ${what} id "${item.id}" appears twice.`);
      seen.add(item.id);
    }
    return seen;
  };
  const documents = unique(pack.documents, 'document');
  const entities = unique(pack.entities, 'entity');
  unique(pack.events, 'event');
  if (pack.version === PACK_VERSION && pack.mentions.some((mention) => mention.sentenceEnd < mention.sentenceStart)) {
    throw new PackError("Broken knowledge pack: a mention's sentence ends before it starts.");
  }
  for (const event of pack.events) {
    if (!documents.has(event.documentId)) throw new PackError(`Broken knowledge pack: event "${event.id}" names unknown document "${event.documentId}".`);
    for (const entityId of event.entities) {
      if (!entities.has(entityId)) throw new PackError(`Broken knowledge pack: event "${event.id}" names unknown entity "${entityId}".`);
    }
  }
  for (const mention of pack.mentions) {
    if (!documents.has(mention.documentId) || !entities.has(mention.entityId)) {
      throw new PackError(`Broken knowledge pack: a mention names an unknown document or entity ("${mention.documentId}", "${mention.entityId}").`);
    }
    if (mention.end < mention.start) throw new PackError('Broken knowledge pack: a mention ends before it starts.');
  }
}
