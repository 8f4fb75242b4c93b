import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { PackError } from '@/core/pack';
import { coMentionedEntities, documentsMentioning, entitiesByAlias, entityById, eventsOfEntity } from '@/storage/knowledge';
import { importPack, seedBundledPack } from '@/storage/packs';
import { openDatabase, SCHEMA_V1, type ContestoDatabase, type StoredNote } from '@/storage/schema';
import { samplePack } from './helpers/packs';

let counter = 0;
const opened: Dexie[] = [];
function freshDb(): ContestoDatabase {
  const db = openDatabase(`test-${Date.now()}-${counter++}`);
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

async function dump(db: ContestoDatabase) {
  const tables = await Promise.all(db.tables.map(async (t) => [t.name, await t.toArray()] as const));
  return Object.fromEntries(tables);
}

const note = (id: string, extra: Partial<StoredNote> = {}): StoredNote => ({
  id,
  target: { kind: 'entity', entityId: 'kim' },
  entityId: 'kim',
  body: `note ${id} ✍️`,
  tags: ['korea'],
  created: '2026-01-02T00:00:00.000Z',
  updated: '2026-01-02T00:00:00.000Z',
  ...extra,
});

describe('seeding the bundled pack', () => {
  it('seeding twice leaves one copy of every row', async () => {
    const db = freshDb();
    expect(await seedBundledPack(db, samplePack(), 'f1')).toBe('seeded');
    const first = await dump(db);
    expect(await seedBundledPack(db, samplePack(), 'f1')).toBe('unchanged');
    // Even a forced reimport of the same content must not duplicate anything.
    await importPack(db, samplePack(), 'bundled');
    const second = await dump(db);
    expect(second.documents).toEqual(first.documents);
    expect(second.entities).toEqual(first.entities);
    expect(second.events).toEqual(first.events);
    expect(second.mentions.length).toBe(first.mentions.length);
  });

  it('a reseed with a changed pack keeps every note and user-imported document', async () => {
    const db = freshDb();
    await seedBundledPack(db, samplePack(), 'f1');
    await importPack(db, samplePack({ documents: [{ id: 'u1', title: 'Mine', source: 'mine.txt', text: 'Kim again.' }], events: [], mentions: [], entities: [{ id: 'kim', name: 'Kim Jong-un', type: 'person', aliases: ['Kim'] }] }), 'user:mine');
    await db.notes.bulkPut([note('n1'), note('n2', { target: { kind: 'page', url: 'https://example.org/a' }, url: 'https://example.org/a', entityId: undefined })]);
    const notesBefore = await db.notes.toArray();

    const changed = samplePack();
    changed.entities = changed.entities.filter((e) => e.id !== 'vladivostok');
    changed.events = changed.events.map((e) => ({ ...e, entities: e.entities.filter((id) => id !== 'vladivostok') }));
    changed.mentions = changed.mentions.filter((m) => m.entityId !== 'vladivostok');
    expect(await seedBundledPack(db, changed, 'f2')).toBe('seeded');

    expect(await db.notes.toArray()).toEqual(notesBefore);
    expect(await db.documents.get('u1')).toMatchObject({ title: 'Mine', pack: 'user:mine' });
    expect(await db.entities.get('vladivostok')).toBeUndefined();
    // An entity both packs hold survives, still owned by both.
    expect((await db.entities.get('kim'))?.packs.sort()).toEqual(['bundled', 'user:mine']);
  });
});

describe('schema upgrades', () => {
  it('an upgrade from the first schema keeps every note', async () => {
    const name = `upgrade-${Date.now()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    const oldNotes = [
      { id: 'a', target: { kind: 'entity', entityId: 'kim' }, entityId: 'kim', body: 'first 🌍', created: '2025-05-01T10:00:00.000Z' },
      { id: 'b', target: { kind: 'page', url: 'https://example.org/' }, url: 'https://example.org/', body: 'second', created: '2025-05-02T10:00:00.000Z' },
    ];
    await v1.table('notes').bulkAdd(oldNotes);
    v1.close();

    const db = openDatabase(name);
    opened.push(db);
    const notes = await db.notes.orderBy('created').toArray();
    expect(db.verno).toBeGreaterThan(1);
    expect(notes.map(({ id, body, target, created }) => ({ id, body, target, created }))).toEqual(oldNotes.map(({ id, body, target, created }) => ({ id, body, target, created })));
    expect(notes.every((n) => Array.isArray(n.tags) && n.updated === n.created)).toBe(true);
  });
});

describe('a broken pack', () => {
  const cases: [string, () => unknown, RegExp][] = [
    ['bad JSON', () => '{"format": "contesto-pack", ', /not valid JSON/],
    ['wrong format', () => JSON.stringify({ ...samplePack(), format: 'something-else' }), /format is "something-else"/],
    ['a newer version', () => JSON.stringify({ ...samplePack(), version: 2 }), /version 2, newer/],
    ['missing fields', () => JSON.stringify({ ...samplePack(), entities: [{ id: 'x', name: 'X' }] }), /entities\.0\.type/],
    ['an id with a control character', () => ({ ...samplePack(), entities: [...samplePack().entities, { id: 'line\nbreak', name: 'X', type: 'other', aliases: ['X'] }] }), /entities\.4\.id: must not contain control characters/],
    ['a dangling reference', () => ({ ...samplePack(), events: [{ id: 'e', date: '2020', summary: '', entities: ['nobody'], documentId: 'd1' }] }), /unknown entity "nobody"/],
    ['50 MB of garbage', () => Buffer.alloc(50 * 1024 * 1024, 'garbage\u0000{[').toString('latin1'), /not valid JSON/],
  ];

  for (const [what, input, message] of cases) {
    it(`is refused with a clear error (${what}) and leaves the store exactly as it was`, async () => {
      const db = freshDb();
      await seedBundledPack(db, samplePack(), 'f1');
      await db.notes.put(note('keep'));
      const before = await dump(db);
      const attempt = importPack(db, input(), 'user:broken');
      await expect(attempt).rejects.toThrow(PackError);
      await expect(attempt).rejects.toThrow(message);
      expect(await dump(db)).toEqual(before);
    });
  }
});

describe('repositories', () => {
  async function seeded() {
    const db = freshDb();
    await seedBundledPack(db, samplePack(), 'f1');
    return db;
  }

  it('finds an entity by id and by any alias, case- and accent-insensitively', async () => {
    const db = await seeded();
    expect((await entityById(db, 'kim'))?.name).toBe('Kim Jong-un');
    expect((await entitiesByAlias(db, 'kim jong‑un')).map((e) => e.id)).toEqual(['kim']);
    expect((await entitiesByAlias(db, 'MOSCA')).map((e) => e.id)).toEqual(['moscow']);
    expect(await entitiesByAlias(db, 'Nobody')).toEqual([]);
  });

  it('lists the events of an entity ordered by date', async () => {
    const db = await seeded();
    await importPack(db, samplePack({ events: [...samplePack().events, { id: 'e0', date: '2018-06-12', summary: 'Earlier.', entities: ['kim'], documentId: 'd1' }] }), 'bundled');
    expect((await eventsOfEntity(db, 'kim')).map((e) => e.date)).toEqual(['2018-06-12', '2019-04']);
  });

  it('gives the documents and the sentences that mention an entity', async () => {
    const db = await seeded();
    const result = await documentsMentioning(db, 'putin');
    expect(result.map((r) => r.document.id).sort()).toEqual(['d1', 'd2']);
    expect(result.find((r) => r.document.id === 'd1')?.sentences).toEqual(['Kim Jong-un met Vladimir Putin in Vladivostok in April 2019.']);
  });

  it('keeps a quoted sentence whole, as ingestion reads it', async () => {
    const db = freshDb();
    const text = 'Kim ha detto: “Bene. Molto bene, davvero.” Poi è partito.';
    await importPack(db, samplePack({ documents: [{ id: 'q', title: 'Quote', lang: 'it', source: 'q.txt', text }], events: [], mentions: [{ entityId: 'kim', documentId: 'q', start: 0, end: 3 }] }), 'bundled');
    expect((await documentsMentioning(db, 'kim'))[0].sentences).toEqual(['Kim ha detto: “Bene. Molto bene, davvero.”']);
  });

  it('ranks co-mentioned entities by shared documents', async () => {
    const db = await seeded();
    const related = await coMentionedEntities(db, 'putin');
    expect(related.map((r) => [r.entity.id, r.documents])).toEqual(expect.arrayContaining([['kim', 1], ['vladivostok', 1], ['moscow', 1]]));
    expect(related.some((r) => r.entity.id === 'putin')).toBe(false);
  });
});
