import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { foldAlias } from '../../core/normalize';
import { parsePack, type PackEntity } from '../../core/pack';
import { ingestFiles, ROOT } from '../fixtures/ingest/helpers';

const SOURCE = '000_8393216312377e60.txt';
const { pack, failures } = ingestFiles([{ name: SOURCE, content: readFileSync(join(ROOT, 'corpus', SOURCE), 'utf8') }]);

/** Gold from docs/architecture.md: [type, a name or alias, further aliases it must carry]. */
const GOLD: [PackEntity['type'], string, string[]][] = [
  ['person', 'Kim Jong-un', []],
  ['person', 'Vladimir Putin', ['Putin']],
  ['person', 'Andrey Rudenko', ['Rudenko']],
  ['person', 'John Kirby', ['Kirby']],
  ['organization', 'TASS', []],
  ['organization', 'Cremlino', ['Kremlin']],
  ['organization', 'Nazioni Unite', ['United Nations']],
  ['organization', 'Gruppo Wagner', ['Wagner Group']],
  ['place', 'Mosca', ['Moscow']],
  ['place', 'Pyongyang', []],
  ['place', 'Corea del Nord', ['North Korea']],
  ['place', 'Russia', ['Federazione Russa']],
  ['place', 'Ucraina', ['Ukraine']],
  ['place', 'Zaporozhye', []],
  ['place', 'Kherson', []],
  ['place', 'Donetsk', []],
  ['place', 'Lugansk', []],
  ['place', 'Vladivostok', []],
  ['place', 'Stati Uniti', ['United States', 'USA']],
];

const carrying = (alias: string) => pack.entities.filter((entity) => entity.aliases.some((known) => foldAlias(known) === foldAlias(alias)));
const named = (alias: string) => {
  const [entity, ...others] = carrying(alias);
  expect(others, `${alias} belongs to one entity only`).toEqual([]);
  return entity!;
};

describe('bundled corpus', () => {
  it('builds a valid pack from the one document, with its date header and title', () => {
    expect(failures).toEqual([]);
    expect(() => parsePack(JSON.parse(JSON.stringify(pack)))).not.toThrow();
    const [document] = pack.documents;
    expect(document).toMatchObject({ date: '2023-01', lang: 'it', source: SOURCE });
    expect(document!.title).toMatch(/^Kim Jong-un e Vladimir Putin sempre più vicini: .* affermano dal Cremlino$/);
    expect(document!.text.startsWith(document!.title)).toBe(true);
  });

  it.each(GOLD)('finds the %s %s once, with its aliases', (type, name, aliases) => {
    const entity = named(name);
    expect(entity.type).toBe(type);
    for (const alias of aliases) expect(named(alias)).toBe(entity);
  });

  it('gives a person their family name as an alias, but not a hyphenated given name', () => {
    expect(named('Kim Jong-un').aliases).not.toContain('Jong-un');
  });

  it('finds at most 3 entities beyond the gold', () => {
    const gold = GOLD.map(([, name]) => named(name));
    const spurious = pack.entities.filter((entity) => !gold.includes(entity)).map((entity) => entity.name);
    expect(spurious.length, `spurious: ${spurious.join(', ')}`).toBeLessThanOrEqual(3);
  });

  it('describes people by the role the text gives them', () => {
    expect(named('Andrey Rudenko').description).toBe('viceministro degli Esteri russo');
    expect(named('John Kirby').description).toBe('portavoce del Consiglio nazionale per la sicurezza USA');
  });

  it.each([
    ['2019-04', ['Vladivostok']],
    ['2022-07-13', ['North Korea', 'Donetsk', 'Lugansk']],
    ['2022-09', ['United States', 'Pyongyang', 'Moscow']],
    ['2023-01', ['Andrey Rudenko', 'TASS']],
  ])('dates the event of %s with its entities', (date, participants) => {
    const events = pack.events.filter((event) => event.date === date);
    expect(events.length).toBeGreaterThan(0);
    const ids = new Set(events.flatMap((event) => event.entities));
    for (const participant of participants) expect(ids.has(named(participant).id), participant).toBe(true);
  });

  it('records every mention at offsets that spell an alias', () => {
    const text = pack.documents[0]!.text;
    const byId = new Map(pack.entities.map((entity) => [entity.id, entity]));
    for (const mention of pack.mentions) {
      const surface = foldAlias(text.slice(mention.start, mention.end));
      expect(byId.get(mention.entityId)!.aliases.map(foldAlias)).toContain(surface);
    }
    const korea = named('Corea del Nord');
    expect(pack.mentions.filter((mention) => mention.entityId === korea.id)).toHaveLength(text.split('Corea del Nord').length - 1);
  });

  it('gives the same ids on every run', () => {
    const again = ingestFiles([{ name: SOURCE, content: readFileSync(join(ROOT, 'corpus', SOURCE), 'utf8') }]).pack;
    expect(again.entities.map((entity) => entity.id)).toEqual(pack.entities.map((entity) => entity.id));
    expect(again.events.map((event) => event.id)).toEqual(pack.events.map((event) => event.id));
  });
});
