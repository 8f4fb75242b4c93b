/** Answers note requests. The background is the only writer of notes. */
import type { TabResponseTypes } from '@/core/messages';
import { pageUrl } from '@/core/page-url';
import { parseNotesExport } from '@/core/web-annotation';
import { addNote, clearNoteDraft, deleteNote, importNotes, noteRecord, pagesWithNotes, recordAnchoring, restoreNote, selectionNotesForPage, setNoteDraft, updateNote } from '@/storage/notes';
import type { ContestoDatabase } from '@/storage/schema';
import { remembered } from '@/core/remembered';
import type { Handlers } from './router';

/** What the service needs from the browser, injected so it runs under test without one. */
export interface NotesPlatform {
  /** Tells open pages that notes changed, so they anchor them again. */
  notesChanged(): void;
  /** Asks a tab's content script for the reader's selection. */
  selectionOf(tabId: number): Promise<TabResponseTypes['tab/selection']>;
}

export function createNotesService(db: ContestoDatabase, platform: NotesPlatform) {
  // The pages that hold notes, read once until the notes change: most pages hold none, and their load then reads no store.
  const notedPages = remembered(() => pagesWithNotes(db));
  // Another copy of Contesto may have changed the store under a closed connection.
  db.on('close', () => notedPages.forget());

  /** Runs a change and tells the pages about it. */
  async function changing<T>(change: Promise<T>): Promise<T> {
    const result = await change;
    notedPages.forget();
    platform.notesChanged();
    return result;
  }

  /** The selection notes of a page (its address as pageUrl gives it). */
  async function selectionNotesOn(url: string) {
    return (await notedPages.get()).has(url) ? selectionNotesForPage(db, url) : [];
  }

  /** The first step of a selection note: the selection waits in the side panel's editor. */
  async function captureSelection(tabId: number): Promise<boolean> {
    const target = await platform.selectionOf(tabId);
    if (!target) return false;
    await setNoteDraft(db, target);
    return true;
  }

  const handlers: Handlers<'notes/add' | 'notes/update' | 'notes/delete' | 'notes/restore' | 'notes/for-page' | 'notes/anchored' | 'notes/import' | 'notes/capture-selection' | 'notes/dismiss-draft'> =
    {
      'notes/add': async ({ payload }) => ({ id: (await changing(addNote(db, payload))).id }),
      'notes/update': async ({ payload: { id, ...changes } }) => ({ updated: (await changing(updateNote(db, id, changes))) !== undefined }),
      'notes/delete': async ({ payload }) => {
        const deleted = await changing(deleteNote(db, payload.id));
        return { deleted: deleted ? noteRecord(deleted) : null };
      },
      'notes/restore': async ({ payload }) => {
        await changing(restoreNote(db, payload.note));
        return { restored: true };
      },
      'notes/for-page': async ({ payload }) => selectionNotesOn(pageUrl(payload.url)),
      // A page reports only on its own notes.
      'notes/anchored': async ({ payload }, sender) => {
        await recordAnchoring(db, payload.found, payload.lost, sender.context === 'page' ? pageUrl(sender.url) : undefined);
        return { recorded: true };
      },
      // Parsing throws on a malformed file before the store is touched; the router turns that into the reply's error.
      'notes/import': async ({ payload }) => changing(importNotes(db, parseNotesExport(payload.text))),
      'notes/capture-selection': async ({ payload }) => ({ captured: await captureSelection(payload.tabId) }),
      'notes/dismiss-draft': async () => {
        await clearNoteDraft(db);
        return { dismissed: true };
      },
    };
  return { handlers, captureSelection, selectionNotesOn };
}
