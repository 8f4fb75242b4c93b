import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createRouter } from '@/services/router';
import { seededDatabases } from './helpers/database';
import { pageServices } from './helpers/services';
import { newNoteId } from '@/core/notes';

const seededDatabase = seededDatabases('service');

async function service() {
  const db = await seededDatabase();
  const { knowledge, notes, platform } = pageServices(db, 'en-US');
  const handlers = { ...knowledge.handlers, ...notes.handlers };
  const router = createRouter(handlers, Promise.resolve());
  // The extension's own pages may ask for everything (tests/unit/senders.test.ts covers web pages).
  return { db, platform, service: { handle: (message: unknown) => router.handle(message, { context: 'extension' }) } };
}

describe('the message contract', () => {
  it('answers odd messages with a clear error and never throws', async () => {
    const { service: s, db } = await service();
    const before = await db.entities.count();
    const odd: unknown[] = [
      null,
      42,
      'page/init',
      [],
      {},
      { type: 'drop/tables' },
      { type: 'entity/card' },
      { type: 'entity/card', payload: { entityId: 7 } },
      { type: 'page/init', payload: { url: 'not a url' } },
      { type: 'notes/add', payload: { id: newNoteId(), target: { kind: 'entity', entityId: 'kim' }, body: 'x', extra: '<script>' } },
      { type: '__proto__', payload: {} },
    ];
    for (const message of odd) {
      const reply = await s.handle(message);
      expect(reply.ok, JSON.stringify(message)).toBe(false);
      if (!reply.ok) expect(reply.error).toMatch(/Malformed|Unknown message type|Invalid/);
    }
    expect(await db.entities.count()).toBe(before);
    expect(await db.notes.count()).toBe(0);
  });

  it('finds the known names in each of a page’s texts, leftmost-longest, and none in a text that has none', async () => {
    const { service: s } = await service();
    const texts = ['Vladimir Putin met Kim Jong-un in Vladivostok.', 'Nothing known here.', ''];
    const reply = await s.handle({ type: 'page/find', payload: { url: 'https://news.example/a', texts } });
    if (!reply.ok) throw new Error(reply.error);
    const { matches } = reply.value as { matches: { start: number; end: number; entityId: string }[][] };
    expect(matches.map((found, i) => found.map((match) => [texts[i]!.slice(match.start, match.end), match.entityId]))).toEqual([
      [
        ['Vladimir Putin', 'putin'],
        ['Kim Jong-un', 'kim'],
        ['Vladivostok', 'vladivostok'],
      ],
      [],
      [],
    ]);
    expect(await s.handle({ type: 'page/find', payload: { url: 'https://news.example/a', texts: [42] } })).toMatchObject({ ok: false, error: expect.stringMatching(/Invalid "page\/find"/) });
  });

  it('tells a page how to highlight unless the reader turned the site off', async () => {
    const { service: s, platform } = await service();
    const on = await s.handle({ type: 'page/init', payload: { url: 'https://news.example/a' } });
    expect(on).toMatchObject({ ok: true, value: { enabled: true } });
    await s.handle({ type: 'settings/update', payload: { site: { host: 'news.example', enabled: false } } });
    expect(platform.settingsChanged).toHaveBeenCalled();
    expect(await s.handle({ type: 'page/init', payload: { url: 'https://news.example/b' } })).toEqual({ ok: true, value: { enabled: false } });
    expect(await s.handle({ type: 'page/init', payload: { url: 'https://other.example/' } })).toMatchObject({ ok: true, value: { enabled: true } });
    await s.handle({ type: 'settings/update', payload: { enabled: false } });
    expect(await s.handle({ type: 'page/init', payload: { url: 'https://other.example/' } })).toEqual({ ok: true, value: { enabled: false } });
  });

  it("answers page/init with the page's selection notes, and follows the notes added and deleted since", async () => {
    const { service: s } = await service();
    const page = 'https://news.example/corea?id=7';
    const notesOf = async (url: string) => {
      const reply = await s.handle({ type: 'page/init', payload: { url } });
      if (!reply.ok) throw new Error(reply.error);
      return (reply.value as { notes: { id: string }[] }).notes.map((note) => note.id);
    };
    expect(await notesOf(page)).toEqual([]);
    const target = {
      kind: 'selection',
      url: `${page}#paragraph-3`,
      quote: { type: 'TextQuoteSelector', exact: 'Corea del Nord', prefix: 'la ', suffix: ' ha' },
      position: { type: 'TextPositionSelector', start: 10, end: 24 },
    };
    const id = newNoteId();
    await s.handle({ type: 'notes/add', payload: { id, target, body: 'Which summit?' } });
    await s.handle({ type: 'notes/add', payload: { id: newNoteId(), target: { kind: 'entity', entityId: 'kim' }, body: 'Not on a page' } });
    // The same page whatever its fragment; another page holds none.
    expect(await notesOf(page)).toEqual([id]);
    expect(await notesOf('https://news.example/other')).toEqual([]);
    await s.handle({ type: 'notes/delete', payload: { id } });
    expect(await notesOf(page)).toEqual([]);
  });

  it('explains an entity with its events newest first, sources, related entities and note count', async () => {
    const { service: s } = await service();
    await s.handle({ type: 'notes/add', payload: { id: newNoteId(), target: { kind: 'entity', entityId: 'putin' }, body: 'Check the 2019 summit.' } });
    const reply = await s.handle({ type: 'entity/card', payload: { entityId: 'putin' } });
    expect(reply.ok).toBe(true);
    const card = (reply as { value: import('@/core/messages').EntityCard }).value;
    expect(card).toMatchObject({ name: 'Vladimir Putin', type: 'person', noteCount: 1 });
    expect(card.events.map((e) => e.date)).toEqual(['2019-04']);
    // Each source says where it is, so that the card can open its document at it.
    expect(card.sources[0]).toEqual({
      sentence: 'Kim Jong-un met Vladimir Putin in Vladivostok in April 2019.',
      title: 'Summit in Vladivostok',
      date: '2019-04',
      documentId: 'd1',
      start: 23,
      end: 83,
    });
    expect(card.related.map((r) => r.id).sort()).toEqual(['kim', 'moscow', 'vladivostok']);
    expect(await s.handle({ type: 'entity/card', payload: { entityId: 'nobody' } })).toEqual({ ok: true, value: null });
  });

  it("names the entity for the page's language, then the reader's, and lists only the reader's and the documents' names", async () => {
    const { service: s, db } = await service();
    await db.entities.update('moscow', { name: 'Mosca', aliases: ['Mosca', 'Moscow', 'Moskva', 'Moscou'], names: { it: ['Mosca'], en: ['Moscow'], fr: ['Moscou'], cy: ['Moskva'] } });
    const card = async (lang?: string) => ((await s.handle({ type: 'entity/card', payload: { entityId: 'moscow', ...(lang && { lang }) } })) as { value: import('@/core/messages').EntityCard }).value;
    expect(await card('fr-FR')).toMatchObject({ name: 'Moscou', aliases: ['Moscow'] });
    expect(await card()).toMatchObject({ name: 'Moscow', aliases: [] });
    await s.handle({ type: 'settings/update', payload: { languages: ['it'] } });
    // The sample's documents are in English.
    expect(await card()).toMatchObject({ name: 'Mosca', aliases: ['Moscow'] });
    const putin = (await s.handle({ type: 'entity/card', payload: { entityId: 'putin', lang: 'fr' } })) as { value: import('@/core/messages').EntityCard };
    expect(putin.value.related.find((other) => other.id === 'moscow')?.name).toBe('Moscou');
  });
});
