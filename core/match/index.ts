/**
 * The matching engine: every alias of the knowledge base compiled once (in the background)
 * into plain JSON data that crosses extension messaging cheaply, and a matcher that finds
 * them in text in one pass over its tokens, independent of the dictionary's size.
 *
 * Rules:
 * - word boundaries are token boundaries (tokens.ts): "Russia" is not in "Russian", "Corea" not
 *   in "nordcoreano", but "Putin's" and "dell'Ucraina" hold Putin and Ucraina;
 * - spaces, no-break spaces, hyphens and dashes between words are alike, and so are apostrophes;
 * - accents never matter; case matters as the alias says (see caseRuleOf);
 * - leftmost-longest and never overlapping: "Corea del Nord" wins over "Corea";
 * - an alias shared by several entities yields one match that names all of them.
 */
import { foldWord, unifyPunctuation } from '../normalize';
import type { EntityType } from '../pack';
import { continuationKey, tokenSpans, type TokenSpans } from './tokens';

export interface DictionaryEntry {
  alias: string;
  entityId: string;
  type: EntityType;
}

export const CaseRule = {
  /** Case-insensitive: names of several words ("corea del nord") and names written in lower case. */
  Fold: 0,
  /** The first letter keeps its case: "Mosca" the city, not "mosca" the fly; "China", not "china". */
  Initial: 1,
  /** As written: acronyms and very short names ("USA" is not the Italian verb "usa"). */
  Exact: 2,
} as const;
export type CaseRule = (typeof CaseRule)[keyof typeof CaseRule];

/**
 * Names of several words and this many letters are safe to match in any case. A single word never
 * is, however long: "President", "Government", "Independent" are names in some pack and words on
 * every page, so a capitalised one-word alias matches only where the page writes it capitalised.
 */
const FOLDABLE_LETTERS = 7;

export function caseRuleOf(alias: string): CaseRule {
  const letters = alias.match(/\p{L}/gu)?.length ?? 0;
  const upper = alias.match(/\p{Lu}/gu)?.length ?? 0;
  const lower = alias.match(/\p{Ll}/gu)?.length ?? 0;
  if (letters <= 3 || (upper >= 2 && lower === 0)) return CaseRule.Exact;
  const severalWords = /[\s\u00A0]/u.test(alias.trim());
  if ((letters >= FOLDABLE_LETTERS && severalWords) || !/^\p{Lu}/u.test(alias)) return CaseRule.Fold;
  return CaseRule.Initial;
}

/**
 * The compiled dictionary, as a few long strings: extension messaging carries one large string
 * far faster than thirty thousand small ones, and a head's entries are only decoded the first
 * time the page contains that word.
 */
export interface CompiledMatcher {
  format: 'contesto-matcher';
  version: 2;
  /** Entity ids, one per line. */
  entityIds: string;
  /** One character per entity: its type's code (TYPE_CODES). */
  entityTypes: string;
  /** Distinct folded first tokens, one per line, sorted by code unit. */
  heads: string;
  /** For each head, on the same line number: its entries, longest first (see encodeEntry). */
  groups: string;
}

const TYPE_CODES: Record<EntityType, string> = { person: 'p', organization: 'o', place: 'l', event: 'e', other: 'x' };
const TYPE_OF_CODE = Object.fromEntries(Object.entries(TYPE_CODES).map(([type, code]) => [code, type])) as Record<string, EntityType>;
// Private-use characters: never in names, and JSON carries them as they are (no escapes).
const ENTRY_SEPARATOR = '\uE003';
const FIELD_SEPARATOR = '\uE004';

interface Entry {
  /** The continuation key of the tokens after the first (tokens.ts). */
  rest: string;
  /** How many tokens the alias has. */
  length: number;
  entity: number;
  rule: CaseRule;
  /** What the case rule compares: the whole spelling for Exact, the first letter for Initial. */
  spelling: string;
  /** A closing full stop the alias ends with ("U.S."), taken into the match when the text has it. */
  trail: string;
}

const encodeEntry = (e: Entry) => [e.rest, e.length, e.entity.toString(36), e.rule, e.spelling, e.trail].join(FIELD_SEPARATOR);

function decodeEntry(encoded: string): Entry {
  const [rest, length, entity, rule, spelling, trail] = encoded.split(FIELD_SEPARATOR);
  return { rest, length: Number(length), entity: parseInt(entity, 36), rule: Number(rule) as CaseRule, spelling, trail };
}

export function compileMatcher(dictionary: DictionaryEntry[]): CompiledMatcher {
  const entityIndex = new Map<string, number>();
  const entityIds: string[] = [];
  let entityTypes = '';
  const groups = new Map<string, Map<string, Entry>>();
  for (const { alias, entityId, type } of dictionary) {
    const parsed = entryOf(alias);
    if (!parsed) continue;
    let entity = entityIndex.get(entityId);
    if (entity === undefined) {
      entity = entityIds.push(entityId) - 1;
      entityTypes += TYPE_CODES[type];
      entityIndex.set(entityId, entity);
    }
    const entry: Entry = { ...parsed.entry, entity };
    const group = groups.get(parsed.head) ?? new Map<string, Entry>();
    groups.set(parsed.head, group);
    group.set(encodeEntry(entry), entry);
  }
  const heads = [...groups.keys()].sort();
  const lines = heads.map((head) =>
    [...groups.get(head)!.entries()]
      .sort(([, a], [, b]) => b.length - a.length || a.entity - b.entity)
      .map(([encoded]) => encoded)
      .join(ENTRY_SEPARATOR),
  );
  return { format: 'contesto-matcher', version: 2, entityIds: entityIds.join('\n'), entityTypes, heads: heads.join('\n'), groups: lines.join('\n') };
}

