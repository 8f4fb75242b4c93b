/** Answers the options page: the reader's own packs, built from their documents. */
import { userPackId } from '@/core/pack-id';
import { importCorrections } from '@/storage/corrections';
import { appendToPack, removePack } from '@/storage/packs';
import type { ContestoDatabase } from '@/storage/schema';
import type { Handlers } from './router';

export function createPacksService(db: ContestoDatabase, onKnowledgeChanged: () => void) {
  const handlers: Handlers<'packs/import' | 'packs/remove' | 'packs/restore'> = {
    'packs/import': async ({ payload }) => {
      const packId = userPackId(payload.label);
      const pack = await appendToPack(db, payload.pack, packId);
      // A shared knowledge base brings its corrections; the reader's own win where both corrected the same thing.
      await importCorrections(db, pack.corrections ?? []);
      onKnowledgeChanged();
      return { packId, documents: pack.documents.length, entities: pack.entities.length, events: pack.events.length };
    },
    'packs/remove': async ({ payload }) => {
      const removed = await removePack(db, payload.packId);
      onKnowledgeChanged();
      return { removed };
    },
    'packs/restore': async ({ payload }) => {
      await appendToPack(db, payload.pack, payload.packId);
      onKnowledgeChanged();
      return { restored: true };
    },
  };
  return { handlers };
}
