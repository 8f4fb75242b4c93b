/**
 * Ingestion: source documents → knowledge pack (format v1, core/pack.ts).
 * parse → language → sentences → entities → aliases (merged across documents) → mentions → events.
 * Pure TypeScript: HTML parsing is injected, so this runs in Node and in extension pages alike.
 */
import { stableHash } from '../hash';
import { foldAlias } from '../normalize';
import {
  DocumentSchema,
  EntitySchema,
  PACK_FORMAT,
  PACK_VERSION,
  recordProblem,
  sentenceAt,
  type EntityType,
  type Pack,
  type PackDocument,
  type PackEntity,
  type PackEvent,
  type PackMention,
} from '../pack';
import { mergeNames, uniqueNames, type NamesByLanguage } from '../names';
import { EMPTY_THESAURUS, parseThesaurus, type Thesaurus } from './aliases';
import { findDates } from './dates';
import { parseDocument, type HtmlParser, type ParsedDocument, type SourceInput } from './document';
import { dominantType, mergeVotes, recognizeEntities, type DocumentEntity, type TypeVotes } from './entities';
import { IngestError, type IngestFailure } from './errors';
import { countryCodeOf, countryDescription, countryNamesByLanguage } from './gazetteer';
import { detectLanguage, FALLBACK_LANGUAGE } from './language';
import { FUNCTION_WORDS, SURNAME_PARTICLES } from './lexicon';
import { compileMatcher, loadMatcher, type CompiledMatcher, type Match, type Matcher } from '../match';
import { sentencesOf, type Sentence } from './sentences';
import { emptyCasing, recordCasing, tokenize, type AnalysedSentence, type Casing } from './tokens';

export { emptyCasing, recordCasing, type Casing } from './tokens';
export { knownDocumentsCollector, type KnownDocuments } from './known-documents';
import type { KnownDocuments } from './known-documents';
import { isCommonWord, isGivenName } from './words';

export { parseThesaurus, type Thesaurus } from './aliases';
export { findDates, type DateExpression } from './dates';
export { parseDocument, formatOf, type HtmlParser, type ParsedDocument, type SourceInput } from './document';
export { IngestError, type IngestFailure } from './errors';
export { isPdf, readPdf, type PdfLoader } from './pdf';
export { detectLanguage } from './language';
export { sentencesOf } from './sentences';

export interface BuildOptions {
  /** Text of the alias table (corpus/aliases.tsv). */
  thesaurus?: string;
  parseHtml: HtmlParser;
  /** The pack's generatedAt; defaults to the current time. */
  now?: Date;
}

export interface IngestResult {
  pack: Pack;
  /** Documents that could not be read, each with a message that names it. */
  failures: IngestFailure[];
}

const MAX_SUMMARY = 280;

/** A document read and split into sentences and words: what ingestion's later stages work on. */
export interface AnalysedDocument {
  id: string;
  parsed: ParsedDocument;
  lang: string;
  /** Hash of the text: a copied file is the same text under another name. */
  textHash: string;
  sentences: Sentence[];
  /**
   * Sentences the recogniser reads, with their words: all but a Title Case title, whose capitals say
   * nothing. Emptied once the entities are found, so a large folder does not keep every word in memory.
   */
  recognisable: AnalysedSentence[];
  entities: DocumentEntity[];
}

/** What one document contributes to a pack once the corpus's entities are known. */
export interface DocumentRecords {
  document: PackDocument;
  mentions: PackMention[];
  events: PackEvent[];
}

/**
 * One ingestion, fed a document at a time so that a caller can report progress and stop between
 * documents (core/ingest/run.ts); `finish` builds the pack from the documents read so far.
 */
export interface IngestSession {
  /** Reads one document; its failure when it is left out (unreadable, or a duplicate). */
  add(input: SourceInput): IngestFailure | undefined;
  finish(): IngestResult;
}

