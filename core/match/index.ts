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
import { continuationKey, hashKey, simpleFold, Tokens } from './tokens';

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
 * far faster than thirty thousand small ones, and the page uses them as they arrive, with no
 * preparation: a hash table (`table`) leads from a word straight to its head, and a head's
 * entries are only decoded the first time the page contains that word.
 */
export interface CompiledMatcher {
  format: 'contesto-matcher';
  version: 3;
  /** Entity ids, one per line; an entry names its entity by the offset of its line. */
  entityIds: string;
  /** Distinct folded first tokens, one per line. */
  heads: string;
  /** For each head, on the same line number: its entries, longest first (see encodeEntry). */
  groups: string;
  /**
   * Open-addressing hash table of the heads by hashKey (tokens.ts), linear probing: per slot, the
   * offset of the head's line + 1 (0: empty) and the offset of its group's line, each a number
   * in two code units (see writeNumber).
   */
  table: string;
}

const TYPE_CODES: Record<EntityType, string> = { person: 'p', organization: 'o', place: 'l', event: 'e', other: 'x' };
const TYPE_OF_CODE = Object.fromEntries(Object.entries(TYPE_CODES).map(([type, code]) => [code, type])) as Record<string, EntityType>;
// Private-use characters: never in names, and JSON carries them as they are (no escapes).
const ENTRY_SEPARATOR = '\uE003';
const FIELD_SEPARATOR = '\uE004';

/** Units per slot of the table: two numbers of two code units each. */
const SLOT_UNITS = 4;
/** Slots per head: enough room that a miss usually ends at the first empty slot. */
const TABLE_ROOM = 1.5;
/**
 * Numbers are written in two code units of 15 bits each, from U+4000: no surrogates, no control
 * characters, nothing JSON escapes, so the table travels as it is.
 */
const DIGIT_BASE = 0x4000;
const DIGIT_BITS = 15;
const DIGIT_MASK = (1 << DIGIT_BITS) - 1;
const writeNumber = (value: number) => String.fromCharCode(DIGIT_BASE + (value >>> DIGIT_BITS), DIGIT_BASE + (value & DIGIT_MASK));
const readNumber = (text: string, at: number) => ((text.charCodeAt(at) - DIGIT_BASE) << DIGIT_BITS) | (text.charCodeAt(at + 1) - DIGIT_BASE);

interface Entry {
  /** The continuation key of the tokens after the first (tokens.ts). */
  rest: string;
  /** How many tokens the alias has. */
  length: number;
  /** Offset of the entity's line in `entityIds`. */
  entity: number;
  type: EntityType;
  rule: CaseRule;
  /** What the case rule compares: the whole spelling for Exact, the first letter for Initial. */
  spelling: string;
  /** A closing full stop the alias ends with ("U.S."), taken into the match when the text has it. */
  trail: string;
}

const encodeEntry = (e: Entry) => [e.rest, e.length, e.entity.toString(36), TYPE_CODES[e.type], e.rule, e.spelling, e.trail].join(FIELD_SEPARATOR);

function decodeEntry(encoded: string): Entry {
  const [rest, length, entity, type, rule, spelling, trail] = encoded.split(FIELD_SEPARATOR);
  return { rest, length: Number(length), entity: parseInt(entity, 36), type: TYPE_OF_CODE[type], rule: Number(rule) as CaseRule, spelling, trail };
}

