/** The reader's notes. Only the background writes them; extension pages may read directly. */
import * as v from 'valibot';
import type { NotesImportReport, SelectionNote } from '@/core/messages';
import { SelectionTargetSchema, type NoteTarget } from '@/core/notes';
import { pageUrl } from '@/core/page-url';
import type { NoteRecord } from '@/core/web-annotation';
import type { ContestoDatabase, StoredNote } from './schema';

/** Index fields derived from the target, so notes can be listed by entity and by page. */
function noteIndexFields(target: NoteTarget): Pick<StoredNote, 'entityId' | 'url'> {
  return target.kind === 'entity' ? { entityId: target.entityId, url: undefined } : { entityId: undefined, url: pageUrl(target.url) };
}

/**
 * Stores a new note under the id its writer made. The same id again stores nothing and returns
 * the note already stored: a message sent twice (the background stopped before it answered) is one note.
 */
export async function addNote(db: ContestoDatabase, input: { id: string; target: NoteTarget; body: string; tags?: string[] }, now = new Date()): Promise<StoredNote> {
  const time = now.toISOString();
  const note: StoredNote = {
    id: input.id,
    target: input.target,
    body: input.body,
    tags: [...new Set(input.tags ?? [])],
    created: time,
    updated: time,
    ...noteIndexFields(input.target),
  };
  return db.transaction('rw', db.notes, async () => {
    const stored = await db.notes.get(note.id);
    if (stored) return stored;
    await db.notes.add(note);
    return note;
  });
}

/** The fields a note is exported with (storage adds index fields and the orphan flag). */
export function noteRecord({ id, target, body, tags, created, updated }: NoteRecord): NoteRecord {
  return { id, target, body, tags, created, updated };
}

function stored(record: NoteRecord): StoredNote {
  return { ...noteRecord(record), ...noteIndexFields(record.target) };
}

/** Every note, newest first. */
export function allNotes(db: ContestoDatabase): Promise<StoredNote[]> {
  return db.notes.orderBy('created').reverse().toArray();
}

/** The notes on one entity, newest first. */
export function notesOnEntity(db: ContestoDatabase, entityId: string): Promise<StoredNote[]> {
  return db.notes.where('entityId').equals(entityId).reverse().sortBy('created');
}

/** The notes on one page (the page itself and selections in it), newest first. */
export function notesOnPage(db: ContestoDatabase, url: string): Promise<StoredNote[]> {
  return db.notes.where('url').equals(url).reverse().sortBy('created');
}

export async function updateNote(db: ContestoDatabase, id: string, changes: { body?: string; tags?: string[] }, now = new Date()): Promise<StoredNote | undefined> {
  return db.transaction('rw', db.notes, async () => {
    const note = await db.notes.get(id);
    if (!note) return undefined;
    const updated: StoredNote = {
      ...note,
      ...(changes.body !== undefined && { body: changes.body }),
      ...(changes.tags !== undefined && { tags: [...new Set(changes.tags)] }),
      updated: now.toISOString(),
    };
    await db.notes.put(updated);
    return updated;
  });
}

/** Deletes a note and returns it, so that the reader can undo. */
export async function deleteNote(db: ContestoDatabase, id: string): Promise<StoredNote | undefined> {
  return db.transaction('rw', db.notes, async () => {
    const note = await db.notes.get(id);
    if (note) await db.notes.delete(id);
    return note;
  });
}

/** Puts a deleted note back exactly as it was (undo). */
export async function restoreNote(db: ContestoDatabase, record: NoteRecord): Promise<void> {
  await db.notes.put(stored(record));
}

/** Every page that holds a note of any kind: one read of the url index. */
export async function pagesWithNotes(db: ContestoDatabase): Promise<Set<string>> {
  return new Set((await db.notes.orderBy('url').uniqueKeys()) as string[]);
}

/** The selection notes of one page, to anchor there. */
export async function selectionNotesForPage(db: ContestoDatabase, url: string): Promise<SelectionNote[]> {
  const notes = await db.notes.where('url').equals(url).toArray();
  return notes.flatMap(({ id, target }) => (target.kind === 'selection' ? [{ id, quote: target.quote, position: target.position }] : []));
}

/** Records which selection notes a visit to their page found and which it could not; `onPage` keeps a page to its own notes. */
export async function recordAnchoring(db: ContestoDatabase, found: string[], lost: string[], onPage?: string): Promise<void> {
  await db.transaction('rw', db.notes, async () => {
    for (const [ids, orphaned] of [
      [found, false],
      [lost, true],
    ] as const) {
      await db.notes
        .where('id')
        .anyOf(ids)
        .modify((note) => {
          if (note.target.kind === 'selection' && (onPage === undefined || note.target.url === onPage)) note.orphaned = orphaned;
        });
    }
  });
}

/**
 * Merges notes by id in one transaction: a new id is added; a known one is replaced only when
 * the file's copy was edited later than ours (the reader's newer edits are never overwritten).
 */
export async function importNotes(db: ContestoDatabase, records: NoteRecord[]): Promise<NotesImportReport> {
  const report: NotesImportReport = { added: [], updated: [], skipped: [] };
  await db.transaction('rw', db.notes, async () => {
    const existing = await db.notes.bulkGet(records.map((record) => record.id));
    const writes: StoredNote[] = [];
    records.forEach((record, i) => {
      const current = existing[i];
      if (!current) report.added.push(record.id);
      else if (record.updated > current.updated) report.updated.push(record.id);
      else return void report.skipped.push(record.id);
      writes.push(stored(record));
    });
    await db.notes.bulkPut(writes);
  });
  return report;
}

/** A selection captured from a page (context menu, shortcut), waiting in the side panel for the reader's words. */
export interface NoteDraft {
  target: Extract<NoteTarget, { kind: 'selection' }>;
  at: number;
}

/** Kept in the settings table, the one store every extension page reads. */
const NOTE_DRAFT_KEY = 'noteDraft';
const NoteDraftSchema = v.object({ target: SelectionTargetSchema, at: v.number() });

export async function setNoteDraft(db: ContestoDatabase, target: NoteDraft['target'], now = Date.now()): Promise<void> {
  await db.settings.put({ key: NOTE_DRAFT_KEY, value: { target, at: now } satisfies NoteDraft });
}

/** Undefined when no selection waits for a note (or the row is not a draft, which nothing else writes). */
export async function readNoteDraft(db: ContestoDatabase): Promise<NoteDraft | undefined> {
  const value = (await db.settings.get(NOTE_DRAFT_KEY))?.value;
  return v.is(NoteDraftSchema, value) ? value : undefined;
}

export async function clearNoteDraft(db: ContestoDatabase): Promise<void> {
  await db.settings.delete(NOTE_DRAFT_KEY);
}