/**
 * The whole corpus in one pass, in the order of the documents' names. The stages below are the
 * same steps, exported so that a large folder can be spread over threads (scripts/lib/parallel-ingest.ts)
 * with the same result: read each document, drop copies, learn the corpus's casing, recognise each
 * document's entities, merge them across documents, then each document's mentions and events.
 */
export function ingest(inputs: SourceInput[], options: BuildOptions): IngestResult {
  const session = startIngestion(options);
  for (const input of byName(inputs)) session.add(input);
  return session.finish();
}

export function startIngestion(options: BuildOptions, known?: KnownDocuments): IngestSession {
  const failures: IngestFailure[] = [];
  const documents: AnalysedDocument[] = [];
  const sourceOfText = new Map(known?.textHashes);
  const add = (input: SourceInput): IngestFailure | undefined => {
    try {
      const document = readDocument(input, options.parseHtml);
      // A file name a stored document already has: this text gets an id of its own.
      if (known?.documentIds.has(document.id)) document.id = documentId(document.parsed.source, document.textHash);
      const copyOf = copiedFrom(document.parsed.source, document.textHash, sourceOfText);
      if (copyOf) return remember(failureOf(input.name, copyOf));
      documents.push(document);
      return undefined;
    } catch (error) {
      return remember(failureOf(input.name, error));
    }
  };
  const remember = (failure: IngestFailure) => {
    failures.push(failure);
    return failure;
  };
  return { add, finish: () => buildPack(documents, failures, options) };
}

function buildPack(documents: AnalysedDocument[], failures: IngestFailure[], options: BuildOptions): IngestResult {
  const thesaurus = options.thesaurus ? parseThesaurus(options.thesaurus) : EMPTY_THESAURUS;
  const casing = emptyCasing();
  for (const document of documents) recordCasing(casing, document.recognisable);
  // Each document's output is checked on its own, so one odd document is reported and the rest still make a pack.
  const valid = documents.filter((document) => {
    const problem = recogniseDocument(document, thesaurus, casing);
    if (problem) failures.push(problem);
    return !problem;
  });
  const entities = mergeAcrossDocuments(valid, casing);
  const matcher = loadMatcher(entityMatcher(entities));
  const records = valid.map((document) => recordsOf(document, matcher));
  return { pack: assemblePack(records, entities, options.now), failures };
}

/** Source names in a stable order, so that the first of two copies is always the one kept. */
export const bySourceName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export const byName = (inputs: SourceInput[]) => [...inputs].sort(bySourceName);

/** Parses, checks and analyses one document; throws an IngestError that names it when it cannot. */
export function readDocument(input: SourceInput, parseHtml: HtmlParser): AnalysedDocument {
  const parsed = parseDocument(input, parseHtml);
  const problem = recordProblem(DocumentSchema, { id: 'candidate', ...parsed }, 'the document');
  if (problem) throw new IngestError(input.name, problem);
  return analyse(parsed);
}

/** A copied file says nothing new: the same text twice would count every mention twice. Remembers the first. */
export function copiedFrom(source: string, textHash: string, sourceOfText: Map<string, string>): IngestError | undefined {
  const original = sourceOfText.get(textHash);
  if (original !== undefined) return new IngestError(source, `same text as ${original}; skipped.`, original);
  sourceOfText.set(textHash, source);
  return undefined;
}

export function failureOf(source: string, error: unknown): IngestFailure {
  if (!(error instanceof IngestError)) return { source, message: `${source}: ${(error as Error).message}` };
  return { source, message: error.message, ...(error.duplicateOf !== undefined && { duplicateOf: error.duplicateOf }) };
}

/** Finds the document's entities, given the corpus's casing; returns the failure when the pack would refuse one. */
export function recogniseDocument(document: AnalysedDocument, thesaurus: Thesaurus, casing: Casing): IngestFailure | undefined {
  document.entities = recognizeEntities(document.recognisable, { text: document.parsed.text, lang: document.lang, thesaurus, casing });
  document.recognisable = [];
  const problem = documentProblem(document);
  return problem ? { source: document.parsed.source, message: `${document.parsed.source}: ${problem}` } : undefined;
}

