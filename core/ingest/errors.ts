/** A document that cannot be ingested; the message always names the document. */
export class IngestError extends Error {
  override name = 'IngestError';
  constructor(
    readonly source: string,
    reason: string,
    /** The source of the document whose text this one repeats, when that is why it is left out. */
    readonly duplicateOf?: string,
  ) {
    super(`${source}: ${reason}`);
  }
}

export interface IngestFailure {
  source: string;
  message: string;
  /** Set when the document was skipped because another one has the same text: that one's source. */
  duplicateOf?: string;
}
