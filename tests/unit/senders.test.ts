import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { RequestType } from '@/core/messages';
import { parsePack } from '@/core/pack';
import { userPackId } from '@/core/pack-id';
import { createPacksService } from '@/services/packs-service';
import { createCorrectionsService } from '@/services/corrections-service';
import { createDocumentsService } from '@/services/documents-service';
import { createPageService } from '@/services/page-service';
import { createRouter, type Sender } from '@/services/router';
import { createUndoShelf } from '@/services/undo-shelf';
import { addNote } from '@/storage/notes';
import { seededDatabases, storeContent } from './helpers/database';
import { pageServices } from './helpers/services';
import { samplePackAs } from './helpers/packs';
import { PAGE_CONTEXT, selection, validRequests } from '../helpers/requests';
import { newNoteId } from '@/core/notes';

const PAGE = 'https://news.example/article';
const OTHER_PAGE = 'https://elsewhere.example/';
const FROM_PAGE: Sender = { context: 'page', url: `${PAGE}#top`, tabId: 3 };
const FROM_EXTENSION: Sender = { context: 'extension' };

const VALID = validRequests(PAGE);

const seededDatabase = seededDatabases('senders');

/** The background's whole contract over a seeded store, with one selection note on another page. */
async function background() {
  const db = await seededDatabase();
  const elsewhere = await addNote(db, { id: newNoteId(), target: selection(OTHER_PAGE), body: 'Not for that page', tags: [] });
  // A removal's ticket, for the valid 'packs/restore'.
  const undo = createUndoShelf();
  const ticket = undo.keep({ packId: userPackId('Kept'), pack: parsePack(samplePackAs('k')) });
  const { knowledge, notes } = pageServices(db);
  const handlers = {
    ...knowledge.handlers,
    ...notes.handlers,
    ...createPacksService(db, vi.fn(), undo).handlers,
    ...createDocumentsService(db, { openDocumentView: vi.fn(async () => {}), knowledgeChanged: vi.fn() }, undo).handlers,
    ...createCorrectionsService(db, vi.fn()).handlers,
    ...createPageService({ setBadge: vi.fn(), pageChanged: vi.fn() }).handlers,
  };
  return { db, elsewhere, ticket, router: createRouter(handlers, Promise.resolve()) };
}

/** Everything the store holds, to compare before and after. */

describe('who may ask the background what', () => {
  it('answers a web page only the requests a page needs, and the extension’s own pages all of them', async () => {
    const { router, ticket } = await background();
    const answered = async (sender: Sender) => {
      const types: string[] = [];
      for (const [type, payload] of Object.entries({ ...VALID, 'packs/restore': { undoId: ticket } })) {
        const reply = await router.handle({ type, payload }, sender);
        if (reply.ok) types.push(type);
        else if (sender.context === 'page') expect(reply.error, type).toMatch(/not available to web pages|only/);
      }
      return types;
    };
    expect(await answered(FROM_PAGE)).toEqual(PAGE_CONTEXT);
    expect(await answered(FROM_EXTENSION)).toEqual(Object.keys(VALID));
  });

  it('lets a page speak only of itself: its settings, its notes', async () => {
    const { db, router, elsewhere } = await background();
    const other = (type: RequestType, payload: unknown) => router.handle({ type, payload }, FROM_PAGE);
    expect(await other('page/init', { url: OTHER_PAGE })).toMatchObject({ ok: false, error: 'A page may ask only about itself.' });
    expect(await other('page/find', { url: OTHER_PAGE, texts: ['Putin'] })).toMatchObject({ ok: false, error: 'A page may ask only about its own site.' });
    // Another page of its own site is the page itself after history.pushState, which the browser's sender address may not show yet.
    expect(await other('page/find', { url: 'https://news.example/next-story', texts: ['Putin'] })).toMatchObject({ ok: true });
    expect(await other('notes/for-page', { url: OTHER_PAGE })).toMatchObject({ ok: false });
    expect(await other('notes/add', { id: newNoteId(), target: selection(OTHER_PAGE), body: 'planted' })).toMatchObject({ ok: false, error: 'A page may add notes only on itself.' });
    expect(await other('notes/add', { id: newNoteId(), target: { kind: 'page', url: OTHER_PAGE }, body: 'planted' })).toMatchObject({ ok: false });
    // Reporting another page's note as lost changes nothing.
    expect(await other('notes/anchored', { found: [], lost: [elsewhere.id] })).toMatchObject({ ok: true });
    expect((await db.notes.get(elsewhere.id))?.orphaned).toBeFalsy();
    expect(await other('notes/add', { id: newNoteId(), target: selection(PAGE), body: 'on this page' })).toMatchObject({ ok: true });
  });

  it('survives 10,000 random and mutated messages: no crash, no write, and still answers', async () => {
    const { db, router } = await background();
    const before = await storeContent(db);
    const types = Object.keys(VALID) as RequestType[];
    // Mutations of valid requests that must all be refused: other types' payloads, broken fields, extra keys.
    const mutated = fc.oneof(
      fc.record({ type: fc.constantFrom(...types), payload: fc.anything() }),
      fc.record({ type: fc.constantFrom(...types), payload: fc.constantFrom(...types).map((type) => ({ ...(VALID[type] as object), injected: '<img src=x onerror=alert(1)>' })) }),
      fc.record({ type: fc.string(), payload: fc.constantFrom(...Object.values(VALID)) }),
      fc.anything(),
    );
    // From a page, even well-formed requests for what only the extension may do.
    const fromPage = fc.constantFrom(...types.filter((type) => !PAGE_CONTEXT.includes(type))).map((type) => ({ type, payload: VALID[type] }));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          mutated.map((message) => [message, FROM_EXTENSION] as const),
          mutated.map((message) => [message, FROM_PAGE] as const),
          fromPage.map((message) => [message, FROM_PAGE] as const),
        ),
        async ([message, sender]) => {
          const reply = await router.handle(message, sender);
          const forbidden = sender === FROM_PAGE && !PAGE_CONTEXT.includes((message as { type?: unknown })?.type as string);
          return typeof reply.ok === 'boolean' && !(forbidden && reply.ok);
        },
      ),
      { numRuns: 10_000, seed: 20261129 },
    );
    expect(await storeContent(db)).toEqual(before);
    expect(await router.handle({ type: 'entity/card', payload: { entityId: 'putin' } }, FROM_PAGE)).toMatchObject({ ok: true, value: { name: 'Vladimir Putin' } });
  });
});
