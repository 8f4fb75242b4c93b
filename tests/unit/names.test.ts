import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { parseThesaurus } from '../../core/ingest/aliases';
import { mergeNames, primaryLanguage, shownNames, type NamedEntity } from '../../core/names';
import { parsePack } from '../../core/pack';
import { importPack } from '../../storage/packs';
import { openDatabase } from '../../storage/schema';
import { ingestFiles } from '../fixtures/ingest/helpers';

const unitedStates: NamedEntity = {
  name: 'Stati Uniti',
  aliases: ['Stati Uniti', 'USA', 'United States', 'U.S.', 'Unol Daleithiau', 'Stadoù-Unanet'],
  names: { it: ['Stati Uniti', 'USA'], en: ['United States', 'USA', 'U.S.'], cy: ['Unol Daleithiau'], br: ['Stadoù-Unanet'] },
};

describe('the names a reader is shown', () => {
  it("titles the card in the page's language, and lists other names only in the reader's and the documents' languages", () => {
    expect(shownNames(unitedStates, { page: 'en-US', reader: ['en'], documents: ['it'] })).toEqual({ name: 'United States', otherNames: ['USA', 'U.S.', 'Stati Uniti'] });
  });

  it("falls back to the reader's languages, then the documents', then the corpus's name", () => {
    expect(shownNames(unitedStates, { page: 'de', reader: ['en-GB', 'it'], documents: ['it'] }).name).toBe('United States');
    expect(shownNames(unitedStates, { page: 'de', reader: ['fr'], documents: ['it'] }).name).toBe('Stati Uniti');
    expect(shownNames(unitedStates, { page: 'de', reader: ['fr'], documents: [] }).name).toBe('Stati Uniti');
    expect(shownNames({ ...unitedStates, name: 'USA', names: { cy: ['Unol Daleithiau'] } }, { reader: ['fr'], documents: [] })).toEqual({ name: 'USA', otherNames: [] });
  });

  it('never lists a name of a language neither the reader nor the documents use, even the page’s', () => {
    const { otherNames } = shownNames(unitedStates, { page: 'cy', reader: ['it'], documents: ['it'] });
    expect(otherNames).toEqual(['Stati Uniti', 'USA']);
    expect(shownNames(unitedStates, { page: 'cy', reader: ['it'], documents: ['it'] }).name).toBe('Unol Daleithiau');
  });

  it('shows every alias, as before, for an entity of a pack without languages', () => {
    const old = { name: 'Mosca', aliases: ['Mosca', 'Moscow', 'Москва'] };
    expect(shownNames(old, { page: 'en', reader: ['en'], documents: ['it'] })).toEqual({ name: 'Mosca', otherNames: ['Moscow', 'Москва'] });
  });

  it('reads language tags by their primary subtag and merges names case- and accent-insensitively', () => {
    expect(['en-US', 'IT', 'pt_BR', ' de '].map(primaryLanguage)).toEqual(['en', 'it', 'pt', 'de']);
    expect(mergeNames({ en: ['Kyiv'] }, { en: ['KYIV', 'Kiev'], it: ['Kiev'] }, undefined)).toEqual({ en: ['Kyiv', 'Kiev'], it: ['Kiev'] });
  });
});

describe('languages of names, from ingestion', () => {
  it('reads language tags in the thesaurus and leaves untagged names untagged', () => {
    const row = parseThesaurus('place\tMosca@it\tMoscow@en\tМосква\nplace\tPyongyang@it,en\tPyeongyang')!;
    expect(row.rowOf('Moscow')).toMatchObject({ names: ['Mosca', 'Moscow', 'Москва'], languages: { it: ['Mosca'], en: ['Moscow'] } });
    expect(row.rowOf('Pyeongyang')?.languages).toEqual({ it: ['Pyongyang'], en: ['Pyongyang'] });
  });

  it("gives each entity its names by language: the documents' own words, the thesaurus's and the gazetteer's", () => {
    const { pack } = ingestFiles([{ name: 'nota.txt', content: 'lang it\nUna nota\n\nGli Stati Uniti e la Corea del Nord hanno parlato a Mosca. Gli Stati Uniti hanno poi risposto.' }]);
    const byName = (name: string) => pack.entities.find((entity) => entity.name === name)!;
    expect(byName('Stati Uniti').names?.it?.[0]).toBe('Stati Uniti');
    expect(byName('Stati Uniti').names?.en?.[0]).toBe('United States');
    expect(byName('Stati Uniti').names?.cy).toBeDefined();
    expect(byName('Mosca').names).toMatchObject({ it: ['Mosca'], en: ['Moscow'] });
    expect(byName('Stati Uniti').aliases).toEqual(expect.arrayContaining(Object.values(byName('Stati Uniti').names!).flat()));
  });

  it('reads packs without names, and keeps names when a pack adds to a stored entity', async () => {
    const { pack } = ingestFiles([{ name: 'nota.txt', content: 'lang it\nUna nota\n\nLa Corea del Nord ha parlato a Mosca.' }]);
    const old = parsePack({ ...pack, entities: pack.entities.map(({ names: _names, ...entity }) => entity) });
    expect(old.entities.every((entity) => entity.names === undefined)).toBe(true);
    expect(() => parsePack(pack)).not.toThrow();
    const db = openDatabase(`names-${Date.now()}`);
    await importPack(db, old, 'bundled');
    await importPack(db, pack, 'user:extra');
    const stored = await db.entities.toArray();
    expect(stored.find((entity) => entity.name === 'Mosca')?.names?.en).toEqual(['Moscow']);
    await db.delete();
  });
});
