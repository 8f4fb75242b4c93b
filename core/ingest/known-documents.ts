/**
 * What the store already holds, as ingestion checks it: apart from the rest of ingestion so that
 * the background, which reads it, does not load the extraction's code (chrono-node, Readability)
 * every time the browser starts its service worker.
 */
import { stableHash } from '../hash';
import { isUserPackId, userPackLabel } from '../pack-id';

/** Documents already in the store: a text they hold is a duplicate, an id they use is taken. */
export interface KnownDocuments {
  /** stableHash of a stored document's text → where it is (its source, and collection). */
  textHashes: ReadonlyMap<string, string>;
  documentIds: ReadonlySet<string>;
}

/** Collects KnownDocuments from stored documents, one at a time (the store and the import worker read them each their own way). */
export function knownDocumentsCollector(): { known: KnownDocuments; add(document: { id: string; text: string; source: string; pack: string }): void } {
  const textHashes = new Map<string, string>();
  const documentIds = new Set<string>();
  return {
    known: { textHashes, documentIds },
    add({ id, text, source, pack }) {
      documentIds.add(id);
      textHashes.set(stableHash(text), `${source} (${isUserPackId(pack) ? userPackLabel(pack) : pack})`);
    },
  };
}
