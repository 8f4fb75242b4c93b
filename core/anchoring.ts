/**
 * Anchoring selection notes in a page's text (pure: works on the text string; the DOM side is
 * annotator/page-text.ts). A selection is described by a W3C TextQuoteSelector (exact, prefix,
 * suffix) and a TextPositionSelector; re-anchoring tries the position first, then the quote,
 * then an approximate match of the quote (Myers' algorithm, the one Hypothesis uses), and
 * gives up rather than pin a note to the wrong words.
 */
import approximateSearch from 'approx-string-match';
import type { TextPositionSelector, TextQuoteSelector } from './notes';

/** Characters of context stored on each side of a quote. */
export const QUOTE_CONTEXT = 32;

/** Largest share of a quote's characters that may differ for an approximate match. */
const MAX_ERROR_RATE = 0.25;
/** Caps the work of the approximate search on very long quotes (its cost grows with it). */
const MAX_ERRORS = 64;

export interface TextSpan {
  start: number;
  end: number;
}

export type AnchorMethod = 'position' | 'quote' | 'fuzzy';

export interface Anchor extends TextSpan {
  method: AnchorMethod;
}

export function describeSpan(text: string, { start, end }: TextSpan): { quote: TextQuoteSelector; position: TextPositionSelector } {
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - QUOTE_CONTEXT), start),
      suffix: text.slice(end, end + QUOTE_CONTEXT),
    },
    position: { type: 'TextPositionSelector', start, end },
  };
}

/** Where the quoted text is now, or null when it is gone (the note is then orphaned). */
export function anchorQuote(text: string, quote: TextQuoteSelector, position?: TextPositionSelector): Anchor | null {
  if (position && text.slice(position.start, position.end) === quote.exact) return { start: position.start, end: position.end, method: 'position' };

  const exact = occurrences(text, quote.exact).map((start) => ({ start, end: start + quote.exact.length, errors: 0 }));
  if (exact.length > 0) return { ...best(text, quote, position, exact), method: 'quote' };

  const maxErrors = Math.min(MAX_ERRORS, Math.floor(quote.exact.length * MAX_ERROR_RATE));
  if (maxErrors === 0) return null;
  const approximate = approximateSearch(text, quote.exact, maxErrors);
  if (approximate.length === 0) return null;
  return { ...best(text, quote, position, approximate), method: 'fuzzy' };
}

function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) found.push(at);
  return found;
}

/**
 * Picks the candidate whose quote, context and place agree best with the selector: the quote
 * counts most, then the text on either side, then nearness to the old position (a tie-breaker).
 */
function best(text: string, quote: TextQuoteSelector, position: TextPositionSelector | undefined, candidates: (TextSpan & { errors: number })[]): TextSpan {
  const score = ({ start, end, errors }: TextSpan & { errors: number }) => {
    const quoteScore = 1 - errors / quote.exact.length;
    const prefixScore = similarity(text.slice(Math.max(0, start - quote.prefix.length), start), quote.prefix);
    const suffixScore = similarity(text.slice(end, end + quote.suffix.length), quote.suffix);
    const nearness = position ? 1 - Math.abs(start - position.start) / Math.max(1, text.length) : 0;
    return 50 * quoteScore + 20 * prefixScore + 20 * suffixScore + 2 * nearness;
  };
  let winner = candidates[0];
  let winnerScore = score(winner);
  for (const candidate of candidates.slice(1)) {
    const candidateScore = score(candidate);
    if (candidateScore > winnerScore) [winner, winnerScore] = [candidate, candidateScore];
  }
  return { start: winner.start, end: winner.end };
}

/** 1 when `expected` occurs in `actual` unchanged, falling towards 0 with each edit. */
function similarity(actual: string, expected: string): number {
  if (expected.length === 0) return 1;
  if (actual === expected) return 1;
  const [match] = approximateSearch(actual, expected, expected.length);
  return match ? 1 - match.errors / expected.length : 0;
}
