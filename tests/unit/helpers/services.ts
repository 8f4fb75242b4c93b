/** The knowledge and notes services wired as the background wires them, the browser's part faked. */
import { vi } from 'vitest';
import { createKnowledgeService, type Platform } from '@/services/knowledge-service';
import { createNotesService, type NotesPlatform } from '@/services/notes-service';
import type { ContestoDatabase } from '@/storage/schema';

export function pageServices(db: ContestoDatabase, uiLanguage = 'en', build = 'test-build') {
  const notesPlatform = { notesChanged: vi.fn(), selectionOf: vi.fn(async () => null) } satisfies NotesPlatform;
  const notes = createNotesService(db, notesPlatform);
  const platform = { openSidePanel: vi.fn(async () => true), settingsChanged: vi.fn(), uiLanguage: () => uiLanguage, selectionNotesOn: notes.selectionNotesOn, build } satisfies Platform;
  const knowledge = createKnowledgeService(db, platform);
  return { knowledge, notes, platform, notesPlatform };
}
