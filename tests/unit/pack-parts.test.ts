/**
 * A large pack travels to the background in parts (core/pack-parts.ts) and is stored in one
 * transaction once every part has come (services/packs-service.ts, 'packs/stage' then 'packs/import').
 */
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { parsePack, type Pack } from '@/core/pack';
import { joinParts, packParts } from '@/core/pack-parts';
import { createPacksService } from '@/services/packs-service';
import { createRouter } from '@/services/router';
import type { ContestoDatabase } from '@/storage/schema';
import { fixture, ingestFiles } from '../fixtures/ingest/helpers';
import { seededDatabases } from './helpers/database';
import { samplePackAs } from './helpers/packs';

const database = seededDatabases('pack-parts');
const ids = (rows: { id: string }[]) => rows.map((row) => row.id).sort();

/** A real pack, from the ingestion fixtures: many documents naming shared entities. */
function realPack(): Pack {
  return ingestFiles(['article.html', 'sindaco.txt', 'university.md'].map(fixture)).pack;
}

describe('cutting a pack into parts', () => {
  it('gives valid packs that hold every document, event, mention and entity once, with each document’s rows beside it', () => {
    const pack = {
      ...realPack(),
      corrections: [{ id: 'not-an-entity:x', kind: 'not-an-entity' as const, entityId: 'x', name: 'X', type: 'person' as const, created: '2026-01-01T00:00:00.000Z' }],
      notes: { items: [] },
    };
    const parts = packParts(pack, 1);
    expect(parts.length).toBe(pack.documents.length);
    for (const part of parts) expect(() => parsePack(part)).not.toThrow();
    expect(ids(parts.flatMap((part) => part.documents))).toEqual(ids(pack.documents));
    expect(ids(parts.flatMap((part) => part.events))).toEqual(ids(pack.events));
    expect(parts.flatMap((part) => part.mentions).length).toBe(pack.mentions.length);
    expect(ids([...new Map(parts.flatMap((part) => part.entities).map((entity) => [entity.id, entity])).values()])).toEqual(ids(pack.entities));
    // Corrections and notes travel once.
    expect(parts.map((part) => part.corrections !== undefined && part.notes !== undefined)).toEqual(parts.map((_, index) => index === 0));
  });

  it('joined again, gives the pack back, each entity once', () => {
    const pack = realPack();
    const joined = joinParts(packParts(pack, 1));
    expect(ids(joined.documents)).toEqual(ids(pack.documents));
    expect(ids(joined.events)).toEqual(ids(pack.events));
    expect(joined.mentions.length).toBe(pack.mentions.length);
    expect(ids(joined.entities)).toEqual(ids(pack.entities));
    expect(() => parsePack(joined)).not.toThrow();
  });

  it('keeps a pack under the weight whole, and sends entities that no document names with the first part', () => {
    const pack = realPack();
    expect(packParts(pack)).toEqual([pack]);
    const lonely = { id: 'lonely', name: 'Nobody Named', type: 'person' as const, aliases: ['Nobody Named'] };
    const parts = packParts({ ...pack, entities: [...pack.entities, lonely] }, 1);
    expect(parts.map((part) => part.entities.some((entity) => entity.id === 'lonely'))).toEqual(parts.map((_, index) => index === 0));
  });
});

describe('storing a pack that came in parts', () => {
  const routerFor = (db: ContestoDatabase) => createRouter(createPacksService(db, vi.fn()).handlers, Promise.resolve());
  const send = (db: ContestoDatabase, type: string, payload: unknown) => routerFor(db).handle({ type, payload }, { context: 'extension' });
  const dump = async (db: ContestoDatabase) => ({
    documents: await db.documents.toArray(),
    mentions: await db.documentMentions.toArray(),
    events: await db.events.toArray(),
    entities: await db.entities.toArray(),
  });

  it('stores, once the last part has come, what the whole pack stores, whatever order the parts came in', async () => {
    const pack = parsePack(samplePackAs('u'));
    const [whole, inParts] = [await database(), await database()];
    await send(whole, 'packs/import', { label: 'Mine', pack });
    const router = routerFor(inParts);
    const parts = packParts(pack, 1);
    expect(parts.length).toBe(2);
    for (const part of [1, 0]) expect(await router.handle({ type: 'packs/stage', payload: { importId: 'i-1', part, pack: parts[part] } }, { context: 'extension' })).toMatchObject({ ok: true });
    expect((await inParts.documents.toArray()).map((document) => document.id)).not.toContain('u1');
    const stored = await router.handle({ type: 'packs/import', payload: { label: 'Mine', importId: 'i-1' } }, { context: 'extension' });
    expect(stored).toMatchObject({ ok: true, value: { packId: expect.stringMatching(/^user:Mine-/), documents: 2, entities: 4, events: 2 } });
    expect(await dump(inParts)).toEqual(await dump(whole));
    // Asked again (the page's request repeated after a background restart), it answers the same and adds nothing.
    expect(await router.handle({ type: 'packs/import', payload: { label: 'Mine', importId: 'i-1' } }, { context: 'extension' })).toEqual(stored);
    expect(await dump(inParts)).toEqual(await dump(whole));
  });

  it('adds nothing when a part never came, and says so', async () => {
    const db = await database();
    const before = await dump(db);
    const router = routerFor(db);
    const parts = packParts(parsePack(samplePackAs('u')), 1);
    await router.handle({ type: 'packs/stage', payload: { importId: 'i-2', part: 1, pack: parts[1] } }, { context: 'extension' });
    const reply = await router.handle({ type: 'packs/import', payload: { label: 'Mine', importId: 'i-2' } }, { context: 'extension' });
    expect(reply).toMatchObject({ ok: false, error: expect.stringMatching(/never reached .*nothing was added/) });
    expect(await dump(db)).toEqual(before);
  });

  it('refuses a broken part as it arrives, in the words a broken pack gets', async () => {
    const db = await database();
    const reply = await send(db, 'packs/stage', { importId: 'i-3', part: 0, pack: { format: 'contesto-pack', version: 2 } });
    expect(reply).toMatchObject({ ok: false, error: expect.stringMatching(/^Broken knowledge pack/) });
  });

  it('refuses an import that names neither a pack nor staged parts, or both', async () => {
    const db = await database();
    expect(await send(db, 'packs/import', { label: 'Mine' })).toMatchObject({ ok: false });
    expect(await send(db, 'packs/import', { label: 'Mine', importId: 'i-4', pack: samplePackAs('u') })).toMatchObject({ ok: false });
  });
});