/** Mentions come from the same matcher the extension runs on pages, so both agree on what a mention is. */
export function entityMatcher(entities: PackEntity[]): CompiledMatcher {
  return compileMatcher(entities.flatMap((entity) => entity.aliases.map((alias) => ({ alias, entityId: entity.id, type: entity.type }))));
}

export function recordsOf(document: AnalysedDocument, matcher: Matcher): DocumentRecords {
  const matches = matcher.find(document.parsed.text);
  const mentions = matches.map((match): PackMention => {
    // The store shows a mention's sentence from these offsets, without splitting the document again.
    const sentence = sentenceAt(document.sentences, match.start) ?? match;
    return { entityId: match.entityId, documentId: document.id, start: match.start, end: match.end, sentenceStart: sentence.start, sentenceEnd: sentence.end };
  });
  return { document: packDocument(document), mentions, events: eventsOf(document, matches) };
}

export function assemblePack(records: DocumentRecords[], entities: PackEntity[], now = new Date()): Pack {
  return {
    format: PACK_FORMAT,
    version: PACK_VERSION,
    generatedAt: now.toISOString(),
    documents: records.map((record) => record.document),
    entities,
    events: records.flatMap((record) => record.events),
    mentions: records.flatMap((record) => record.mentions),
  };
}

/** A document's id, from its source name; with its text's hash when a stored document has that name already. */
const documentId = (source: string, textHash?: string) => `doc-${stableHash(textHash ? `${source}\n${textHash}` : source)}`;

function analyse(parsed: ParsedDocument): AnalysedDocument {
  const lang = parsed.lang ?? detectLanguage(parsed.text) ?? FALLBACK_LANGUAGE;
  const sentences = sentencesOf(parsed.text, lang);
  const titleEnd = parsed.title.length;
  const recognisable = sentences
    .map((sentence) => ({ ...sentence, tokens: tokenize(parsed.text, sentence) }))
    .filter((sentence) => !(sentence.end <= titleEnd && isTitleCase(sentence)) && !BREADCRUMB.test(sentence.text) && !CREDIT_LINE.test(sentence.text));
  return { id: documentId(parsed.source), parsed, lang, textHash: stableHash(parsed.text), sentences, recognisable, entities: [] };
}

/** "06/11/14 | Cronaca |", "Home › Politica › Esteri": a page's trail or list header, not prose. */
const BREADCRUMB = /\s[|›»•]\s|\s[|›»•]$/;

/** "Credit Harry Campbell", "Foto: Ansa", "di Mario Rossi" under a headline: who made the page, not what it says. */
const CREDIT_LINE = /^(?:[Cc]redits?|[Pp]hoto(?:graph)?s?|[Ff]oto|[Ii]mage|[Pp]icture|[Ii]llustration|[Ss]ource|[Ff]onte)\b[:\s]|^(?:[Bb]y|di)\s+\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3}$/u;

/** "Oxford Researchers Win Award": most words capitalised, so capitals do not mark names. */
function isTitleCase(sentence: AnalysedSentence): boolean {
  const words = sentence.tokens.filter((token) => !FUNCTION_WORDS.has(token.folded) && /^\p{L}/u.test(token.text));
  return words.length >= 4 && words.filter((token) => token.capitalised).length >= words.length * 0.8;
}

/** A name or description that the pack would refuse (the recogniser bounds them; this is the last guard). */
function documentProblem(document: AnalysedDocument): string | undefined {
  for (const entity of document.entities) {
    const names = [...entity.surfaces.keys()];
    const problem = recordProblem(EntitySchema, { id: 'candidate', name: names[0], type: 'other', aliases: names, description: entity.description }, `the name "${names[0]!.slice(0, 40)}"`);
    if (problem) return problem;
  }
  return undefined;
}

function packDocument({ id, parsed, lang }: AnalysedDocument): PackDocument {
  return { id, title: parsed.title, date: parsed.date, lang, source: parsed.source, text: parsed.text, ...(parsed.origin ? { origin: parsed.origin } : {}) };
}

