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
import { unifyPunctuation } from '../normalize';
import type { EntityType } from '../pack';
import { continuationKey, foldToken, tokenSpans, type TokenSpans } from './tokens';

export interface DictionaryEntry {
  alias: string;
  entityId: string;
  type: EntityType;
}

export const CaseRule = {
  /** Case-insensitive: long names, where a lower-case spelling is still the name ("zaporozhye"). */
  Fold: 0,
  /** The first letter keeps its case: "Mosca" the city, not "mosca" the fly; "China", not "china". */
  Initial: 1,
  /** As written: acronyms and very short names ("USA" is not the Italian verb "usa"). */
  Exact: 2,
} as const;
export type CaseRule = (typeof CaseRule)[keyof typeof CaseRule];

/** Names this long are safe to match in any case; shorter ones too often spell common words. */
const FOLDABLE_LETTERS = 7;

export function caseRuleOf(alias: string): CaseRule {
  const letters = alias.match(/\p{L}/gu)?.length ?? 0;
  const upper = alias.match(/\p{Lu}/gu)?.length ?? 0;
  const lower = alias.match(/\p{Ll}/gu)?.length ?? 0;
  if (letters <= 3 || (upper >= 2 && lower === 0)) return CaseRule.Exact;
  if (letters >= FOLDABLE_LETTERS || !/^\p{Lu}/u.test(alias)) return CaseRule.Fold;
  return CaseRule.Initial;
}

/** The compiled dictionary: parallel arrays, grouped by the folded first token. */
export interface CompiledMatcher {
  format: 'contesto-matcher';
  version: 1;
  entityIds: string[];
  entityTypes: EntityType[];
  /** Distinct folded first tokens, sorted by code unit. */
  heads: string[];
  /** Entries of head h are groupStart[h] … groupStart[h + 1] - 1, longest first. */
  groupStart: number[];
  /** Per entry: the continuation key of its later tokens, its token count, entity, case rule, spelling. */
  rests: string[];
  lengths: number[];
  entities: number[];
  rules: CaseRule[];
  spellings: string[];
  /** A closing full stop the alias ends with ("U.S."), taken into the match when the text has it. */
  trails: string[];
}

interface Entry {
  head: string;
  rest: string;
  length: number;
  entity: number;
  rule: CaseRule;
  spelling: string;
  trail: string;
}

export function compileMatcher(dictionary: DictionaryEntry[]): CompiledMatcher {
  const entityIndex = new Map<string, number>();
  const entityIds: string[] = [];
  const entityTypes: EntityType[] = [];
  const seen = new Set<string>();
  const entries: Entry[] = [];
  for (const { alias, entityId, type } of dictionary) {
    const entry = entryOf(alias);
    if (!entry) continue;
    let entity = entityIndex.get(entityId);
    if (entity === undefined) {
      entity = entityIds.push(entityId) - 1;
      entityTypes.push(type);
      entityIndex.set(entityId, entity);
    }
    const key = `${entry.head}\u0000${entry.rest}\u0000${entry.rule}\u0000${entry.spelling}\u0000${entity}`;
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push({ ...entry, entity });
  }
  entries.sort((a, b) => (a.head < b.head ? -1 : a.head > b.head ? 1 : b.length - a.length || a.entity - b.entity));

  const compiled: CompiledMatcher = { format: 'contesto-matcher', version: 1, entityIds, entityTypes, heads: [], groupStart: [], rests: [], lengths: [], entities: [], rules: [], spellings: [], trails: [] };
  entries.forEach((entry, index) => {
    if (compiled.heads.at(-1) !== entry.head) {
      compiled.heads.push(entry.head);
      compiled.groupStart.push(index);
    }
    compiled.rests.push(entry.rest);
    compiled.lengths.push(entry.length);
    compiled.entities.push(entry.entity);
    compiled.rules.push(entry.rule);
    compiled.spellings.push(entry.rule === CaseRule.Exact ? entry.spelling : entry.spelling.slice(0, 1));
    compiled.trails.push(entry.trail);
  });
  compiled.groupStart.push(entries.length);
  return compiled;
}

