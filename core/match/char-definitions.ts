/**
 * What the matcher's characters are, defined by Unicode properties. The matcher itself reads
 * these as the precomputed tables of char-tables.ts (regular expressions over Unicode properties
 * take milliseconds to compile on a page); `npx tsx scripts/char-tables.ts` regenerates the
 * tables from these definitions, and a unit test checks that they agree.
 */
import { foldWord, INVISIBLE_CHARS } from '../normalize';
import { CharClass } from './char-tables-format';

// Korean is written with spaces, but particles stick to names ("서울에서", in Seoul): treat it as unspaced.
const UNSPACED = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}\p{sc=Tibetan}]/u;
/** Invisible inside words: part of the token, dropped when folding. */
const INVISIBLE = new RegExp(`[${INVISIBLE_CHARS}]`, 'u');
const WORD = /[\p{L}\p{M}\p{N}]/u;

/**
 * A word character is a letter, a mark, a digit or an invisible character; an unspaced one is of
 * a script written without spaces (each is a token of its own); anything else, a lone surrogate
 * included, separates tokens.
 */
export function classOfCodePoint(codePoint: number): CharClass {
  if (codePoint >= 0xd800 && codePoint < 0xe000) return CharClass.separator;
  const char = String.fromCodePoint(codePoint);
  if (INVISIBLE.test(char)) return CharClass.word;
  return UNSPACED.test(char) ? CharClass.unspaced : WORD.test(char) ? CharClass.word : CharClass.separator;
}

/** Below this code, a word character may fold to one ASCII character on its own (Latin letters, accented or not). */
export const SIMPLE_FOLD_LIMIT = 0x250;

/**
 * The ASCII code a word character folds to by itself (foldWord: "É" → "e"), or -1 when it folds
 * to anything else ("ß" → "ss", marks, other scripts, nothing at all).
 */
export function simpleFoldOf(code: number): number {
  if (code >= SIMPLE_FOLD_LIMIT || classOfCodePoint(code) !== CharClass.word) return -1;
  const folded = foldWord(String.fromCharCode(code));
  return folded.length === 1 && folded.charCodeAt(0) < 0x80 ? folded.charCodeAt(0) : -1;
}
