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

export type NoteTarget =
  | { kind: 'entity'; entityId: string }
  | { kind: 'page'; url: string }
  | { kind: 'selection'; url: string; quote: TextQuoteSelector; position: TextPositionSelector };
