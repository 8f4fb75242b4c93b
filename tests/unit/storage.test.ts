import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { PACK_VERSION, PackError, parsePack } from '@/core/pack';
import { entityDossier } from '@/storage/knowledge';
import { mentionsOfDocument } from '@/storage/mentions';
import { importPack, seedBundledPack } from '@/storage/packs';
import { openDatabase, SCHEMA_V1, SCHEMA_V2, type ContestoDatabase, type StoredNote } from '@/storage/schema';
import { fixture, ingestFiles } from '../fixtures/ingest/helpers';
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
    expect(second.documentMentions).toEqual(first.documentMentions);
  });

  it('a reseed with a changed pack keeps every note and user-imported document', async () => {
    const db = freshDb();
    await seedBundledPack(db, samplePack(), 'f1');
    await importPack(
      db,
      samplePack({
        documents: [{ id: 'u1', title: 'Mine', source: 'mine.txt', text: 'Kim again.' }],
        events: [],
        mentions: [],
        entities: [{ id: 'kim', name: 'Kim Jong-un', type: 'person', aliases: ['Kim'] }],
      }),
      'user:mine',
    );
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
    ['a newer version', () => JSON.stringify({ ...samplePack(), version: PACK_VERSION + 1 }), new RegExp(`version ${PACK_VERSION + 1}, newer`)],
    ['missing fields', () => JSON.stringify({ ...samplePack(), entities: [{ id: 'x', name: 'X' }] }), /entities\.0\.type/],
    [
      'an id with a control character',
      () => ({ ...samplePack(), entities: [...samplePack().entities, { id: 'line\nbreak', name: 'X', type: 'other', aliases: ['X'] }] }),
      /entities\.4\.id: must not contain control characters/,
    ],
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

describe("an entity's dossier", () => {
  async function seeded() {
    const db = freshDb();
    await seedBundledPack(db, samplePack(), 'f1');
    return db;
  }

  it('holds the entity, its events oldest first with their documents and entities, its documents, related entities and notes', async () => {
    const db = await seeded();
    await importPack(db, samplePack({ events: [...samplePack().events, { id: 'e0', date: '2018-06-12', summary: 'Earlier.', entities: ['kim'], documentId: 'd2' }] }), 'bundled');
    await db.notes.bulkPut([note('old'), note('new', { created: '2026-02-01T00:00:00.000Z' }), note('other', { target: { kind: 'entity', entityId: 'putin' }, entityId: 'putin' })]);
    const dossier = (await entityDossier(db, 'kim'))!;
    expect(dossier.entity).toMatchObject({ id: 'kim', name: 'Kim Jong-un', packs: ['bundled'] });
    expect(dossier.events.events.map((e) => e.date)).toEqual(['2018-06-12', '2019-04']);
    expect(Object.fromEntries(dossier.events.titles)).toEqual({ d1: 'Summit in Vladivostok', d2: 'Putin spoke in Moscow' });
    expect([...dossier.events.entities.values()].map((e) => e.name).sort()).toEqual(['Kim Jong-un', 'Vladimir Putin', 'Vladivostok']);
    expect(dossier.documents).toEqual([
      {
        document: { id: 'd1', title: 'Summit in Vladivostok', date: '2019-04', source: 'one.txt', lang: 'en' },
        sentences: [
          { text: 'Kim Jong-un met Vladimir Putin in Vladivostok in April 2019.', start: 23, end: 83 },
          { text: 'Kim praised the talks.', start: 84, end: 106 },
        ],
      },
    ]);
    expect(dossier.related.map((r) => [r.entity.id, r.documents]).sort()).toEqual([
      ['putin', 1],
      ['vladivostok', 1],
    ]);
    expect(dossier.notes.map((n) => n.id)).toEqual(['new', 'old']);
    expect(await entityDossier(db, 'nobody')).toBeNull();
  });

  it('gives every document that mentions an entity, with the sentences that do and where they are', async () => {
    const db = await seeded();
    const { documents } = (await entityDossier(db, 'putin'))!;
    expect(documents.map((r) => r.document.id).sort()).toEqual(['d1', 'd2']);
    const sentence = 'Kim Jong-un met Vladimir Putin in Vladivostok in April 2019.';
    const { text } = (await db.documents.get('d1'))!;
    expect(documents.find((r) => r.document.id === 'd1')?.sentences).toEqual([{ text: sentence, start: text.indexOf(sentence), end: text.indexOf(sentence) + sentence.length }]);
  });

  it('keeps a quoted sentence whole, as ingestion reads it', async () => {
    const db = freshDb();
    const text = 'Kim ha detto: “Bene. Molto bene, davvero.” Poi è partito.';
    await importPack(
      db,
      samplePack({ documents: [{ id: 'q', title: 'Quote', lang: 'it', source: 'q.txt', text }], events: [], mentions: [{ entityId: 'kim', documentId: 'q', start: 0, end: 3 }] }),
      'bundled',
    );
    expect((await entityDossier(db, 'kim'))!.documents[0].sentences.map((sentence) => sentence.text)).toEqual(['Kim ha detto: “Bene. Molto bene, davvero.”']);
  });

  it('ranks co-mentioned entities by shared documents', async () => {
    const db = await seeded();
    const { related } = (await entityDossier(db, 'putin'))!;
    expect(related.map((r) => [r.entity.id, r.documents])).toEqual(
      expect.arrayContaining([
        ['kim', 1],
        ['vladivostok', 1],
        ['moscow', 1],
      ]),
    );
    expect(related.some((r) => r.entity.id === 'putin')).toBe(false);
  });
});

describe("mentions' sentences", () => {
  it('a version 1 pack is given the sentences ingestion gives its mentions', () => {
    const { pack } = ingestFiles([fixture('sindaco.txt'), fixture('university.md'), fixture('article.html')]);
    const v1 = { ...pack, version: 1, mentions: pack.mentions.map(({ entityId, documentId, start, end }) => ({ entityId, documentId, start, end })) };
    expect(pack.mentions.length).toBeGreaterThan(10);
    expect(parsePack(JSON.stringify(v1)).mentions).toEqual(pack.mentions);
  });

  it('an upgrade from the second schema gives stored mentions their sentences, stores them by document and keeps every note', async () => {
    const name = `upgrade-v2-${Date.now()}`;
    const v2 = new Dexie(name);
    v2.version(2).stores(SCHEMA_V2);
    const text = 'Putin spoke. Then Putin left.';
    await v2.table('documents').put({ id: 'd', title: 'T', lang: 'en', source: 't.txt', text, pack: 'user:x-1' });
    await v2.table('entities').put({ id: 'putin', name: 'Putin', type: 'person', aliases: ['Putin'], aliasKeys: ['putin'], packs: ['user:x-1'] });
    await v2.table('mentions').bulkAdd([0, 18].map((start) => ({ entityId: 'putin', documentId: 'd', start, end: start + 5, pack: 'user:x-1' })));
    await v2.table('notes').put(note('keep', { entityId: 'putin', target: { kind: 'entity', entityId: 'putin' } }));
    v2.close();

    const db = openDatabase(name);
    opened.push(db);
    expect((await mentionsOfDocument(db, 'd')).map((m) => text.slice(m.sentenceStart, m.sentenceEnd))).toEqual(['Putin spoke.', 'Then Putin left.']);
    expect(db.tables.map((table) => table.name)).not.toContain('mentions');
    expect(await db.entities.get('putin')).not.toHaveProperty('aliasKeys');
    expect((await entityDossier(db, 'putin'))!.notes.map((n) => n.id)).toEqual(['keep']);
  });
});
