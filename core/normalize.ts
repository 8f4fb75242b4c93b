/**
 * Text normalisation shared by ingestion, the store, search and the matcher (core/match), so that
 * "Kim Jong‑un", "Kim Jong-un" and "kim jong-un" meet in one key. One table of characters and one
 * folding for all of them: a name is indexed the way it is matched.
 */

/** Typographic apostrophes, read as "'". */
export const APOSTROPHE_CHARS = '\u2018\u2019\u02BC\u02B9\u0060\u00B4\u2032';
/** Hyphens and dashes, read as "-" (and, between two words, as a space). */
export const DASH_CHARS = '\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D';
/** Invisible inside words (soft hyphens from hyphenating sites, zero-width spaces and joiners): dropped. */
export const INVISIBLE_CHARS = '\u00AD\u200B-\u200D\u2060\uFEFF';
/** Letters that case and accent folding leave apart but readers write either way. */
const SPELLED_OUT: Record<string, string> = { ß: 'ss', ẞ: 'ss', ı: 'i', ø: 'o', Ø: 'o', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe', đ: 'd', Đ: 'd', ł: 'l', Ł: 'l' };

const APOSTROPHES = new RegExp(`[${APOSTROPHE_CHARS}]`, 'g');
const DASHES = new RegExp(`[${DASH_CHARS}]`, 'g');
const INVISIBLE = new RegExp(`[${INVISIBLE_CHARS}]`, 'g');
const SPELLABLE = new RegExp(`[${Object.keys(SPELLED_OUT).join('')}]`, 'g');
// \s holds the no-break and narrow spaces.
const SPACES = /\s+/g;
const COMBINING_MARKS = /\p{M}+/gu;
const ASCII = /^[\x00-\x7f]*$/;
/** Printable ASCII words (no backtick, an apostrophe of sorts) separated by single spaces. */
const PLAIN_ASCII = /^(?:[\x21-\x5F\x61-\x7E]+(?: [\x21-\x5F\x61-\x7E]+)*)?$/;

/** Unifies typographic apostrophes, dashes and spaces and drops invisible characters; keeps case and accents. */
export function unifyPunctuation(text: string): string {
  return text.replace(INVISIBLE, '').replace(APOSTROPHES, "'").replace(DASHES, '-').replace(SPACES, ' ').trim();
}

/**
 * One word's key, as the matcher compares words: case, accents and compatibility forms folded,
 * letters spelled out, invisible characters dropped. "Zaporižžja" → "zaporizzja", "ＫＨＥＲＳＯＮ" →
 * "kherson", "Großbritannien" → "grossbritannien".
 */
export function foldWord(word: string): string {
  if (ASCII.test(word)) return word.toLowerCase();
  return word
    .replace(INVISIBLE, '')
    .replace(SPELLABLE, (char) => SPELLED_OUT[char]!)
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .normalize('NFC');
}

/** The key an alias is indexed and compared by: punctuation unified, then folded as the matcher folds its words. */
export function foldAlias(text: string): string {
  // Most words are plain ASCII, with nothing to unify or strip: the fast path of ingestion.
  if (PLAIN_ASCII.test(text)) return text.toLowerCase();
  return foldWord(unifyPunctuation(text));
}
