/** Words with offsets, and the corpus-wide casing facts the recogniser relies on. */
import { foldAlias } from '../normalize';
import { isKnownPlace } from './places';
import { isGivenName } from './words';
import type { Sentence } from './sentences';

export interface Token {
  text: string;
  /** Folded, without a trailing elision apostrophe: "Dell’" → "dell". */
  folded: string;
  start: number;
  end: number;
  capitalised: boolean;
  acronym: boolean;
  /** First word of a sentence or of a quotation: capitalised for reasons other than being a name. */
  initial: boolean;
  /** Part of a run of three or more words in capitals: a headline, a kicker or a menu. */
  shouted: boolean;
  /** Written with a possessive "’s" (not part of the token): a name ends here ("Egypt’s Islamists"). */
  possessive: boolean;
}

export interface AnalysedSentence extends Sentence {
  tokens: Token[];
}

/**
 * A word: a website's name first ("Repubblica.it"), an abbreviation that ends a company's or a person's name
 * with its full stop ("Co.", "Inc.", "Jr."), dotted capitals ("U.S.", "H.W.", an initial "F." before a capitalised word), then
 * an old truncated preposition inside a name ("Castrignano de' Greci"), letters and digits joined by hyphens and apostrophes ("Jong-un", "O'Brien", "dell'Onu").
 */
const WORD =
  /[\p{L}\p{N}][\p{L}\p{N}-]*\.(?:it|com|org|net|eu|info|news)(?![\p{L}\p{N}]|\.[\p{L}\p{N}])|(?<![\p{L}\p{N}])(?:Co|Inc|Ltd|Corp|Bros|Jr|Sr)\.(?![\p{L}\p{N}])|(?:\p{Lu}\.){2,}|\p{Lu}\.(?=[ \t\u00A0]+\p{Lu})|(?<![\p{L}\p{N}])(?:de|da|ne)['’ʼ](?=[ \t\u00A0]+\p{Lu})|[\p{L}\p{N}][\p{L}\p{M}\p{N}\u00AD]*(?:[-‐‑'’ʼ][\p{L}\p{N}][\p{L}\p{M}\p{N}\u00AD]*)*/gu;
