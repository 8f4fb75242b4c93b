/**
 * Tokens as the matcher sees text: runs of letters, marks and digits, except that each character
 * of a script written without spaces (Han, kana, Thai…) is a token of its own, so names in those
 * scripts match inside running text. Between two tokens lies a separator, compared by class.
 * Characters are read and folded by core/normalize's table, as aliases are indexed.
 */
import { APOSTROPHE_CHARS, DASH_CHARS, INVISIBLE_CHARS } from '../normalize';

// Korean is written with spaces, but particles stick to names ("서울에서", in Seoul): treat it as unspaced.
const UNSPACED = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}\p{sc=Tibetan}]/u;
/** Invisible inside words: part of the token, dropped when folding. */
const INVISIBLE = new RegExp(`[${INVISIBLE_CHARS}]`, 'gu');
const WORD = /[\p{L}\p{M}\p{N}]/u;

const CharClass = { unknown: 0, separator: 1, word: 2, unspaced: 3 } as const;
/**
 * The class of every UTF-16 code unit, filled in as characters are first seen: a table lookup
 * per character is several times faster than a Unicode regular expression over the text.
 */
const classes = new Uint8Array(0x10000);
for (let code = 0; code < 0x80; code++) {
  const char = String.fromCharCode(code);
  classes[code] = /[A-Za-z0-9]/.test(char) ? CharClass.word : CharClass.separator;
}

function classOf(code: number): number {
  let known = classes[code];
  if (known === CharClass.unknown) {
    const char = String.fromCharCode(code);
    // Surrogates stand for letters outside the BMP (rare in names): read them as word characters.
    INVISIBLE.lastIndex = 0;
    const wordlike = (code >= 0xd800 && code <= 0xdfff) || INVISIBLE.test(char);
    known = wordlike ? CharClass.word : UNSPACED.test(char) ? CharClass.unspaced : WORD.test(char) ? CharClass.word : CharClass.separator;
    classes[code] = known;
  }
  return known;
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

export interface TokenSpans {
  starts: number[];
  ends: number[];
}

const SPACED_WORD = new RegExp(`[\\p{L}\\p{M}\\p{N}${INVISIBLE_CHARS}]+`, 'gu');

export function tokenSpans(text: string): TokenSpans {
  // Most text has no unspaced script: then one native regular expression finds the tokens,
  // which is much faster than a loop over characters while the page's code is still cold.
  if (!UNSPACED.test(text)) {
    const starts: number[] = [];
    const ends: number[] = [];
    SPACED_WORD.lastIndex = 0;
    for (let match = SPACED_WORD.exec(text); match; match = SPACED_WORD.exec(text)) {
      starts.push(match.index);
      ends.push(match.index + match[0].length);
    }
    return { starts, ends };
  }
  return tokenSpansByCharacter(text);
}

function tokenSpansByCharacter(text: string): TokenSpans {
  const starts: number[] = [];
  const ends: number[] = [];
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const kind = classOf(text.charCodeAt(i));
    if (kind === CharClass.word) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      starts.push(start);
      ends.push(i);
      start = -1;
    }
    if (kind === CharClass.unspaced) {
      starts.push(i);
      ends.push(i + 1);
    }
  }
  if (start >= 0) {
    starts.push(start);
    ends.push(text.length);
  }
  return { starts, ends };
}

/** Separator and token after the first, encoded so that a sequence is one comparable string. */
export function continuationKey(separator: string, foldedToken: string): string {
  return `${separatorClass(separator)}\uE001${foldedToken}\uE002`;
}