// ---------------------------------------------------------------- merging across documents

interface EntityGroup {
  key: string;
  members: DocumentEntity[];
  votes: TypeVotes;
}

/**
 * Document entities with the same concept key are one entity when their types agree; an untyped
 * one joins the best-supported group. A lone word that is the short form of exactly one person
 * elsewhere ("Kim") joins that person. Linear in the number of document entities.
 */
export function mergeAcrossDocuments(documents: Pick<AnalysedDocument, 'lang' | 'entities'>[], casing: Casing): PackEntity[] {
  const groups = new Map<string, EntityGroup[]>();
  const untyped: DocumentEntity[] = [];
  const languageOf = new Map(documents.flatMap((document) => document.entities.map((entity) => [entity, document.lang] as const)));
  for (const entity of documents.flatMap((document) => document.entities)) {
    const type = dominantType(entity.votes);
    if (!type) {
      untyped.push(entity);
      continue;
    }
    const sameKey = groups.get(entity.key) ?? [];
    groups.set(entity.key, sameKey);
    let group = sameKey.find((candidate) => dominantType(candidate.votes) === type);
    if (!group) sameKey.push((group = { key: entity.key, members: [], votes: {} }));
    group.members.push(entity);
    mergeVotes(group.votes, entity.votes);
  }

  const ownerOfShortForm = new Map<string, EntityGroup | null>();
  for (const group of [...groups.values()].flat()) {
    for (const shortForm of group.members.flatMap((member) => [...member.shortForms])) {
      const key = foldAlias(shortForm);
      const owner = ownerOfShortForm.get(key);
      ownerOfShortForm.set(key, owner === undefined || owner === group ? group : null);
    }
  }
  for (const entity of untyped) {
    const sameKey = groups.get(entity.key) ?? [];
    const target = strongest(sameKey) ?? ownerOfShortForm.get(entity.key) ?? undefined;
    if (target) target.members.push(entity);
    else groups.set(entity.key, [{ key: entity.key, members: [entity], votes: {} }]);
  }
  return [...groups.values()].flat().map((group) => toPackEntity(group, casing, languageOf));
}

function strongest(groups: EntityGroup[]): EntityGroup | undefined {
  const total = (group: EntityGroup) => Object.values(group.votes).reduce((sum, weight) => sum + (weight ?? 0), 0);
  return groups.reduce<EntityGroup | undefined>((best, group) => (!best || total(group) > total(best) ? group : best), undefined);
}

function toPackEntity(group: EntityGroup, casing: Casing, languageOf: Map<DocumentEntity, string>): PackEntity {
  const type: EntityType = dominantType(group.votes) ?? 'other';
  const counts = new Map<string, number>();
  const shortForms = new Set<string>();
  for (const member of group.members) {
    for (const [surface, count] of member.surfaces) counts.set(surface, (counts.get(surface) ?? 0) + count);
    for (const shortForm of member.shortForms) shortForms.add(shortForm);
  }
  const byPreference = byNamePreference(counts, shortForms);
  const name = [...counts.keys()].sort(byPreference)[0]!;
  const concept = group.members.find((member) => member.concept)?.concept;
  // A name a document writes is in the document's language; the thesaurus and the gazetteer say theirs.
  const written: NamesByLanguage = {};
  for (const member of group.members) (written[languageOf.get(member)!] ??= []).push(...member.surfaces.keys());
  for (const [lang, names] of Object.entries(written)) written[lang] = uniqueNames(names.sort(byPreference));
  const description = group.members.find((member) => member.description)?.description ?? (concept?.countryCode ? countryDescription(concept.countryCode) : undefined);
  return {
    id: `ent-${stableHash(`${type}:${group.key}`)}`,
    name,
    type,
    aliases: uniqueNames([name, ...counts.keys(), ...(concept?.names ?? []), ...(type === 'person' ? familyNameOf(name, !!description, casing) : [])]),
    names: mergeNames(written, concept?.languages, concept?.countryCode ? countryNamesByLanguage(concept.countryCode) : undefined),
    ...(description ? { description } : {}),
  };
}

