/**
 * Sentences for ingestion: the platform's Intl.Segmenter (core/sentences.ts), then glued back
 * where it cut a quotation or an abbreviation: a sentence never starts with a lower-case
 * letter or closing punctuation, never ends in an initial or a common abbreviation, and a quote
 * opened in a paragraph closes in the same sentence.
 */
import { splitSentences, type SentenceSpan } from '../sentences';

const OPENING_QUOTES = /[“«„]/g;
const CLOSING_QUOTES = /[”»]/g;
const CONTINUATION = /^[\p{Ll}”»,;:)\]]/u;
/** A sentence that ends in an initial or a common abbreviation was cut too early: "George H.", "Sen.", "ecc.". */
const ABBREVIATION_END =
  /(?:^|[\s(])(?:\p{Lu}|(?:\p{Lu}\.)+\p{Lu}|Mr|Mrs|Ms|Dr|Prof|St|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Adm|Jr|Sr|Mt|Ft|No|Nos|Vol|Co|Inc|Corp|Ltd|vs|etc|ecc|p\.es|es|dott|sig|avv|ing|on|cfr|pag|art|ca)\.$/u;

export type Sentence = SentenceSpan;

export function sentencesOf(text: string, lang: string): Sentence[] {
  const sentences: Sentence[] = [];
  for (const span of splitSentences(text, lang)) {
    const previous = sentences.at(-1);
    const sameParagraph = previous && !text.slice(previous.end, span.start).includes('\n');
    if (previous && sameParagraph && (CONTINUATION.test(span.text) || hasOpenQuote(previous.text) || ABBREVIATION_END.test(previous.text))) {
      previous.end = span.end;
      previous.text = text.slice(previous.start, span.end);
    } else {
      sentences.push({ ...span });
    }
  }
  return sentences;
}

function hasOpenQuote(sentence: string): boolean {
  const opened = sentence.match(OPENING_QUOTES)?.length ?? 0;
  const closed = sentence.match(CLOSING_QUOTES)?.length ?? 0;
  return opened > closed;
}
