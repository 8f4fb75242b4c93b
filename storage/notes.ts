/** The reader's notes. Only the background writes them; extension pages may read directly. */
import type { NoteTarget } from '@/core/notes';
import type { ContestoDatabase, StoredNote } from './schema';

/** Index fields derived from the target, so notes can be listed by entity and by page. */
export function noteIndexFields(target: NoteTarget): Pick<StoredNote, 'entityId' | 'url'> {
  return target.kind === 'entity' ? { entityId: target.entityId, url: undefined } : { entityId: undefined, url: target.url };
}

export async function addNote(db: ContestoDatabase, input: { target: NoteTarget; body: string; tags?: string[] }, now = new Date()): Promise<StoredNote> {
  const time = now.toISOString();
  const note: StoredNote = {
    id: crypto.randomUUID(),
    target: input.target,
    body: input.body,
    tags: [...new Set(input.tags ?? [])],
    created: time,
    updated: time,
    ...noteIndexFields(input.target),
  };
  await db.notes.add(note);
  return note;
}
