import * as v from 'valibot';

/** What a reader's note is attached to. Selectors follow the W3C Web Annotation model. */
export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

/** A page or a selection keeps the page's title as it was when the note was made (notes from before titles have none). */
export type NoteTarget =
  { kind: 'entity'; entityId: string } | { kind: 'page'; url: string; title?: string } | { kind: 'selection'; url: string; title?: string; quote: TextQuoteSelector; position: TextPositionSelector };

const url = v.pipe(v.string(), v.maxLength(8_192), v.url());
const quoteText = v.pipe(v.string(), v.maxLength(20_000));
const offset = v.pipe(v.number(), v.integer(), v.minValue(0));
const TITLE_MAX = 1_000;
const title = v.optional(v.pipe(v.string(), v.maxLength(TITLE_MAX)));

export const SelectionTargetSchema = v.strictObject({
  kind: v.literal('selection'),
  url,
  title,
  quote: v.strictObject({ type: v.literal('TextQuoteSelector'), exact: v.pipe(quoteText, v.minLength(1)), prefix: quoteText, suffix: quoteText }),
  position: v.strictObject({ type: v.literal('TextPositionSelector'), start: offset, end: offset }),
});

export const NoteTargetSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('entity'), entityId: v.pipe(v.string(), v.minLength(1), v.maxLength(200)) }),
  v.strictObject({ kind: v.literal('page'), url, title }),
  SelectionTargetSchema,
]);

/**
 * A new note's id (a version 4 UUID), made by whoever writes the note so that sending it twice
 * stores it once. From random bytes: `crypto.randomUUID` is missing on http pages, where the
 * content script writes notes too.
 */
export function newNoteId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const NOTE_BODY_MAX = 100_000;
export const NoteBodySchema = v.pipe(v.string(), v.maxLength(NOTE_BODY_MAX));
export const NoteTagsSchema = v.pipe(v.array(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100))), v.maxLength(50));

/**
 * The title a note keeps for its page: one line, or nothing when the page has none (a tab
 * without a title shows its address instead, which the note keeps anyway).
 */
export function pageTitle(title: string | undefined, url: string): { title?: string } {
  const line = title?.replace(/\s+/g, ' ').trim().slice(0, TITLE_MAX);
  return line && !url.includes(line) ? { title: line } : {};
}
