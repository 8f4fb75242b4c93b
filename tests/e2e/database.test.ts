/**
 * Chromium's real IndexedDB refusing Contesto, as a reader can meet it: an older copy of Contesto
 * (a window left open from before an update) holds the database at an older schema version and
 * does not let go, so the upgrade waits. The popup says so in the reader's words, an import is
 * refused with the same words, and once the old window closes the upgrade goes through and every
 * note the older copy wrote is there.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext } from 'playwright-core';
import { expect } from 'vitest';
import { newNoteId } from '@/core/notes';
import { toAnnotationCollection, type NoteRecord } from '@/core/web-annotation';
import { SCHEMA_V2 } from '@/storage/schema';
import { stopBackground } from './background';
import { openExtensionPage, sendRequest, storedNotes } from './extension-pages';
import { test } from './harness';

const english = JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')) as Record<string, { message: string }>;
const BLOCKED = english.storageBlocked.message;

const note = (body: string, url: string): NoteRecord => ({
  id: newNoteId(),
  target: { kind: 'page', url },
  body,
  tags: ['kept'],
  created: '2026-01-01T00:00:00.000Z',
  updated: '2026-01-02T00:00:00.000Z',
});

/** Closes every page of the extension's origin (the welcome tab included) and stops its worker: nothing of Contesto holds the database. */
async function closeContesto(context: BrowserContext, extensionId: string): Promise<void> {
  const blank = await context.newPage();
  for (const page of context.pages()) if (page.url().startsWith(`chrome-extension://${extensionId}/`)) await page.close();
  await stopBackground(context, blank, extensionId);
  await blank.close();
}

test('an older copy holding the database open: the popup and an import say so, and once it closes every note is there', async ({ chromium, server }) => {
  const { context, extensionId } = chromium;
  const url = `${server.origin}/demo.html`;
  const olderNotes = [note('Written by the older copy', url), note('Also from before the update', url)];
  await closeContesto(context, extensionId);

  // The older copy's window: it made the database at schema version 2 (as Dexie lays out that
  // copy's tables: IndexedDB version 20), wrote its notes, and keeps its connection when a newer
  // version asks for the database, as an old window that does not let go.
  const older = await context.newPage();
  await older.goto(`chrome-extension://${extensionId}/manifest.json`);
  await older.evaluate(
    ({ v2, notes }) =>
      new Promise<void>((resolve, reject) => {
        // Asked together, so that no open of Contesto's can come between the two.
        const deletion = indexedDB.deleteDatabase('contesto');
        const open = indexedDB.open('contesto', 20);
        // What happened, should the older copy not get its database: said rather than left to the test's timeout.
        const seen: string[] = [];
        setTimeout(() => reject(new Error(`the older copy's database was not ready in 15 s (${seen.join(', ') || 'no event'})`)), 15_000);
        deletion.onblocked = () => seen.push('deletion blocked');
        deletion.onsuccess = () => seen.push('deleted');
        open.onblocked = () => seen.push('open blocked');
        deletion.onerror = () => reject(deletion.error);
        open.onerror = () => reject(open.error);
        open.onupgradeneeded = () => {
          for (const [table, spec] of Object.entries(v2)) {
            const [primary, ...indexes] = spec.split(',').map((part) => part.trim());
            const store = open.result.createObjectStore(table, { keyPath: primary.replace('++', ''), autoIncrement: primary.startsWith('++') });
            for (const index of indexes) store.createIndex(index.replace('*', ''), index.replace('*', ''), { multiEntry: index.startsWith('*') });
          }
        };
        open.onsuccess = () => {
          const write = open.result.transaction('notes', 'readwrite');
          for (const n of notes) write.objectStore('notes').add({ ...n, url: n.target.kind === 'page' ? n.target.url : undefined });
          write.oncomplete = () => {
            (window as unknown as { held: IDBDatabase }).held = open.result;
            resolve();
          };
          write.onerror = () => reject(write.error);
        };
      }),
    { v2: SCHEMA_V2, notes: olderNotes },
  );

  // Contesto's worker is not stopped again here: one stopped while its own upgrade waited on the older window did not
  // answer any message for the next 15 s in fresh-clone runs (see docs/testing.md); it waits with the popup instead.
  const popup = await openExtensionPage(context, extensionId, 'popup.html');
  /** The element's text, or null while it is not there. */
  const textOf = (selector: string) =>
    popup
      .locator(selector)
      .textContent({ timeout: 1_000 })
      .catch(() => null);
  await expect.poll(() => textOf('.storage-problem'), { timeout: 15_000 }).toBe(BLOCKED);
  // The background says so too (asked until it answers: the popup may be up before the worker has woken).
  const backgroundSays = () =>
    Promise.race([
      sendRequest(popup, 'notes/for-page', { url }).then(
        (reply) => reply.error ?? 'answered',
        () => null,
      ),
      // A request left without an answer counts as none (the poll would otherwise wait on it past its own timeout).
      new Promise<string>((resolve) => setTimeout(() => resolve('no answer in 5 s'), 5_000)),
    ]);
  await expect.poll(backgroundSays, { timeout: 15_000 }).toBe(BLOCKED);
  const imported = [note('Imported while the database was held', url)];
  const importInput = popup.getByLabel(/^(Import notes|Importa note)/);
  await importInput.setInputFiles({ name: 'notes.jsonld', mimeType: 'application/ld+json', buffer: Buffer.from(JSON.stringify(toAnnotationCollection(imported))) });
  await expect.poll(() => textOf('.export [role=alert]'), { timeout: 15_000 }).toContain(BLOCKED);

  // The old window closes: the upgrade goes through, the message goes, and the older copy's notes are all there.
  await older.close();
  await expect.poll(() => popup.locator('.storage-problem').count(), { timeout: 10_000 }).toBe(0);
  const byId = (records: { id: string; body: string }[]) => records.map(({ id, body }) => ({ id, body })).sort((a, b) => (a.id < b.id ? -1 : 1));
  expect(byId(await storedNotes(popup))).toEqual(byId(olderNotes));
  await popup.reload();
  await expect.poll(async () => byId(await storedNotes(popup)), { timeout: 10_000 }).toEqual(byId(olderNotes));
  for (const kept of olderNotes) await expect.poll(() => popup.locator('.note-list .note').filter({ hasText: kept.body }).count()).toBe(1);

  // Nothing was half-written: the import refused before goes through now.
  await importInput.setInputFiles({ name: 'notes.jsonld', mimeType: 'application/ld+json', buffer: Buffer.from(JSON.stringify(toAnnotationCollection(imported))) });
  await expect.poll(async () => (await storedNotes(popup)).length, { timeout: 10_000 }).toBe(3);
  await popup.close();
});