export function compileMatcher(dictionary: DictionaryEntry[]): CompiledMatcher {
  const entityOffsets = new Map<string, number>();
  let entityIds = '';
  const groups = new Map<string, Map<string, Entry>>();
  for (const { alias, entityId, type } of dictionary) {
    const parsed = entryOf(alias);
    if (!parsed) continue;
    let entity = entityOffsets.get(entityId);
    if (entity === undefined) {
      if (entityOffsets.size > 0) entityIds += '\n';
      entity = entityIds.length;
      entityIds += entityId;
      entityOffsets.set(entityId, entity);
    }
    const entry: Entry = { ...parsed.entry, entity, type };
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
  return { format: 'contesto-matcher', version: 3, entityIds, heads: heads.join('\n'), groups: lines.join('\n'), table: hashTable(heads, lines) };
}

function hashTable(heads: string[], lines: string[]): string {
  const size = Math.ceil(heads.length * TABLE_ROOM);
  const empty = writeNumber(0) + writeNumber(0);
  const slots: string[] = new Array<string>(size).fill(empty);
  let headOffset = 0;
  let groupOffset = 0;
  heads.forEach((head, i) => {
    let slot = (hashKey(head) >>> 0) % size;
    while (slots[slot] !== empty) slot = (slot + 1) % size;
    slots[slot] = writeNumber(headOffset + 1) + writeNumber(groupOffset);
    headOffset += head.length + 1;
    groupOffset += lines[i].length + 1;
  });
  return slots.join('');
}

function entryOf(alias: string): { head: string; entry: Omit<Entry, 'entity' | 'type'> } | undefined {
  const tokens = new Tokens().read(alias);
  if (tokens.count === 0) return undefined;
  const { starts, ends, count } = tokens;
  let rest = '';
  for (let i = 1; i < count; i++) rest += continuationKey(alias.slice(ends[i - 1], starts[i]), foldWord(alias.slice(starts[i], ends[i])));
  const spelling = unifyPunctuation(alias.slice(starts[0], ends[count - 1]));
  const rule = caseRuleOf(spelling);
  const trail = alias.slice(ends[count - 1]).trim() === '.' ? '.' : '';
  return {
    head: foldWord(alias.slice(starts[0], ends[0])),
    entry: { rest, length: count, rule, spelling: rule === CaseRule.Exact ? spelling : spelling.slice(0, 1), trail },
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

const lineAt = (text: string, offset: number) => {
  const end = text.indexOf('\n', offset);
  return text.slice(offset, end < 0 ? text.length : end);
};

/** Takes a compiled dictionary as it arrives: checks its shape, prepares nothing. */
export function loadMatcher(compiled: CompiledMatcher): Matcher {
  const strings = [compiled?.entityIds, compiled?.heads, compiled?.groups, compiled?.table];
  if (compiled?.format !== 'contesto-matcher' || compiled.version !== 3 || strings.some((s) => typeof s !== 'string') || compiled.table.length % SLOT_UNITS !== 0) {
    throw new Error('Not a compiled Contesto dictionary.');
  }
  const { entityIds, heads, groups, table } = compiled;
  const slots = table.length / SLOT_UNITS;
  const decoded = new Map<number, Group>();
  const tokens = new Tokens();

  /** The offset of the group whose head is token `i`, or -1: a hash probe, then the head compared in place. */
  function groupOf(text: string, i: number): number {
    if (slots === 0) return -1;
    const folded = tokens.simple[i] ? undefined : foldWord(text.slice(tokens.starts[i], tokens.ends[i]));
    const hash = folded === undefined ? tokens.hashes[i] : hashKey(folded);
    for (let slot = (hash >>> 0) % slots; ; slot = (slot + 1) % slots) {
      const head = readNumber(table, slot * SLOT_UNITS) - 1;
      if (head < 0) return -1;
      if (folded === undefined ? simpleHeadIs(heads, head, text, tokens.starts[i], tokens.ends[i]) : headIs(heads, head, folded)) return readNumber(table, slot * SLOT_UNITS + 2);
    }
  }

  function find(text: string): Match[] {
    tokens.read(text);
    const folded: string[] = [];
    const foldedAt = (i: number) => (folded[i] ??= foldWord(text.slice(tokens.starts[i], tokens.ends[i])));
    const matches: Match[] = [];
    for (let i = 0; i < tokens.count; i++) {
      const offset = groupOf(text, i);
      if (offset < 0) continue;
      let group = decoded.get(offset);
      if (!group) decoded.set(offset, (group = decodeGroup(lineAt(groups, offset))));
      const found = longestAt(group, text, tokens, foldedAt, i);
      if (!found) continue;
      const [length, entries] = found;
      const entityOffsets = [...new Set(entries.map((entry) => entry.entity))];
      const ids = entityOffsets.map((entity) => lineAt(entityIds, entity));
      const trail = entries.find((entry) => entry.trail)?.trail ?? '';
      const end = tokens.ends[i + length - 1];
      matches.push({
        start: tokens.starts[i],
        end: trail && text.startsWith(trail, end) ? end + trail.length : end,
        entityId: ids[0],
        entityIds: ids,
        type: entries.find((entry) => entry.entity === entityOffsets[0])!.type,
      });
      i += length - 1;
    }
    return matches;
  }

  return { find };
}

/** Whether the head at `offset` is the token text[start, end), folded character by character in place. */
function simpleHeadIs(heads: string, offset: number, text: string, start: number, end: number): boolean {
  const length = end - start;
  if (offset + length > heads.length || (offset + length < heads.length && heads.charCodeAt(offset + length) !== 0x0a)) return false;
  for (let k = 0; k < length; k++) if (heads.charCodeAt(offset + k) !== simpleFold(text.charCodeAt(start + k))) return false;
  return true;
}

function headIs(heads: string, offset: number, folded: string): boolean {
  const end = offset + folded.length;
  return heads.startsWith(folded, offset) && (end === heads.length || heads.charCodeAt(end) === 0x0a);
}

/** The longest entries of a head's group that the text continues with at token i. */
function longestAt(group: Group, text: string, tokens: Tokens, foldedAt: (i: number) => string, i: number): [length: number, entries: Entry[]] | undefined {
  // keys[n - 1]: the continuation key of the n - 1 tokens after token i, built as far as needed.
  const keys = [''];
  const restOf = (length: number) => {
    for (let token = i + keys.length; keys.length < length; token++) {
      keys.push(keys[keys.length - 1] + continuationKey(text.slice(tokens.ends[token - 1], tokens.starts[token]), foldedAt(token)));
    }
    return keys[length - 1];
  };
  for (const length of group.lengths) {
    if (i + length > tokens.count) continue;
    const candidates = group.byLength.get(length)!.get(restOf(length));
    if (!candidates) continue;
    const written = text.slice(tokens.starts[i], tokens.ends[i + length - 1]);
    const allowed = candidates.filter((entry) => caseAllows(entry, written));
    if (allowed.length > 0) return [length, allowed];
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
