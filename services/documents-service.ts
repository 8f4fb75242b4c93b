/** Answers what concerns one document: opening it in the document view, deleting it from its collection. */
import type { TextSpan } from '@/core/document-link';
import { deleteDocument } from '@/storage/packs';
import { requestPageAdd } from '@/storage/settings';
import type { ContestoDatabase } from '@/storage/schema';
import type { Handlers } from './router';
import { createUndoShelf, type UndoShelf } from './undo-shelf';

/** What the service needs from the browser, injected so it runs under test without one. */
export interface DocumentsPlatform {
  /** Opens the document view in a new tab, beside the tab that asked when there is one. */
  openDocumentView(documentId: string, sentence: TextSpan | undefined, besideTabId: number | undefined): Promise<void>;
  knowledgeChanged(): void;
}

export function createDocumentsService(db: ContestoDatabase, platform: DocumentsPlatform, undo: UndoShelf = createUndoShelf()) {
  const handlers: Handlers<'documents/open' | 'documents/add-page' | 'documents/delete'> = {
    'documents/open': async ({ payload }, sender) => {
      await platform.openDocumentView(payload.documentId, payload.sentence, sender.tabId);
      return { opened: true };
    },
    'documents/add-page': async ({ payload }) => {
      await requestPageAdd(db, payload.tabId);
      return { requested: true };
    },
    'documents/delete': async ({ payload }) => {
      const deleted = await deleteDocument(db, payload.documentId);
      if (!deleted) return { deleted: null };
      platform.knowledgeChanged();
      return { deleted: { packId: deleted.packId, undoId: undo.keep({ packId: deleted.packId, pack: deleted.removed }) } };
    },
  };
  return { handlers };
}
