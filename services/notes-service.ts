/** Answers note requests. The background is the only writer of notes. */
import { addNote } from '@/storage/notes';
import type { ContestoDatabase } from '@/storage/schema';
import type { Handlers } from './router';

export function createNotesService(db: ContestoDatabase) {
  const handlers: Handlers<'notes/add'> = {
    'notes/add': async ({ payload }) => ({ id: (await addNote(db, payload)).id }),
  };
  return { handlers };
}
