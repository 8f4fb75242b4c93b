/**
 * The address of the document view (an extension page): `document.html?id=<document id>`, and
 * `#<start>-<end>` for a sentence to scroll to and mark, as offsets in the document's text.
 */

export interface TextSpan {
  start: number;
  end: number;
}

/** The query and fragment that open a document, at a sentence when one is given. */
export function documentViewQuery(documentId: string, sentence?: TextSpan): string {
  const query = `?id=${encodeURIComponent(documentId)}`;
  return sentence ? `${query}#${sentence.start}-${sentence.end}` : query;
}

const SPAN = /^#(\d{1,10})-(\d{1,10})$/;

/** What a document view's address asks for; anything malformed is left out rather than guessed. */
export function readDocumentViewLocation(search: string, hash: string): { documentId?: string; sentence?: TextSpan } {
  const documentId = new URLSearchParams(search).get('id') || undefined;
  const span = SPAN.exec(hash);
  const sentence = span ? { start: Number(span[1]), end: Number(span[2]) } : undefined;
  return { documentId, ...(sentence && sentence.end > sentence.start && { sentence }) };
}

/**
 * Where an event's sentence is in its document's text. An event keeps its summary, which is the
 * sentence or, when that is long, the clause holding the date (cut with an ellipsis when still
 * long): the first place the text holds it. Undefined when the text does not hold it.
 */
export function summarySpan(summary: string, text: string): TextSpan | undefined {
  const quoted = summary.endsWith('…') ? summary.slice(0, -1) : summary;
  const start = quoted ? text.indexOf(quoted) : -1;
  return start < 0 ? undefined : { start, end: start + quoted.length };
}