/**
 * "Putin" for "Vladimir Putin": news writes people by family name after the first mention, so
 * the family name is an alias even where this corpus never uses it alone. Only a plain
 * capitalised word of four letters or more (not "Jong-un", not "Li"), to stay unambiguous.
 */
function familyNameOf(name: string, hasRole: boolean, casing: Casing): string[] {
  const words = name.split(' ');
  const last = words.at(-1)!;
  const folded = foldAlias(last);
  // "Park" of "Grace Park" would light up every park: a family name that is also an English word is no alias.
  // Italian ones are ("Draghi", "Conte"): matched only with their capital, they are the person there.
  const word = isCommonWord(folded) || casing.lowercase.has(folded);
  // Only for a person by evidence (a known given name, a role), never for a country: "Korea" of "Gallup Korea".
  const evidence = isGivenName(foldAlias(words[0]!)) || hasRole;
  if (!(words.length >= 2 && evidence && !countryCodeOf(last) && /^\p{Lu}\p{Ll}{3,}$/u.test(last) && !word)) return [];
  // "Di Maio" of "Luigi Di Maio": a capitalised particle belongs to the family name; "De Gregori" is one already.
  const particle = words.at(-2)!;
  if (!/^\p{Lu}/u.test(particle) || !SURNAME_PARTICLES.has(foldAlias(particle))) return [last];
  return words.length >= 3 ? [`${particle} ${last}`] : [];
}

/** Full names before short forms, words before acronyms, then the most used, then the longest. */
function byNamePreference(counts: Map<string, number>, shortForms: Set<string>) {
  const rank = (surface: string) => [shortForms.has(surface) ? 1 : 0, /^\p{Lu}+$/u.test(surface) ? 1 : 0, -counts.get(surface)!, -surface.length];
  return (a: string, b: string) => {
    const [rankA, rankB] = [rank(a), rank(b)];
    const difference = rankA.findIndex((value, index) => value !== rankB[index]);
    return difference < 0 ? (a < b ? -1 : 1) : rankA[difference]! - rankB[difference]!;
  };
}

// ---------------------------------------------------------------- events

/** One event per date expression: the sentence (or its clause) and the entities mentioned in it (at least one). */
function eventsOf(document: AnalysedDocument, matches: Match[]): PackEvent[] {
  const events: PackEvent[] = [];
  let next = 0; // matches and sentences both run in text order: one pass over the matches
  for (const sentence of document.sentences) {
    const inSentence: Match[] = [];
    while (next < matches.length && matches[next]!.start < sentence.start) next++;
    for (let index = next; index < matches.length && matches[index]!.end <= sentence.end; index++) inSentence.push(matches[index]!);
    // A date with nobody and nothing in its sentence is a dateline or a list header, not an event,
    // so such a sentence is not even given to chrono.
    const entityIds = [...new Set(inSentence.map((match) => match.entityId))];
    if (entityIds.length === 0) continue;
    const expressions = findDates(sentence.text, document.lang, document.parsed.date);
    for (const expression of expressions) {
      events.push({
        id: `evt-${stableHash(`${document.id}:${sentence.start + expression.start}:${expression.date}`)}`,
        date: expression.date,
        summary: summarise(sentence.text, expression.start),
        entities: entityIds,
        documentId: document.id,
      });
    }
  }
  return events;
}

/** The sentence, or when it is long the clause (between : ; or quotes) that holds the date. */
function summarise(sentence: string, dateAt: number): string {
  if (sentence.length <= MAX_SUMMARY) return sentence;
  const boundary = /[:;“”«»"]/g;
  let start = 0;
  let end = sentence.length;
  for (const match of sentence.matchAll(boundary)) {
    if (match.index < dateAt) start = match.index + 1;
    else {
      end = match.index;
      break;
    }
  }
  const clause = sentence.slice(start, end).trim();
  return clause.length <= MAX_SUMMARY ? clause : `${clause.slice(0, MAX_SUMMARY - 1).trimEnd()}…`;
}
