/** Answers the reader's corrections of the knowledge base: marking an entity as not one, and undoing it. */
import { markNotAnEntity, removeCorrection } from '@/storage/corrections';
import type { ContestoDatabase } from '@/storage/schema';
import type { Handlers } from './router';

export function createCorrectionsService(db: ContestoDatabase, knowledgeChanged: () => void) {
  const handlers: Handlers<'corrections/add' | 'corrections/remove'> = {
    'corrections/add': async ({ payload }) => {
      const marked = await markNotAnEntity(db, payload.entityId);
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
