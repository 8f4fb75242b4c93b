/** Sentence boundaries from the platform's Intl.Segmenter, available in Node and in browsers. */

export interface SentenceSpan {
  start: number;
  end: number;
  text: string;
}

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
  const spans: SentenceSpan[] = [];
  for (const { segment, index } of segmenterFor(lang).segment(text)) {
    const lead = segment.length - segment.trimStart().length;
    const trimmed = segment.trim();
    if (trimmed) spans.push({ start: index + lead, end: index + lead + trimmed.length, text: trimmed });
  }
  return spans;
}
