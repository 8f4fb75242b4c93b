/**
 * Tokens as the matcher sees text: runs of letters, marks and digits, except that each character
 * of a script written without spaces (Han, kana, Thai…) is a token of its own, so names in those
 * scripts match inside running text. Between two tokens lies a separator, compared by class.
 * Characters are read and folded by core/normalize's table, as aliases are indexed, through
 * the precomputed tables of char-tables.ts (see char-definitions.ts).
 *
 * Text is read once, by character codes, with no regular expression and no string per token: a
 * token whose letters each fold to one ASCII letter (most of any page in a Latin script) also
 * gets the hash of its folded form on the way, which is all the matcher needs to rule out the
 * great majority of a page's words.
 */
import { APOSTROPHE_CHARS, DASH_CHARS } from '../normalize';
import { CharClass, decodeClassRuns, decodeSimpleFolds } from './char-tables-format';
import { CLASS_RUNS, SIMPLE_FOLDS } from './char-tables';

/** The class of each BMP code, 0 until first seen (a table lookup per character, then). */
const classes = new Uint8Array(0x10000);
for (let code = 0; code < 0x80; code++) classes[code] = (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a) ? CharClass.word : CharClass.separator;
let classRuns: ReturnType<typeof decodeClassRuns> | undefined;

function lookUpClass(codePoint: number): number {
  const { starts, classes: runClasses } = (classRuns ??= decodeClassRuns(CLASS_RUNS));
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= codePoint) low = middle;
    else high = middle - 1;
  }
  return runClasses[low]!;
}

function classOf(code: number): number {
  let known = classes[code]!;
  if (known === 0) classes[code] = known = lookUpClass(code);
  return known;
}

const simpleFolds = decodeSimpleFolds(SIMPLE_FOLDS);

/** The ASCII code a word character folds to by itself (char-definitions.ts), or -1. */
export const simpleFold = (code: number): number => (code < simpleFolds.length ? simpleFolds[code]! : -1);

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** The hash tokens and dictionary heads are compared by (32-bit FNV-1a over UTF-16 code units). */
export function hashKey(key: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), FNV_PRIME);
  return hash;
}

/** A text's tokens, in growable buffers that the matcher reuses from one text to the next. */
export class Tokens {
  count = 0;
  starts = new Int32Array(256);
  ends = new Int32Array(256);
  /** hashKey of the folded token when `simple` is 1 (every character folds by simpleFold); else not set. */
  hashes = new Int32Array(256);
  simple = new Uint8Array(256);

  private push(start: number, end: number, hash: number, simple: boolean) {
    if (this.count === this.starts.length) this.grow();
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.hashes[this.count] = hash;
    this.simple[this.count] = simple ? 1 : 0;
    this.count++;
  }

  private grow() {
    const size = this.starts.length * 2;
    const grown = <T extends Int32Array | Uint8Array>(old: T, make: (n: number) => T) => {
      const bigger = make(size);
      bigger.set(old);
      return bigger;
    };
    this.starts = grown(this.starts, (n) => new Int32Array(n));
    this.ends = grown(this.ends, (n) => new Int32Array(n));
    this.hashes = grown(this.hashes, (n) => new Int32Array(n));
    this.simple = grown(this.simple, (n) => new Uint8Array(n));
  }

  /** Reads `text` into the buffers, replacing what they held. */
  read(text: string): this {
    this.count = 0;
    let start = -1;
    let hash = FNV_OFFSET;
    let simple = true;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      let kind: number;
      let width = 1;
      if (code < 0x80) kind = classes[code]!;
      else if (code >= 0xd800 && code < 0xdc00 && i + 1 < text.length) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low < 0xe000) {
          kind = lookUpClass((code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000);
          width = 2;
        } else kind = CharClass.separator;
      } else kind = classOf(code);
      if (kind === CharClass.word) {
        if (start < 0) {
          start = i;
          hash = FNV_OFFSET;
          simple = true;
        }
        const folded = width === 1 ? simpleFold(code) : -1;
        if (folded >= 0) hash = Math.imul(hash ^ folded, FNV_PRIME);
        else simple = false;
        i += width - 1;
        continue;
      }
      if (start >= 0) {
        this.push(start, i, hash, simple);
        start = -1;
      }
      if (kind === CharClass.unspaced) this.push(i, i + width, 0, false);
      i += width - 1;
    }
    if (start >= 0) this.push(start, text.length, hash, simple);
    return this;
  }
}

/** Spaces, no-break spaces, hyphens and dashes are one class: "Kim Jong-un" = "Kim Jong un". */
const JOINERS = new RegExp(`^[\\s\\-${DASH_CHARS}]+$`);
const APOSTROPHES = new RegExp(`^['${APOSTROPHE_CHARS}]$`);

const JOINER_CLASS = ' ';
const APOSTROPHE_CLASS = "'";
const PARAGRAPH_BREAK = '\n\n';

/** The class of what stands between two tokens; anything else is compared as written. */
function separatorClass(separator: string): string {
  if (separator === '') return '';
  // A blank line ends a paragraph (and a headline): no name runs on past it.
  if (/\n\s*\n/.test(separator)) return PARAGRAPH_BREAK;
  if (JOINERS.test(separator)) return JOINER_CLASS;
  if (APOSTROPHES.test(separator)) return APOSTROPHE_CLASS;
  // Any other punctuation must be the same, with its white space as one space ("U. S." = "U.  S.").
  return separator.replace(/\s+/g, ' ');
}

/** Separator and token after the first, encoded so that a sequence is one comparable string. */
export function continuationKey(separator: string, foldedToken: string): string {
  return `${separatorClass(separator)}\uE001${foldedToken}\uE002`;
}
