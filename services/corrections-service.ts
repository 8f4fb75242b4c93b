/** Answers the reader's corrections of the knowledge base: an entity that is not one, words not to highlight, and undoing either. */
import { addCorrection, removeCorrection } from '@/storage/corrections';
import type { ContestoDatabase } from '@/storage/schema';
import type { Handlers } from './router';

export function createCorrectionsService(db: ContestoDatabase, knowledgeChanged: () => void) {
  const handlers: Handlers<'corrections/add' | 'corrections/remove'> = {
    'corrections/add': async ({ payload }) => {
      const marked = await addCorrection(db, payload);
      // Open pages scan again without it; a repeat changes nothing and tells nobody.
      if (marked?.added) knowledgeChanged();
      return { correction: marked && { id: marked.correction.id, name: marked.correction.name } };
    },
    'corrections/remove': async ({ payload }) => {
      const removed = await removeCorrection(db, payload.id);
      if (removed) knowledgeChanged();
      return { removed };
    },
  };
  return { handlers };
}
