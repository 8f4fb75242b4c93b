/**
 * Text normalisation shared by ingestion, the store's alias index and the matcher, so that
 * "Kim Jong‑un", "Kim Jong-un" and "kim jong-un" meet in one key.
 */

const APOSTROPHES = /[\u2018\u2019\u02BC\u02B9\u0060\u00B4\u2032]/g;
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D]/g;
const SPACES = /[\s\u00A0\u2007\u202F\u2060\uFEFF]+/g;
const COMBINING_MARKS = /\p{M}+/gu;

/** Unifies typographic apostrophes, dashes and spaces; keeps case and accents. */
export function unifyPunctuation(text: string): string {
  return text.replace(APOSTROPHES, "'").replace(DASHES, '-').replace(SPACES, ' ').trim();
}

/** The key an alias is indexed and compared by: punctuation unified, case and accents folded. */
/** Printable ASCII words (no backtick, an apostrophe of sorts) separated by single spaces. */
const PLAIN_ASCII = /^(?:[\x21-\x5F\x61-\x7E]+(?: [\x21-\x5F\x61-\x7E]+)*)?$/;

export function foldAlias(text: string): string {
  // Most words are plain ASCII, with nothing to unify or strip: the fast path of ingestion.
  if (PLAIN_ASCII.test(text)) return text.toLowerCase();
  return unifyPunctuation(text).normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase().normalize('NFC');
}
