/** Words with offsets, and the corpus-wide casing facts the recogniser relies on. */
import { foldAlias } from '../normalize';
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
}

export interface AnalysedSentence extends Sentence {
  tokens: Token[];
}

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:[-‐‑'’ʼ][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*/gu;
/** A lower-case word before an apostrophe is an elided article or preposition: "l’", "dell’", "d’". */
const ELISION = /^(\p{Ll}+['’ʼ])(?=\p{L})/u;
const OPENING = /[“«"‘(]\s*$/;

export function tokenize(text: string, sentence: Sentence): Token[] {
  const tokens: Token[] = [];
  let previousEnd = sentence.start;
  const push = (word: string, start: number) => {
    const initial = tokens.length === 0 || OPENING.test(text.slice(previousEnd, start));
    tokens.push({
      text: word,
      folded: foldAlias(word).replace(/'$/, ''),
      start,
      end: start + word.length,
      capitalised: /^[\p{Lu}\p{Lt}]/u.test(word),
      acronym: /^\p{Lu}{2,}$/u.test(word),
      initial,
    });
    previousEnd = start + word.length;
  };
  for (const match of sentence.text.matchAll(WORD)) {
    let word = match[0];
    let start = sentence.start + match.index;
    const elided = ELISION.exec(word)?.[1];
    if (elided) {
      push(elided, start);
      word = word.slice(elided.length);
      start += elided.length;
    }
    push(word, start);
  }
  return tokens;
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

export function recordCasing(casing: Casing, sentences: AnalysedSentence[]): void {
  for (const { tokens } of sentences) {
    for (const token of tokens) {
      if (token.capitalised && !token.initial) casing.capitalisedMidSentence.add(token.folded);
      else if (!token.capitalised && /^\p{Ll}/u.test(token.text)) casing.lowercase.add(token.folded);
    }
  }
}