/** The English possessive: "Mugabe's" is Mugabe. */
const POSSESSIVE = /['’ʼ]s$/i;
/** "London-based", "Islamist-led": an adjective made from a name; the name is read apart from it. */
const ADJECTIVAL_COMPOUND = /[-‐‑](?:based|led|backed|born|owned|run|funded|made|style|era|bound|linked|controlled|affiliated|sponsored|inspired|friendly|wide|related|speaking)$/i;
/** A lower-case word before an apostrophe is an elided article or preposition: "l’", "dell’", "d’". */
const ELISION = /^(\p{Ll}+['’ʼ])(?=\p{L})/u;
/** The same at a sentence's start: "L’Europa", "L’assessore Brandi". Not "D’" ("D’Alema" is a name), nor a town's own article ("L’Aquila"). */
const CAPITAL_ELISION = /^((?:L|Un|Dell|All|Nell|Dall|Sull|Quest|Quell)['’ʼ])(?=\p{L})/u;
/** Characters that open a quotation or an aside: the word after them opens it. */
const OPENING_CHARS = '“«"‘(';
const APOSTROPHE = /['’ʼ]/;
const SPACE = /\s/;
const HYPHEN = /[-‐‑]/;
const CAPITAL = /^[\p{Lu}\p{Lt}]/u;
/** A name written with a lower-case particle joined to it: "al-Qaeda", "el-Sisi", "d’Alema" is already capitalised. */
const PARTICLE_NAME = /^(?:al|el|ad|ar|as|ash|at|az|an|ibn|bin|abu|ben)[-‐‑]\p{Lu}/u;
const ACRONYM = /^(?:\p{Lu}{2,}|(?:\p{Lu}\.){2,})$/u;

export function tokenize(text: string, sentence: Sentence): Token[] {
  const tokens: Token[] = [];
  let previousEnd = sentence.start;
  // The word after a sentence's opening article ("L’Europa") opens the sentence too: its capital says nothing yet.
  let afterOpeningArticle = false;
  const push = (written: string, start: number) => {
    const initial = afterOpeningArticle || tokens.length === 0 || opensQuotation(text, previousEnd, start);
    afterOpeningArticle = false;
    const possessive = written.length > 3 && POSSESSIVE.test(written);
    const word = possessive ? written.slice(0, -2) : written;
    const capitalised = CAPITAL.test(word) || (HYPHEN.test(word) && PARTICLE_NAME.test(word));
    const folded = foldAlias(word.includes('\u00AD') ? word.replaceAll('\u00AD', '') : word);
    tokens.push({
      text: word,
      // A soft hyphen is invisible on the page: "Netan-yahu" broken for layout is Netanyahu.
      folded: folded.endsWith("'") || folded.endsWith('.') ? folded.slice(0, -1) : folded,
      start,
      end: start + word.length,
      capitalised,
      acronym: capitalised && ACRONYM.test(word),
      initial,
      possessive,
      shouted: false,
    });
    previousEnd = start + written.length;
  };
  // exec() on the one expression: matchAll() would copy it for every sentence.
  WORD.lastIndex = 0;
  for (let match = WORD.exec(sentence.text); match; match = WORD.exec(sentence.text)) {
    let word = match[0];
    let start = sentence.start + match.index;
    if (APOSTROPHE.test(word)) {
      const capitalElision = CAPITAL_ELISION.exec(word)?.[1];
      const elided = ELISION.exec(word)?.[1] ?? (capitalElision && !isKnownPlace(word) ? capitalElision : undefined);
      if (elided) {
        const opensSentence = tokens.length === 0;
        push(elided, start);
        afterOpeningArticle = opensSentence;
        word = word.slice(elided.length);
        start += elided.length;
      }
    }
    const hyphenated = HYPHEN.test(word);
    const compound = hyphenated ? ADJECTIVAL_COMPOUND.exec(word) : null;
    if (compound) {
      push(word.slice(0, compound.index), start);
      push(word.slice(compound.index + 1), start + compound.index + 1);
    } else if (hyphenated && isRouteBetweenPlaces(word)) {
      for (const part of word.matchAll(/[^-‐‑]+/g)) push(part[0], start + part.index);
    } else {
      push(word, start);
    }
  }
  markShouting(tokens);
  return tokens;
}

/** True when the text between two words (from `from` to `to`) ends in an opening quote or bracket, spaces aside. */
function opensQuotation(text: string, from: number, to: number): boolean {
  let at = to - 1;
  while (at >= from && SPACE.test(text[at]!)) at--;
  return at >= from && OPENING_CHARS.includes(text[at]!);
}

/**
 * "la Maglie-Poggiardo", "Bari-Taranto": towns joined by hyphens name a road, a line or a match
 * between them, and each is read apart. Not a place whose own name is hyphenated ("Emilia-Romagna"),
 * nor given names that are also towns somewhere ("Jean-Pierre").
 */
function isRouteBetweenPlaces(word: string): boolean {
  const parts = word.split(/[-‐‑]/);
  return parts.length > 1 && !isKnownPlace(word) && parts.every((part) => part.length >= 3 && CAPITAL.test(part) && isKnownPlace(part) && !isGivenName(foldAlias(part)));
}

/**
 * Three or more all-capital words in a row are shouted, not named ("LAURIE OAKES IS THE NINE
 * NETWORK …"), and so is every all-capital word of a sentence written mostly in capitals
 * ("SORPRESO A FASANO CON LA DROGA").
 */
function markShouting(tokens: Token[]): void {
  // A token holds letters, digits, hyphens, apostrophes and dots: it is in capitals when upper-casing changes nothing and lower-casing does.
  const isUpper = (token: Token) => token.text === token.text.toUpperCase() && token.text !== token.text.toLowerCase();
  const isCaps = (token: Token) => token.text.length >= 2 && isUpper(token);
  const caps = tokens.filter(isCaps).length;
  if (caps < 3) return;
  if (caps >= tokens.filter((token) => /\p{L}/u.test(token.text)).length / 2) {
    for (const token of tokens) if (isUpper(token)) token.shouted = true;
    return;
  }
  for (let start = 0; start < tokens.length;) {
    let end = start;
    while (end < tokens.length && isCaps(tokens[end]!)) end++;
    if (end - start >= 3) for (let index = start; index < end; index++) tokens[index]!.shouted = true;
    start = Math.max(end, start + 1);
  }
}

/** True when only spaces (or an elision apostrophe already inside the token) separate two tokens. */
export function adjacent(text: string, left: Token, right: Token): boolean {
  return /^[ \t\u00A0]*$/.test(text.slice(left.end, right.start));
}

/** How words are written across the whole corpus: the test for sentence-initial capitals. */
export interface Casing {
  capitalisedMidSentence: Set<string>;
  lowercase: Set<string>;
}

export function emptyCasing(): Casing {
  return { capitalisedMidSentence: new Set(), lowercase: new Set() };
}

const LOWERCASE_START = /^\p{Ll}/u;
/** The test of /^\p{Ll}/u, answered without the expression for plain ASCII, which most words are. */
function startsLowercase(word: string): boolean {
  const code = word.charCodeAt(0);
  return code < 128 ? code >= 97 && code <= 122 : LOWERCASE_START.test(word);
}

export function recordCasing(casing: Casing, sentences: AnalysedSentence[]): void {
  for (const { tokens } of sentences) {
    for (const token of tokens) {
      if (token.capitalised && !token.initial) casing.capitalisedMidSentence.add(token.folded);
      else if (!token.capitalised && startsLowercase(token.text)) casing.lowercase.add(token.folded);
    }
  }
}
