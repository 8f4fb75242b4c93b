/**
 * Removing a collection or deleting a document answers a ticket, not the rows (a collection of
 * thousands of documents would not fit in a message); 'packs/restore' puts back with it, once.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { createDocumentsService } from '@/services/documents-service';
import { createPacksService } from '@/services/packs-service';
import { createRouter } from '@/services/router';
import { createUndoShelf } from '@/services/undo-shelf';
import type { ContestoDatabase } from '@/storage/schema';
import { seededDatabases } from './helpers/database';
import { samplePackAs } from './helpers/packs';

const database = seededDatabases('undo');
const dump = async (db: ContestoDatabase) =>
  Object.fromEntries(await Promise.all(['documents', 'documentMentions', 'events', 'entities'].map(async (name) => [name, await db.table(name).toArray()] as const)));

async function background(now = Date.now) {
  const db = await database();
  const undo = createUndoShelf(now);
  const handlers = { ...createPacksService(db, vi.fn(), undo).handlers, ...createDocumentsService(db, { openDocumentView: vi.fn(), knowledgeChanged: vi.fn() }, undo).handlers };
  const router = createRouter(handlers, Promise.resolve());
  const send = (type: string, payload: unknown) => router.handle({ type, payload }, { context: 'extension' }) as Promise<{ ok: boolean; value?: never; error?: string }>;
  const { value } = await send('packs/import', { label: 'Mine', pack: samplePackAs('u') });
  return { db, send, packId: (value as unknown as { packId: string }).packId };
}

describe('undo by ticket', () => {
  it('a removed collection answers a ticket and its size, and the ticket puts every row back once', async () => {
    const { db, send, packId } = await background();
    const before = await dump(db);
    const removed = await send('packs/remove', { packId });
    expect(removed).toEqual({ ok: true, value: { removed: { undoId: expect.stringMatching(/^[0-9a-f-]{36}$/), documents: 2 } } });
    const { undoId } = (removed.value as unknown as { removed: { undoId: string } }).removed;
    expect(await send('packs/restore', { undoId })).toEqual({ ok: true, value: { restored: true } });
    expect(await dump(db)).toEqual(before);
    // A repeated request (its answer lost on the way) puts nothing back twice.
    expect(await send('packs/restore', { undoId })).toEqual({ ok: true, value: { restored: true } });
    expect(await dump(db)).toEqual(before);
  });

  it('a deleted document’s ticket puts it back through the same restore', async () => {
    const { db, send } = await background();
    const before = await dump(db);
    const deleted = await send('documents/delete', { documentId: 'u1' });
    const { undoId } = (deleted.value as unknown as { deleted: { undoId: string } }).deleted;
    expect((await db.documents.get('u1')) === undefined).toBe(true);
    expect(await send('packs/restore', { undoId })).toMatchObject({ ok: true });
    expect(await dump(db)).toEqual(before);
  });

  it('a ticket unknown or kept too long is refused with a clear message, and nothing changes', async () => {
    let clock = 0;
    const { db, send, packId } = await background(() => clock);
    const removed = await send('packs/remove', { packId });
    const { undoId } = (removed.value as unknown as { removed: { undoId: string } }).removed;
    const after = await dump(db);
    clock += 61_000;
    expect(await send('packs/restore', { undoId })).toEqual({ ok: false, error: expect.stringMatching(/^This can no longer be undone/) });
    expect(await send('packs/restore', { undoId: crypto.randomUUID() })).toMatchObject({ ok: false });
    expect(await dump(db)).toEqual(after);
  });
});