function entryOf(alias: string): { head: string; entry: Omit<Entry, 'entity'> } | undefined {
  const { starts, ends } = tokenSpans(alias);
  if (starts.length === 0) return undefined;
  let rest = '';
  for (let i = 1; i < starts.length; i++) rest += continuationKey(alias.slice(ends[i - 1], starts[i]), foldWord(alias.slice(starts[i], ends[i])));
  const spelling = unifyPunctuation(alias.slice(starts[0], ends.at(-1)));
  const rule = caseRuleOf(spelling);
  const trail = alias.slice(ends.at(-1)).trim() === '.' ? '.' : '';
  return {
    head: foldWord(alias.slice(starts[0], ends[0])),
    entry: { rest, length: starts.length, rule, spelling: rule === CaseRule.Exact ? spelling : spelling.slice(0, 1), trail },
  };
}

export interface Match {
  start: number;
  end: number;
  entityId: string;
  /** Every entity the matched alias names (usually one). */
  entityIds: string[];
  type: EntityType;
}

export interface Matcher {
  find(text: string): Match[];
}

/** What loadMatcher prepares: the lines split once, each head's entries decoded on first use. */
interface LoadedDictionary {
  entityIds: string[];
  entityTypes: string;
  heads: string[];
  groupLines: string[];
  groups: (Group | undefined)[];
}

/** A head's entries by token count (longest first), then by continuation key. */
interface Group {
  lengths: number[];
  byLength: Map<number, Map<string, Entry[]>>;
}

function decodeGroup(line: string): Group {
  const byLength = new Map<number, Map<string, Entry[]>>();
  for (const encoded of line.split(ENTRY_SEPARATOR)) {
    const entry = decodeEntry(encoded);
    const byRest = byLength.get(entry.length) ?? new Map<string, Entry[]>();
    byLength.set(entry.length, byRest);
    byRest.set(entry.rest, [...(byRest.get(entry.rest) ?? []), entry]);
  }
  return { lengths: [...byLength.keys()].sort((a, b) => b - a), byLength };
}

/** Prepares a compiled dictionary for use: a few splits, no per-entry work. */
export function loadMatcher(compiled: CompiledMatcher): Matcher {
  if (compiled?.format !== 'contesto-matcher' || compiled.version !== 2) throw new Error('Not a compiled Contesto dictionary.');
  const empty = compiled.heads === '';
  const dictionary: LoadedDictionary = {
    entityIds: compiled.entityIds.split('\n'),
    entityTypes: compiled.entityTypes,
    heads: empty ? [] : compiled.heads.split('\n'),
    groupLines: empty ? [] : compiled.groups.split('\n'),
    groups: [],
  };
  return { find: (text) => findMatches(dictionary, text) };
}

function findHead(heads: string[], token: string): number {
  let low = 0;
  let high = heads.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const head = heads[middle];
    if (head === token) return middle;
    if (head < token) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

function findMatches(dictionary: LoadedDictionary, text: string): Match[] {
  const spans = tokenSpans(text);
  const count = spans.starts.length;
  const folded: string[] = new Array(count);
  const foldedAt = (i: number) => (folded[i] ??= foldWord(text.slice(spans.starts[i], spans.ends[i])));
  const matches: Match[] = [];
  for (let i = 0; i < count; i++) {
    const head = findHead(dictionary.heads, foldedAt(i));
    if (head < 0) continue;
    const group = (dictionary.groups[head] ??= decodeGroup(dictionary.groupLines[head]));
    const found = longestAt(group, text, spans, foldedAt, i);
    if (!found) continue;
    const [length, entities, trail] = found;
    const entityIds = entities.map((e) => dictionary.entityIds[e]);
    const end = spans.ends[i + length - 1];
    matches.push({
      start: spans.starts[i],
      end: trail && text.startsWith(trail, end) ? end + trail.length : end,
      entityId: entityIds[0],
      entityIds,
      type: TYPE_OF_CODE[dictionary.entityTypes[entities[0]]],
    });
    i += length - 1;
  }
  return matches;
}

/** The longest entry of a head's group that the text continues with at token i, and its entities. */
function longestAt(group: Group, text: string, spans: TokenSpans, foldedAt: (i: number) => string, i: number): [length: number, entities: number[], trail: string] | undefined {
  // keys[n - 1]: the continuation key of the n - 1 tokens after token i, built as far as needed.
  const keys = [''];
  const restOf = (length: number) => {
    for (let token = i + keys.length; keys.length < length; token++) {
      keys.push(keys[keys.length - 1] + continuationKey(text.slice(spans.ends[token - 1], spans.starts[token]), foldedAt(token)));
    }
    return keys[length - 1];
  };
  for (const length of group.lengths) {
    if (i + length > spans.starts.length) continue;
    const candidates = group.byLength.get(length)!.get(restOf(length));
    if (!candidates) continue;
    const written = text.slice(spans.starts[i], spans.ends[i + length - 1]);
    const allowed = candidates.filter((entry) => caseAllows(entry, written));
    if (allowed.length === 0) continue;
    return [length, [...new Set(allowed.map((entry) => entry.entity))], allowed.find((entry) => entry.trail)?.trail ?? ''];
  }
  return undefined;
}

function caseAllows({ rule, spelling }: Entry, written: string): boolean {
  if (rule === CaseRule.Fold) return true;
  // NFKC first: "𝐊" (mathematical bold) has no case of its own but is a capital K.
  if (rule === CaseRule.Initial) return !isUpper(spelling) || isUpper(written.normalize('NFKC').charAt(0));
  return unifyPunctuation(written) === spelling || written.normalize('NFC') === spelling;
}

const isUpper = (char: string) => char !== char.toLowerCase();
