/**
 * The store when the database fails: a full disk, an upgrade blocked by an older copy of
 * Contesto, a database that does not open, an import that breaks half-way. The background's
 * contract (router and services) over a real IndexedDB implementation (fake-indexeddb).
 *
 * A full disk is brought about by a Dexie `creating` hook that throws the browser's
 * QuotaExceededError after a number of rows: the store's add then fails as it does when the disk
 * fills in the middle of a transaction. Nothing of the code under test is replaced.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import Dexie from 'dexie';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { toAnnotationCollection, type NoteRecord } from '@/core/web-annotation';
import { createPacksService } from '@/services/packs-service';
import { createRouter } from '@/services/router';
import { databaseGate, storageFailureOf } from '@/storage/failures';
import { addNote } from '@/storage/notes';
import { seedBundledPack } from '@/storage/packs';
import { openDatabase, SCHEMA_V1, type ContestoDatabase } from '@/storage/schema';
import { samplePack, samplePackAs } from './helpers/packs';
import { pageServices } from './helpers/services';
import { newNoteId } from '@/core/notes';

const english = JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')) as Record<string, { message: string }>;
beforeAll(() => {
  // The browser's i18n with the extension's own English catalogue.
  fakeBrowser.i18n.getMessage = ((key: string) => english[key]?.message ?? '') as typeof fakeBrowser.i18n.getMessage;
});

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});
const freshName = () => {
  const name = `failures-${Math.random()}`;
  names.push(name);
  return name;
};

/** Everything the store holds, to compare before and after. */
async function snapshot(db: ContestoDatabase) {
  return Object.fromEntries(await Promise.all(db.tables.map(async (table) => [table.name, await table.toArray()] as const)));
}

function quotaExceeded(): DOMException {
  return new DOMException('The quota has been exceeded.', 'QuotaExceededError');
}

/** From the `after`-th new row of `table` on, every add fails as on a full disk. */
function fillDiskAfter(db: ContestoDatabase, table: 'notes' | 'documentMentions', after: number, failure: () => Error = quotaExceeded) {
  let rows = 0;
  (db[table] as Dexie.Table).hook('creating', () => {
    if (++rows > after) throw failure();
  });
}

/** The background's whole store-facing contract over `db`, opened through the gate as the background opens it. */
async function background(db: ContestoDatabase) {
  const gate = databaseGate(db);
  const { knowledge, notes } = pageServices(db);
  const handlers = {
    ...knowledge.handlers,
    ...notes.handlers,
    ...createPacksService(db, vi.fn()).handlers,
  };
  const router = createRouter(handlers, () => gate.ready());
  return { gate, send: (type: string, payload: unknown) => router.handle({ type, payload }, { context: 'extension' }) };
}

async function seeded(): Promise<ContestoDatabase> {
  const db = openDatabase(freshName());
  await seedBundledPack(db, samplePack(), 'f');
  await addNote(db, { id: newNoteId(), target: { kind: 'entity', entityId: 'kim' }, body: 'Check the April date', tags: ['verify'] });
  await addNote(db, { id: newNoteId(), target: { kind: 'page', url: 'https://news.example/a' }, body: 'Read again', tags: [] });
  return db;
}

const aNote = (id: string): NoteRecord => ({
  id,
  target: { kind: 'entity', entityId: 'putin' },
  body: `Note ${id}`,
  tags: [],
  created: '2026-01-01T00:00:00.000Z',
  updated: '2026-01-01T00:00:00.000Z',
});

