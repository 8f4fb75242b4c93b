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

export type NoteTarget = { kind: 'entity'; entityId: string } | { kind: 'page'; url: string } | { kind: 'selection'; url: string; quote: TextQuoteSelector; position: TextPositionSelector };

const url = v.pipe(v.string(), v.maxLength(8_192), v.url());
const quoteText = v.pipe(v.string(), v.maxLength(20_000));
const offset = v.pipe(v.number(), v.integer(), v.minValue(0));

export const SelectionTargetSchema = v.strictObject({
  kind: v.literal('selection'),
  url,
  quote: v.strictObject({ type: v.literal('TextQuoteSelector'), exact: v.pipe(quoteText, v.minLength(1)), prefix: quoteText, suffix: quoteText }),
  position: v.strictObject({ type: v.literal('TextPositionSelector'), start: offset, end: offset }),
});

export const NoteTargetSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('entity'), entityId: v.pipe(v.string(), v.minLength(1), v.maxLength(200)) }),
  v.strictObject({ kind: v.literal('page'), url }),
  SelectionTargetSchema,
]);

export const NOTE_BODY_MAX = 100_000;
export const NoteBodySchema = v.pipe(v.string(), v.maxLength(NOTE_BODY_MAX));
export const NoteTagsSchema = v.pipe(v.array(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100))), v.maxLength(50));
