import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as match from '@/core/match';
import { addCorrection } from '@/storage/corrections';
import { cacheDictionary, knowledgeStamp, readCachedDictionaries } from '@/storage/matcher-cache';
import { appendToPack, importPack } from '@/storage/packs';
import { openDatabase, type ContestoDatabase } from '@/storage/schema';
import { seededDatabases } from './helpers/database';
import { samplePack } from './helpers/packs';
import { pageServices } from './helpers/services';

// The real compiler, watched: a woken background that loads a cached dictionary compiles nothing.
vi.mock('@/core/match', async (original) => {
  const real = await original<typeof import('@/core/match')>();
  return { ...real, compileMatcher: vi.fn(real.compileMatcher) };
});
const compiles = () => vi.mocked(match.compileMatcher).mock.calls.length;

const seededDatabase = seededDatabases('matcher-cache');
const woken: ContestoDatabase[] = [];
afterEach(() => woken.splice(0).forEach((db) => db.close()));

/** A background started on the store, as the browser starts a stopped service worker: a new connection, nothing in memory. */
function wake(db: ContestoDatabase, build = 'build-1') {
  const again = openDatabase(db.name);
  woken.push(again);
  const { knowledge } = pageServices(again, 'en', build);
  const find = async (url: string, text: string) => {
    const reply = (await knowledge.handlers['page/find']({ type: 'page/find', payload: { url, texts: [text] } } as never, { context: 'page', url } as never)) as { matches: match.Match[][] };
    return reply.matches[0]!.map((found) => text.slice(found.start, found.end));
  };
  return { db: again, knowledge, find };
}

const TEXT = 'Putin met Kim Jong-un in Vladivostok.';

describe('the compiled dictionaries kept in the store', () => {
  it('spare a woken background the compilation: it matches as before and compiles nothing', async () => {
    const db = await seededDatabase();
    const first = wake(db);
    const before = compiles();
    expect(await first.find('https://news.example/a', TEXT)).toEqual(['Putin', 'Kim Jong-un', 'Vladivostok']);
    expect(compiles()).toBe(before + 1);
    // The cache is written after the answer: wait for it as a stopping worker would not, then wake another.
    await vi.waitFor(async () => expect(await readCachedDictionaries(db, 'build-1')).toBeDefined());
    const woken = wake(db);
    expect(await woken.find('https://news.example/a', TEXT)).toEqual(['Putin', 'Kim Jong-un', 'Vladivostok']);
    expect(compiles()).toBe(before + 1);
  });

  it('are compiled again when the store’s copy is damaged, and the page is matched all the same', async () => {
    const db = await seededDatabase();
    await wake(db).find('https://news.example/a', TEXT);
    await vi.waitFor(async () => expect(await readCachedDictionaries(db, 'build-1')).toBeDefined());
    const row = (await db.matcherCache.get('dictionaries'))!;
    await db.matcherCache.put({ ...row, dictionaries: { ...row.dictionaries!, compiled: { '': { format: 'contesto-matcher', version: 3, table: 'x' } as never } } });
    const before = compiles();
    expect(await wake(db).find('https://news.example/a', TEXT)).toEqual(['Putin', 'Kim Jong-un', 'Vladivostok']);
    expect(compiles()).toBe(before + 1);
  });

  it('are compiled again by another build, which may compile differently', async () => {
    const db = await seededDatabase();
    await wake(db).find('https://news.example/a', TEXT);
    await vi.waitFor(async () => expect(await readCachedDictionaries(db, 'build-1')).toBeDefined());
    expect(await readCachedDictionaries(db, 'build-2')).toBeUndefined();
    const before = compiles();
    expect(await wake(db, 'build-2').find('https://news.example/a', TEXT)).toEqual(['Putin', 'Kim Jong-un', 'Vladivostok']);
    expect(compiles()).toBe(before + 1);
  });

  it('are not used once the knowledge changes, whichever writer changes it', async () => {
    const db = await seededDatabase();
    const cachedAgain = async () => {
      await wake(db).find('https://news.example/a', TEXT);
      await vi.waitFor(async () => expect(await readCachedDictionaries(db, 'build-1')).toBeDefined());
    };
    await cachedAgain();
    await addCorrection(db, { kind: 'hidden-name', name: 'Vladivostok' });
    expect(await readCachedDictionaries(db, 'build-1')).toBeUndefined();
    expect(await wake(db).find('https://news.example/a', TEXT)).toEqual(['Putin', 'Kim Jong-un']);

    await cachedAgain();
    await appendToPack(db, samplePack({ documents: [], events: [], mentions: [], entities: [{ id: 'pyongyang', name: 'Pyongyang', type: 'place', aliases: ['Pyongyang'] }] }), 'user:more');
    expect(await wake(db).find('https://news.example/a', 'From Pyongyang to Vladivostok.')).toEqual(['Pyongyang']);

    // A writer that names only the entities in its transaction still stamps the knowledge anew.
    await cachedAgain();
    await db.transaction('rw', db.entities, () => db.entities.update('putin', { aliases: ['Vladimir Putin'] }));
    expect(await wake(db).find('https://news.example/a', TEXT)).toEqual(['Kim Jong-un']);
  });

  it('stay in use after a write to the knowledge that failed, which changed nothing', async () => {
    const db = await seededDatabase();
    await wake(db).find('https://news.example/a', TEXT);
    await vi.waitFor(async () => expect(await readCachedDictionaries(db, 'build-1')).toBeDefined());
    const stamp = await knowledgeStamp(db);
    // The same documents again: the whole pack is refused, in its transaction.
    await expect(appendToPack(db, samplePack(), 'user:again')).rejects.toThrow(/already stored/);
    expect(await knowledgeStamp(db)).toBe(stamp);
    expect(await readCachedDictionaries(db, 'build-1')).toBeDefined();
  });

  it('never keep a dictionary compiled from knowledge that changed while it compiled', async () => {
    const db = await seededDatabase();
    const stamp = await knowledgeStamp(db);
    const compiled = match.compileMatcher([{ alias: 'Putin', entityId: 'putin', type: 'person' }]);
    await importPack(db, samplePack(), 'bundled');
    await cacheDictionary(db, { build: 'build-1', stamp, site: '', compiled, sitesWithOwnDictionary: [] });
    expect(await readCachedDictionaries(db, 'build-1')).toBeUndefined();
  });

  it('keep a site’s own dictionary beside the others, and a woken background knows the site without reading the knowledge', async () => {
    const db = await seededDatabase();
    await addCorrection(db, { kind: 'hidden-name', name: 'Putin', site: 'news.example' });
    const first = wake(db);
    expect(await first.find('https://news.example/a', TEXT)).toEqual(['Kim Jong-un', 'Vladivostok']);
    expect(await first.find('https://other.example/b', TEXT)).toEqual(['Putin', 'Kim Jong-un', 'Vladivostok']);
    await vi.waitFor(async () => expect(Object.keys((await readCachedDictionaries(db, 'build-1'))?.compiled ?? {}).sort()).toEqual(['', 'news.example']));

    const woken = wake(db);
    const reads = vi.spyOn(woken.db.entities, 'toArray');
    const before = compiles();
    expect(await woken.find('https://news.example/c', TEXT)).toEqual(['Kim Jong-un', 'Vladivostok']);
    expect(await woken.find('https://other.example/d', TEXT)).toEqual(['Putin', 'Kim Jong-un', 'Vladivostok']);
    expect(compiles()).toBe(before);
    expect(reads).not.toHaveBeenCalled();
  });
});