describe('a full disk', () => {
  it('a note that does not fit is refused with a clear message, and every note already there is kept', async () => {
    const db = await seeded();
    const before = await snapshot(db);
    fillDiskAfter(db, 'notes', 0);
    const { send } = await background(db);
    const reply = await send('notes/add', { id: newNoteId(), target: { kind: 'entity', entityId: 'putin' }, body: 'Does not fit', tags: [] });
    expect(reply).toEqual({ ok: false, error: english.storageQuota.message });
    expect(await snapshot(db)).toEqual(before);
  });

  it('a pack import that fills the disk half-way leaves the store exactly as it was', async () => {
    const db = await seeded();
    const before = await snapshot(db);
    // The pack's documents and events are written first; its mentions fill the disk after the first document's.
    fillDiskAfter(db, 'documentMentions', 1);
    const { send } = await background(db);
    const reply = await send('packs/import', { label: 'Mine', pack: samplePackAs('m') });
    expect(reply).toEqual({ ok: false, error: english.storageQuota.message });
    expect(await snapshot(db)).toEqual(before);
  });

  it('a notes import that fills the disk half-way adds none of them', async () => {
    const db = await seeded();
    const before = await snapshot(db);
    fillDiskAfter(db, 'notes', 2);
    const { send } = await background(db);
    const reply = await send('notes/import', { text: JSON.stringify(toAnnotationCollection(['a', 'b', 'c', 'd'].map(aNote))) });
    expect(reply).toEqual({ ok: false, error: english.storageQuota.message });
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('an import that breaks half-way', () => {
  it('an error thrown while its records are written leaves the store exactly as it was, and says what went wrong', async () => {
    const db = await seeded();
    const before = await snapshot(db);
    fillDiskAfter(db, 'documentMentions', 1, () => new Error('The record could not be written.'));
    const { send } = await background(db);
    const reply = await send('packs/import', { label: 'Mine', pack: samplePackAs('m') });
    expect(reply).toEqual({ ok: false, error: 'The record could not be written.' });
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('an upgrade blocked by an older copy of Contesto', () => {
  /** The first schema, as an older Contesto left it, with one note, held open by a connection that never lets go. */
  async function olderCopyHoldingOn(name: string) {
    const older = new Dexie(name);
    older.version(1).stores(SCHEMA_V1);
    // An older copy that ignores the request to close (Dexie would close by default).
    older.on('versionchange', () => false);
    await older.table('notes').add({ id: 'old-note', target: { kind: 'entity', entityId: 'kim' }, body: 'Written with the old version', created: '2025-01-01T00:00:00.000Z' });
    return older;
  }

  it('answers at once with a clear message instead of waiting, then works, with the old note upgraded, once the older copy closes', async () => {
    const name = freshName();
    const older = await olderCopyHoldingOn(name);
    const db = openDatabase(name);
    const { gate, send } = await background(db);

    const blocked = await send('notes/add', { id: newNoteId(), target: { kind: 'entity', entityId: 'kim' }, body: 'While blocked', tags: [] });
    expect(blocked).toEqual({ ok: false, error: english.storageBlocked.message });
    expect(gate.blocked).toBe(true);

    older.close();
    await gate.opened();
    expect(await send('notes/add', { id: newNoteId(), target: { kind: 'entity', entityId: 'kim' }, body: 'After the upgrade', tags: [] })).toMatchObject({ ok: true });
    const notes = await db.notes.orderBy('created').toArray();
    expect(notes.map(({ id, body, tags, updated }) => ({ id, body, tags, updated }))).toEqual([
      { id: 'old-note', body: 'Written with the old version', tags: [], updated: '2025-01-01T00:00:00.000Z' },
      expect.objectContaining({ body: 'After the upgrade', tags: [] }),
    ]);
    expect(gate.blocked).toBe(false);
  });

  it('says so too when its open waits behind a page whose upgrade is the one blocked (no blocked event of its own)', async () => {
    const name = freshName();
    const older = await olderCopyHoldingOn(name);
    // A page of ours asked first: its upgrade is the one blocked, and the background's open queues behind it.
    const page = openDatabase(name);
    const pageOpening = page.open();
    const db = openDatabase(name);
    const { gate, send } = await background(db);

    expect(await send('notes/add', { id: newNoteId(), target: { kind: 'entity', entityId: 'kim' }, body: 'While blocked', tags: [] })).toEqual({ ok: false, error: english.storageBlocked.message });
    expect(gate.blocked).toBe(true);

    older.close();
    await pageOpening;
    await gate.opened();
    expect(await send('notes/add', { id: newNoteId(), target: { kind: 'entity', entityId: 'kim' }, body: 'After the upgrade', tags: [] })).toMatchObject({ ok: true });
    expect((await db.notes.toArray()).map(({ body }) => body).sort()).toEqual(['After the upgrade', 'Written with the old version']);
    page.close();
  });
  it('says so too when the open connection was closed under it (another copy deleted the database and made it again, older), instead of waiting on it', async () => {
    const name = freshName();
    const db = openDatabase(name);
    const { gate, send } = await background(db);
    expect(await send('notes/add', { id: newNoteId(), target: { kind: 'entity', entityId: 'kim' }, body: 'Before', tags: [] })).toMatchObject({ ok: true });

    // Ours is asked to close for the deletion, and does (Dexie's default); the older copy then makes the database again and holds it.
    await Dexie.delete(name);
    const older = await olderCopyHoldingOn(name);
    expect(await send('notes/add', { id: newNoteId(), target: { kind: 'entity', entityId: 'kim' }, body: 'While blocked', tags: [] })).toEqual({ ok: false, error: english.storageBlocked.message });

    older.close();
    await gate.opened();
    expect(await send('notes/add', { id: newNoteId(), target: { kind: 'entity', entityId: 'kim' }, body: 'After the upgrade', tags: [] })).toMatchObject({ ok: true });
    expect((await db.notes.toArray()).map(({ body }) => body).sort()).toEqual(['After the upgrade', 'Written with the old version']);
  });
});

describe('a database that does not open', () => {
  it('says so clearly, keeps what is stored, and opens on the next request once the cause is gone', async () => {
    const name = freshName();
    const older = new Dexie(name);
    older.version(1).stores(SCHEMA_V1);
    await older.table('notes').add({ id: 'old-note', target: { kind: 'entity', entityId: 'kim' }, body: 'Kept', created: '2025-01-01T00:00:00.000Z' });
    older.close();

    // The upgrade to the current schema rewrites every note; here the disk is full while it does.
    const db = openDatabase(name);
    let diskFull = true;
    db.notes.hook('updating', () => {
      if (diskFull) throw quotaExceeded();
    });
    const { send } = await background(db);
    const failed = await send('notes/for-page', { url: 'https://news.example/a' });
    expect(failed).toEqual({ ok: false, error: english.storageQuota.message });

    diskFull = false;
    expect(await send('notes/add', { id: newNoteId(), target: { kind: 'page', url: 'https://news.example/a' }, body: 'Now it opens', tags: [] })).toMatchObject({ ok: true });
    expect((await db.notes.toArray()).map((note) => note.body).sort()).toEqual(['Kept', 'Now it opens']);
  });

  it('tells a database that cannot be opened or was closed under us apart from a full disk and from other errors', () => {
    const unknown = new DOMException('Internal error opening backing store.', 'UnknownError');
    expect(storageFailureOf(new Dexie.OpenFailedError(unknown))).toBe('unavailable');
    expect(storageFailureOf(new Dexie.DatabaseClosedError())).toBe('unavailable');
    expect(storageFailureOf(new Dexie.OpenFailedError(quotaExceeded()))).toBe('quota');
    expect(storageFailureOf(new Dexie.AbortError('aborted', quotaExceeded()))).toBe('quota');
    expect(storageFailureOf(new Dexie.ConstraintError('Key already exists'))).toBeUndefined();
    expect(storageFailureOf(new Error('anything else'))).toBeUndefined();
  });
});