function entryOf(alias: string): Omit<Entry, 'entity'> | undefined {
  const { starts, ends } = tokenSpans(alias);
  if (starts.length === 0) return undefined;
  let rest = '';
  for (let i = 1; i < starts.length; i++) rest += continuationKey(alias.slice(ends[i - 1], starts[i]), foldToken(alias.slice(starts[i], ends[i])));
  const spelling = unifyPunctuation(alias.slice(starts[0], ends.at(-1)));
  const trail = alias.slice(ends.at(-1)).trim() === '.' ? '.' : '';
  return { head: foldToken(alias.slice(starts[0], ends[0])), rest, length: starts.length, rule: caseRuleOf(spelling), spelling, trail };
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

/** Prepares a compiled dictionary for use; costs nothing beyond a format check. */
export function loadMatcher(compiled: CompiledMatcher): Matcher {
  if (compiled?.format !== 'contesto-matcher' || compiled.version !== 1) throw new Error('Not a compiled Contesto dictionary.');
  return { find: (text) => findMatches(compiled, text) };
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

function findMatches(dictionary: CompiledMatcher, text: string): Match[] {
  const spans = tokenSpans(text);
  const count = spans.starts.length;
  const folded: string[] = new Array(count);
  const foldedAt = (i: number) => (folded[i] ??= foldToken(text.slice(spans.starts[i], spans.ends[i])));
  const matches: Match[] = [];
  for (let i = 0; i < count; i++) {
    const head = findHead(dictionary.heads, foldedAt(i));
    if (head < 0) continue;
    const found = longestAt(dictionary, text, spans, foldedAt, i, head);
    if (!found) continue;
    const [length, entities, trail] = found;
    const entityIds = entities.map((e) => dictionary.entityIds[e]);
    const end = spans.ends[i + length - 1];
    matches.push({ start: spans.starts[i], end: trail && text.startsWith(trail, end) ? end + trail.length : end, entityId: entityIds[0], entityIds, type: dictionary.entityTypes[entities[0]] });
    i += length - 1;
  }
  return matches;
}

/** The longest entry of a head group that the text continues with at token i, and its entities. */
function longestAt(dictionary: CompiledMatcher, text: string, spans: TokenSpans, foldedAt: (i: number) => string, i: number, head: number): [length: number, entities: number[], trail: string] | undefined {
  const rests: string[] = [''];
  const restOf = (length: number) => {
    for (let j = rests.length; j < length; j++) {
      const token = i + j;
      rests.push(rests[j - 1] + continuationKey(text.slice(spans.ends[token - 1], spans.starts[token]), foldedAt(token)));
    }
    return rests[length - 1];
  };
  let bestLength = 0;
  let trail = '';
  const entities: number[] = [];
  for (let e = dictionary.groupStart[head]; e < dictionary.groupStart[head + 1]; e++) {
    const length = dictionary.lengths[e];
    if (length < bestLength) break;
    if (i + length > spans.starts.length || restOf(length) !== dictionary.rests[e]) continue;
    if (!caseAllows(dictionary.rules[e], dictionary.spellings[e], text.slice(spans.starts[i], spans.ends[i + length - 1]))) continue;
    bestLength = length;
    trail ||= dictionary.trails[e];
    if (!entities.includes(dictionary.entities[e])) entities.push(dictionary.entities[e]);
  }
  return bestLength > 0 ? [bestLength, entities, trail] : undefined;
}

function caseAllows(rule: CaseRule, spelling: string, written: string): boolean {
  if (rule === CaseRule.Fold) return true;
  if (rule === CaseRule.Initial) return isUpper(spelling) === isUpper(written.charAt(0)) || !isUpper(spelling);
  return unifyPunctuation(written) === spelling || written.normalize('NFC') === spelling;
}

const isUpper = (char: string) => char !== char.toLowerCase();

/** A position inside one of several text segments. */
export interface SegmentPoint {
  segment: number;
  offset: number;
}

export interface SegmentMatch {
  start: SegmentPoint;
  end: SegmentPoint;
  entityId: string;
  entityIds: string[];
  type: EntityType;
}

/**
 * Matches across the text nodes of one block ("Kim <b>Jong-un</b>" is ["Kim ", "Jong-un"]):
 * the segments are read as one string and matches are mapped back to segment offsets.
 */
export function matchSegments(matcher: Matcher, segments: string[]): SegmentMatch[] {
  const offsets: number[] = [];
  let total = 0;
  for (const segment of segments) {
    offsets.push(total);
    total += segment.length;
  }
  const pointAt = (position: number, isEnd: boolean): SegmentPoint => {
    // An end that falls on a boundary belongs to the segment before it, so ranges stay tight.
    let low = 0;
    let high = segments.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (offsets[middle] < position || (!isEnd && offsets[middle] === position)) low = middle;
      else high = middle - 1;
    }
    return { segment: low, offset: position - offsets[low] };
  };
  return matcher.find(segments.length === 1 ? segments[0] : segments.join('')).map(({ start, end, entityId, entityIds, type }) => ({
    start: pointAt(start, false),
    end: pointAt(end, true),
    entityId,
    entityIds,
    type,
  }));
}
