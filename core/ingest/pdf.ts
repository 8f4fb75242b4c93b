/**
 * A PDF's text, as a plain-text document: its title (the file's own, when it names one) and its
 * paragraphs. PDF.js is passed in (`PdfLoader`), since Node and the browser load different builds
 * of it; what is done with its text runs the same in both.
 */
import type { SourceInput } from './document';
import { IngestError } from './errors';

/** What PDF.js's text content holds that this reads (a marked-content item has no `str`). */
export interface PdfTextItem {
  str: string;
  hasEOL: boolean;
  /** [a, b, c, d, x, y]: the item's baseline is at y, in points from the page's foot. */
  transform: number[];
  height: number;
}

export interface PdfDocument {
  numPages: number;
  getPage(pageNumber: number): Promise<{ getTextContent(): Promise<{ items: (PdfTextItem | { type: string })[] }> }>;
  getMetadata(): Promise<{ info: object }>;
  destroy(): Promise<void>;
}

export type PdfLoader = (bytes: Uint8Array) => Promise<PdfDocument>;

/** A line further below the one before than this many times its own height starts a new paragraph. */
const PARAGRAPH_GAP = 1.6;

export const isPdf = (name: string) => /\.pdf$/i.test(name);

/**
 * Reads a PDF into a text source with the same name (ingestion then reads it as plain text).
 * A file PDF.js cannot open, or one with no text layer (a scan), is an IngestError that says so.
 */
export async function readPdf(input: { name: string; content: Uint8Array }, load: PdfLoader): Promise<SourceInput> {
  let document: PdfDocument;
  try {
    // PDF.js takes over the buffer it is given: hand it a copy so the caller's bytes stay whole.
    document = await load(input.content.slice());
  } catch (error) {
    throw new IngestError(input.name, `not a readable PDF (${(error as Error).message}).`);
  }
  try {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const { items } = await page.getTextContent();
      pages.push(pageText(items.filter((item): item is PdfTextItem => 'str' in item)));
    }
    const body = pages.filter(Boolean).join('\n\n');
    if (!body.trim()) throw new IngestError(input.name, 'this PDF has no text to read (a scanned image?).');
    const { info } = await document.getMetadata();
    const title = (info as { Title?: unknown }).Title;
    const header = typeof title === 'string' && title.trim() && !body.startsWith(title.trim()) ? `title ${title.replace(/\s+/g, ' ').trim()}\n` : '';
    return { name: input.name, content: `${header}${body}` };
  } finally {
    await document.destroy();
  }
}

/**
 * A page's items as paragraphs: the items of a line joined, the lines of a paragraph joined with a
 * space (ingestion splits sentences line by line, so a wrapped sentence must stay on one line), a
 * line break where the gap to the next line is wider than the line spacing.
 */
export function pageText(items: PdfTextItem[]): string {
  const lines: { text: string; y: number; height: number }[] = [];
  let text = '';
  let last: PdfTextItem | undefined;
  for (const item of items) {
    text += item.str;
    last = item.str ? item : (last ?? item);
    if (item.hasEOL) {
      lines.push({ text, y: last.transform[5]!, height: last.height });
      text = '';
    }
  }
  if (text.trim() && last) lines.push({ text, y: last.transform[5]!, height: last.height });

  const paragraphs: string[] = [];
  let paragraph: string[] = [];
  lines.forEach((line, index) => {
    const previous = lines[index - 1];
    if (previous && Math.abs(previous.y - line.y) > PARAGRAPH_GAP * Math.max(previous.height, line.height)) {
      paragraphs.push(joinLines(paragraph));
      paragraph = [];
    }
    paragraph.push(line.text.trim());
  });
  paragraphs.push(joinLines(paragraph));
  return paragraphs.filter(Boolean).join('\n\n');
}

/** A line that ends in a hyphen goes on without a space ("year-" + "old"): the hyphen is kept, since it may be the word's own. */
function joinLines(lines: string[]): string {
  return lines
    .filter(Boolean)
    .reduce((joined, line) => (!joined ? line : joined.endsWith('-') ? `${joined}${line}` : `${joined} ${line}`), '')
    .replace(/\s+/g, ' ');
}
