import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { Match } from '@/core/match';
import { createCorrectionsService } from '@/services/corrections-service';
import { createRouter, type Sender } from '@/services/router';
import { listCorrections } from '@/storage/corrections';
import { allKnowledge, entityDossier, entityNames, knowledgeDictionary } from '@/storage/knowledge';
import { appendToPack, removePack, seedBundledPack } from '@/storage/packs';
import type { ContestoDatabase } from '@/storage/schema';
import { seededDatabases } from './helpers/database';
import { pageServices } from './helpers/services';
import { samplePack, samplePackAs } from './helpers/packs';

const FROM_PAGE: Sender = { context: 'page', url: 'https://news.example/article', tabId: 2 };
const FROM_OPTIONS: Sender = { context: 'extension' };
const seededDatabase = seededDatabases('corrections');

/** The corrections and the page's dictionary, wired as the background wires them. */
async function corrections() {
  const db = await seededDatabase();
  const { knowledge } = pageServices(db);
  const knowledgeChanged = vi.fn(() => knowledge.forgetKnowledge());
  const router = createRouter({ ...createCorrectionsService(db, knowledgeChanged).handlers, ...knowledge.handlers }, Promise.resolve());
  /** What the background finds in `text` for a page at `url`, asked as the page asks. */
  const matchesOn = async (url: string, text: string) => {
    const init = await router.handle({ type: 'page/init', payload: { url } }, { context: 'page', url });
    if (!init.ok || !(init.value as { enabled: boolean }).enabled) throw new Error(`page/init: ${JSON.stringify(init)}`);
    const reply = await router.handle({ type: 'page/find', payload: { url, texts: [text] } }, { context: 'page', url });
    if (!reply.ok) throw new Error(`page/find: ${reply.error}`);
    return (reply.value as { matches: Match[][] }).matches[0]!;
  };
  /** What a page at `url` would highlight in `text`. */
  const highlightedOn = async (url: string, text: string) => (await matchesOn(url, text)).map((match) => text.slice(match.start, match.end));
  return { db, knowledgeChanged, router, matchesOn, highlightedOn };
}

/** The names pages would highlight, and for which entity. */
const highlighted = async (db: ContestoDatabase) => (await knowledgeDictionary(db)).map(({ alias, entityId }) => `${alias} → ${entityId}`);

