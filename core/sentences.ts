/** Sentence boundaries from the platform's Intl.Segmenter, available in Node and in browsers. */

export interface SentenceSpan {
  start: number;
  end: number;
  text: string;
}

/**
 * The segmenter's cost grows faster than the length of the string it is given (1 MB took 10 s),
 * so it is fed one line at a time, and an over-long line in pieces cut after a full stop.
 * A line break always ends a sentence (UAX #29, rule SB4), so feeding lines changes nothing.
 */
const MAX_PIECE = 4_000;

const segmenters = new Map<string, Intl.Segmenter>();

function segmenterFor(lang = 'en'): Intl.Segmenter {
  let segmenter = segmenters.get(lang);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(lang, { granularity: 'sentence' });
    segmenters.set(lang, segmenter);
  }
  return segmenter;
}

/** Non-empty sentences with their offsets in `text`, trimmed of surrounding white space. */
export function splitSentences(text: string, lang?: string): SentenceSpan[] {
  const segmenter = segmenterFor(lang);
  const spans: SentenceSpan[] = [];
  for (const [pieceStart, pieceEnd] of pieces(text)) {
    // Stepping from segment to segment with containing() reads the same segments as iterating, in
    // about half the time: the iterator's protocol, not ICU, was most of the cost.
    const segments = segmenter.segment(text.slice(pieceStart, pieceEnd));
    for (let index = 0, segment: string; index < pieceEnd - pieceStart; index += segment.length) {
      segment = segments.containing(index)!.segment;
      const lead = segment.length - segment.trimStart().length;
      const trimmed = segment.trim();
      const start = pieceStart + index + lead;
      if (trimmed) spans.push({ start, end: start + trimmed.length, text: trimmed });
    }
  }
  return spans;
}

/** [start, end) ranges that cover `text`: its lines, long ones cut after ". " or at a space. */
function* pieces(text: string): Generator<[number, number]> {
  let start = 0;
  while (start < text.length) {
    const lineEnd = text.indexOf('\n', start);
    const end = lineEnd < 0 ? text.length : lineEnd + 1;
    if (end - start <= MAX_PIECE) {
      yield [start, end];
      start = end;
      continue;
    }
    const window = text.slice(start, start + MAX_PIECE);
    const cut = Math.max(window.lastIndexOf('. '), window.lastIndexOf('? '), window.lastIndexOf('! '));
    const space = window.lastIndexOf(' ');
    let length = cut > MAX_PIECE / 2 ? cut + 2 : space > MAX_PIECE / 2 ? space + 1 : MAX_PIECE;
    if (/[\uDC00-\uDFFF]/.test(text[start + length] ?? '')) length--; // never between a surrogate pair
    yield [start, start + length];
    start += length;
  }
}