describe('the reader’s corrections', () => {
  it('“Not an entity” from a page: its names leave the dictionary, the stored entity stays, open pages are told, and undo brings it back', async () => {
    const { db, knowledgeChanged, router } = await corrections();
    expect(await highlighted(db)).toContain('Putin → putin');

    const added = await router.handle({ type: 'corrections/add', payload: { kind: 'not-an-entity', entityId: 'putin' } }, FROM_PAGE);
    expect(added).toEqual({ ok: true, value: { correction: { id: 'not-an-entity:putin', name: 'Vladimir Putin' } } });
    expect((await highlighted(db)).filter((entry) => entry.endsWith('→ putin'))).toEqual([]);
    expect(await highlighted(db)).toContain('Kim → kim');
    expect(await db.entities.get('putin')).toMatchObject({ name: 'Vladimir Putin' });
    expect(knowledgeChanged).toHaveBeenCalledTimes(1);
    expect(await listCorrections(db)).toEqual([expect.objectContaining({ kind: 'not-an-entity', entityId: 'putin', name: 'Vladimir Putin', type: 'person' })]);

    // Undo is the options page's: a page may not remove a correction.
    expect(await router.handle({ type: 'corrections/remove', payload: { id: 'not-an-entity:putin' } }, FROM_PAGE)).toMatchObject({ ok: false });
    expect(await router.handle({ type: 'corrections/remove', payload: { id: 'not-an-entity:putin' } }, FROM_OPTIONS)).toEqual({ ok: true, value: { removed: true } });
    expect(await highlighted(db)).toContain('Putin → putin');
    expect(await listCorrections(db)).toEqual([]);
    expect(knowledgeChanged).toHaveBeenCalledTimes(2);
  });

  it('marking twice keeps one record and tells nobody twice; an unknown entity or correction changes nothing', async () => {
    const { db, knowledgeChanged, router } = await corrections();
    await router.handle({ type: 'corrections/add', payload: { kind: 'not-an-entity', entityId: 'moscow' } }, FROM_PAGE);
    const first = await listCorrections(db);
    expect(await router.handle({ type: 'corrections/add', payload: { kind: 'not-an-entity', entityId: 'moscow' } }, FROM_PAGE)).toMatchObject({
      ok: true,
      value: { correction: { id: 'not-an-entity:moscow' } },
    });
    expect(await listCorrections(db)).toEqual(first);
    expect(await router.handle({ type: 'corrections/add', payload: { kind: 'not-an-entity', entityId: 'atlantis' } }, FROM_PAGE)).toEqual({ ok: true, value: { correction: null } });
    expect(await router.handle({ type: 'corrections/remove', payload: { id: 'not-an-entity:atlantis' } }, FROM_OPTIONS)).toEqual({ ok: true, value: { removed: false } });
    expect(await listCorrections(db)).toEqual(first);
    expect(knowledgeChanged).toHaveBeenCalledTimes(1);
  });

  it('“Don’t highlight” a name on one site: pages of that site lose those words whatever entity they name, other sites keep them, the entity keeps its other names', async () => {
    const { db, router, highlightedOn } = await corrections();
    const text = 'Putin met Kim. Vladimir Putin spoke in Moscow.';
    const here = 'https://news.example/today';
    expect(await highlightedOn(here, text)).toEqual(['Putin', 'Kim', 'Vladimir Putin', 'Moscow']);

    const sameSite = { context: 'page', url: 'https://news.example/article' } as const;
    expect(await router.handle({ type: 'corrections/add', payload: { kind: 'hidden-name', name: 'PUTIN', site: 'elsewhere.example' } }, sameSite)).toMatchObject({
      ok: false,
      error: 'A page may hide names only on its own site.',
    });
    expect(await router.handle({ type: 'corrections/add', payload: { kind: 'hidden-name', name: 'Putin', site: 'news.example' } }, sameSite)).toMatchObject({ ok: true });
    expect(await highlightedOn(here, text)).toEqual(['Kim', 'Vladimir Putin', 'Moscow']);
    expect(await highlightedOn('https://other.example/', text)).toEqual(['Putin', 'Kim', 'Vladimir Putin', 'Moscow']);
    expect(await listCorrections(db)).toEqual([expect.objectContaining({ kind: 'hidden-name', name: 'Putin', key: 'putin', site: 'news.example' })]);

    // Everywhere, from any page; written otherwise, the same name.
    await router.handle({ type: 'corrections/add', payload: { kind: 'hidden-name', name: 'moscow' } }, sameSite);
    expect(await highlightedOn('https://other.example/', text)).toEqual(['Putin', 'Kim', 'Vladimir Putin']);
    expect(await highlightedOn(here, text)).toEqual(['Kim', 'Vladimir Putin']);
    expect((await highlighted(db)).filter((entry) => entry.endsWith('→ moscow'))).toEqual(['Mosca → moscow']);

    for (const { id } of await listCorrections(db)) await router.handle({ type: 'corrections/remove', payload: { id } }, FROM_OPTIONS);
    expect(await highlightedOn(here, text)).toEqual(['Putin', 'Kim', 'Vladimir Putin', 'Moscow']);
  });

  it('a type the reader chose: pages, cards and search see it, the stored entity keeps ingestion’s, and choosing that type again ends the correction', async () => {
    const { db, router } = await corrections();
    const typeOf = async () => ({
      dictionary: (await knowledgeDictionary(db)).find((entry) => entry.entityId === 'vladivostok')?.type,
      card: (await entityDossier(db, 'vladivostok'))?.entity.type,
      search: (await allKnowledge(db)).entities.find((entity) => entity.id === 'vladivostok')?.type,
      stored: (await db.entities.get('vladivostok'))?.type,
    });
    expect(await router.handle({ type: 'corrections/add', payload: { kind: 'type', entityId: 'vladivostok', type: 'organization' } }, FROM_OPTIONS)).toMatchObject({ ok: true });
    expect(await typeOf()).toEqual({ dictionary: 'organization', card: 'organization', search: 'organization', stored: 'place' });
    // Choosing again replaces the reader's type; the same type as ingestion's is no correction at all.
    await router.handle({ type: 'corrections/add', payload: { kind: 'type', entityId: 'vladivostok', type: 'other' } }, FROM_OPTIONS);
    expect(await listCorrections(db)).toEqual([expect.objectContaining({ kind: 'type', type: 'other', was: 'place', name: 'Vladivostok' })]);
    await router.handle({ type: 'corrections/add', payload: { kind: 'type', entityId: 'vladivostok', type: 'place' } }, FROM_OPTIONS);
    expect(await listCorrections(db)).toEqual([]);
    expect(await typeOf()).toEqual({ dictionary: 'place', card: 'place', search: 'place', stored: 'place' });
    expect(await router.handle({ type: 'corrections/add', payload: { kind: 'type', entityId: 'vladivostok', type: 'place' } }, FROM_OPTIONS)).toEqual({ ok: true, value: { correction: null } });
  });

  it('a name the reader gave, took or chose: pages highlight what they gave and not what they took, cards show their name, and the opposite correction cancels one', async () => {
    const { db, router, highlightedOn } = await corrections();
    const page = 'https://news.example/';
    const text = 'Putin in Vladivostok, the Primorsky capital, then Mosca.';
    const ask = (payload: object) => router.handle({ type: 'corrections/add', payload }, FROM_OPTIONS);
    // The card a page asks the background for: its corrections, kept between requests, follow each change.
    const cardName = async () => ((await router.handle({ type: 'entity/card', payload: { entityId: 'putin' } }, FROM_PAGE)) as { value: { name: string } }).value.name;
    expect(await cardName()).toBe('Vladimir Putin');
    await ask({ kind: 'added-name', entityId: 'vladivostok', name: 'Primorsky capital' });
    await ask({ kind: 'removed-name', entityId: 'moscow', name: 'Mosca' });
    await ask({ kind: 'rename', entityId: 'putin', name: 'V. V. Putin' });
    expect(await cardName()).toBe('V. V. Putin');
    expect(await highlightedOn(page, text)).toEqual(['Putin', 'Vladivostok', 'Primorsky capital']);
    const putin = (await entityDossier(db, 'putin'))!.entity;
    expect([putin.name, putin.aliases]).toEqual(['V. V. Putin', ['V. V. Putin', 'Vladimir Putin', 'Putin']]);
    expect((await entityNames(db, ['putin'])).get('putin')).toBe('V. V. Putin');
    expect((await listCorrections(db)).map((correction) => correction.kind).sort()).toEqual(['added-name', 'removed-name', 'rename']);

    // Giving back the name taken ends that correction; renaming to ingestion's name ends the rename.
    await ask({ kind: 'added-name', entityId: 'moscow', name: 'mosca' });
    await ask({ kind: 'rename', entityId: 'putin', name: 'Vladimir Putin' });
    expect(await cardName()).toBe('Vladimir Putin');
    expect((await listCorrections(db)).map((correction) => correction.kind)).toEqual(['added-name']);
    expect(await highlightedOn(page, text)).toEqual(['Putin', 'Vladivostok', 'Primorsky capital', 'Mosca']);
  });

  it('“Same as”: one entity is read as the other everywhere (pages, cards, events, search, lists of names), never as itself through a loop, and Undo parts them', async () => {
    const { db, router, matchesOn, highlightedOn } = await corrections();
    const ask = (payload: object) => router.handle({ type: 'corrections/add', payload }, FROM_OPTIONS);
    expect(await ask({ kind: 'merge', entityId: 'vladivostok', into: 'moscow' })).toMatchObject({ ok: true, value: { correction: { id: 'merge:vladivostok' } } });
    // Moscow into Vladivostok now would make each the other: refused.
    expect(await ask({ kind: 'merge', entityId: 'moscow', into: 'vladivostok' })).toEqual({ ok: true, value: { correction: null } });

    const page = 'https://news.example/';
    expect((await matchesOn(page, 'Vladivostok and Moscow')).map((match) => match.entityId)).toEqual(['moscow', 'moscow']);
    expect(await highlightedOn(page, 'Vladivostok and Moscow')).toEqual(['Vladivostok', 'Moscow']);

    const moscow = (await entityDossier(db, 'moscow'))!;
    expect(moscow.entity.aliases).toEqual(['Moscow', 'Mosca', 'Vladivostok']);
    expect(moscow.events.events.map((event) => event.id)).toEqual(['e1', 'e2']);
    expect(moscow.documents.map(({ document }) => document.id).sort()).toEqual(['d1', 'd2']);
    expect(moscow.related.map(({ entity }) => entity.id)).not.toContain('vladivostok');
    expect((await entityDossier(db, 'vladivostok'))!.entity.id).toBe('moscow');
    expect(moscow.events.entities.get('vladivostok')?.name).toBe('Moscow');
    expect((await entityNames(db, ['vladivostok'])).get('vladivostok')).toBe('Moscow');
    expect((await allKnowledge(db)).entities.map((entity) => entity.id)).not.toContain('vladivostok');

    await router.handle({ type: 'corrections/remove', payload: { id: 'merge:vladivostok' } }, FROM_OPTIONS);
    expect((await entityDossier(db, 'vladivostok'))!.entity.name).toBe('Vladivostok');
    expect(await highlighted(db)).toContain('Vladivostok → vladivostok');
  });

  it('“Split off”: a name leaves its entity for one of its own, which the pages highlight and whose card holds the documents that write that name; Undo joins them again', async () => {
    const { db, router, matchesOn, highlightedOn } = await corrections();
    const ask = (payload: object) => router.handle({ type: 'corrections/add', payload }, FROM_OPTIONS);
    // An entity's only name cannot leave it.
    expect(await ask({ kind: 'split', entityId: 'vladivostok', name: 'Vladivostok' })).toEqual({ ok: true, value: { correction: null } });
    expect(await ask({ kind: 'split', entityId: 'moscow', name: 'Mosca' })).toMatchObject({ ok: true, value: { correction: { id: 'split:moscow:mosca' } } });

    const page = 'https://news.example/';
    const [mosca, moscow] = await matchesOn(page, 'Mosca, or Moscow');
    expect(moscow!.entityId).toBe('moscow');
    expect(mosca!.entityId).not.toBe('moscow');
    const split = (await entityDossier(db, mosca!.entityId))!;
    expect([split.entity.name, split.entity.type, split.entity.aliases]).toEqual(['Mosca', 'place', ['Mosca']]);
    expect((await entityDossier(db, 'moscow'))!.entity.aliases).toEqual(['Moscow']);
    expect((await entityNames(db, [mosca!.entityId])).get(mosca!.entityId)).toBe('Mosca');
    expect((await allKnowledge(db)).entities.map((entity) => entity.name)).toEqual(expect.arrayContaining(['Moscow', 'Mosca']));

    await router.handle({ type: 'corrections/remove', payload: { id: 'split:moscow:mosca' } }, FROM_OPTIONS);
    expect(await entityDossier(db, mosca!.entityId)).toBeNull();
    expect(await highlightedOn(page, 'Mosca, or Moscow')).toEqual(['Mosca', 'Moscow']);
    expect((await entityDossier(db, 'moscow'))!.entity.aliases).toEqual(['Moscow', 'Mosca']);
  });

  it('a name split off takes the mentions that write it, and the events whose sentence does', async () => {
    const { db, router } = await corrections();
    // The documents write "Moscow", never "Mosca": splitting off "Moscow" takes them all, "Mosca" none.
    await router.handle({ type: 'corrections/add', payload: { kind: 'split', entityId: 'moscow', name: 'Moscow' } }, FROM_OPTIONS);
    const splitId = (await knowledgeDictionary(db)).find((entry) => entry.alias === 'Moscow')!.entityId;
    const [left, split] = [(await entityDossier(db, 'moscow'))!, (await entityDossier(db, splitId))!];
    const sentences = (dossier: typeof left) => dossier.documents.flatMap(({ sentences: found }) => found.map((sentence) => sentence.text));
    expect(sentences(split)).toEqual(['Putin spoke in Moscow.', 'Moscow hosted the talks in 2023.']);
    expect(split.events.events.map((event) => event.id)).toEqual(['e2']);
    expect([left.entity.aliases, sentences(left)]).toEqual([['Mosca'], []]);
  });

  it('holds after the same documents are added again, the bundled pack is reseeded, and a collection naming the entity is removed and added back (a type too)', async () => {
    const { db, router } = await corrections();
    await router.handle({ type: 'corrections/add', payload: { kind: 'not-an-entity', entityId: 'putin' } }, FROM_PAGE);
    await router.handle({ type: 'corrections/add', payload: { kind: 'type', entityId: 'moscow', type: 'organization' } }, FROM_OPTIONS);
    const moscowType = async () => [...new Set((await knowledgeDictionary(db)).filter((entry) => entry.entityId === 'moscow').map((entry) => entry.type))];
    const putinGone = async () => expect((await highlighted(db)).filter((entry) => entry.endsWith('→ putin'))).toEqual([]);

    await appendToPack(db, samplePackAs('u'), 'user:Mine');
    await putinGone();
    await seedBundledPack(db, samplePack({ generatedAt: '2026-02-01T00:00:00.000Z' }), 'a new build');
    await putinGone();
    await removePack(db, 'user:Mine');
    await appendToPack(db, samplePackAs('u'), 'user:Mine');
    await putinGone();
    expect(await highlighted(db)).toContain('Vladivostok → vladivostok');
    expect(await moscowType()).toEqual(['organization']);
  });
});
