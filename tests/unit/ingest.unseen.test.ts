import { describe, expect, it } from 'vitest';
import { fixture, ingestFiles, typedNames } from '../fixtures/ingest/helpers';

// Documents the rules have never seen, on other topics; none of their names is in the thesaurus.
describe('unseen documents', () => {
  it('finds the people, places and organisations of an Italian article', () => {
    const { pack, failures } = ingestFiles([fixture('sindaco.txt')]);
    expect(failures).toEqual([]);
    expect(typedNames(pack)).toEqual(
      [
        'person Giorgio Ferrandi',
        'person Marta Bellini',
        'person Paolo Vitali',
        'organization Gruppo Orobica',
        'organization Università di Bergamo',
        'organization Fondazione Valcarenghi',
        'organization Politecnico di Milano',
        'place Bergamo',
        'place Dalmine',
        'place Città Alta',
        'place Treviglio',
      ].sort(),
    );
    const ferrandi = pack.entities.find((entity) => entity.name === 'Giorgio Ferrandi')!;
    expect(ferrandi.aliases).toEqual(['Giorgio Ferrandi', 'Ferrandi']);
    expect(ferrandi.description).toBe('sindaco di Bergamo');
    expect(pack.entities.find((entity) => entity.name === 'Marta Bellini')!.description).toBe('amministratrice delegata del Gruppo Orobica');
    expect(pack.events.map((event) => event.date).sort()).toEqual(['2021-11', '2022-04-04', '2024-03-11', '2026']);
  });

  it('finds the people, places and organisations of an English article', () => {
    const { pack, failures } = ingestFiles([fixture('university.md')]);
    expect(failures).toEqual([]);
    expect(pack.documents[0]).toMatchObject({ title: 'New climate research centre opens in Leeds with Norwegian partners', date: '2023-11-20', lang: 'en' });
    expect(typedNames(pack)).toEqual(
      [
        'person Harriet Colby',
        'person Samuel Okafor',
        'person Priya Nandakumar',
        'organization University of Leeds',
        'organization Norwegian Research Council',
        'organization Delft University of Technology',
        'organization Aldercroft Foundation',
        'place Leeds',
        'place Bergen',
        'place Yorkshire',
        'place Norway',
        'place Oslo',
        'place Kenya',
        'place Bangladesh',
      ].sort(),
    );
    const norway = pack.entities.find((entity) => entity.name === 'Norway')!;
    expect(norway.aliases).toEqual(expect.arrayContaining(['Norvegia', 'Norwegen', 'Norge']));
    expect(pack.events.map((event) => event.date).sort()).toEqual(['2021-03', '2023-11-20', '2023-11-20', '2024-09']);
  });

  it('merges one entity across documents and languages', () => {
    const { pack } = ingestFiles([{ name: 'a.txt', content: 'Vertice a Oslo\n\nIl ministro Harriet Colby è arrivata a Oslo e poi in Norvegia.' }, fixture('university.md')]);
    const norway = pack.entities.filter((entity) => entity.aliases.includes('Norway'));
    expect(norway).toHaveLength(1);
    expect(pack.entities.filter((entity) => entity.name === 'Harriet Colby')).toHaveLength(1);
    expect(pack.entities.filter((entity) => entity.name === 'Oslo')).toHaveLength(1);
  });
});

describe('one entity per thing across documents and languages', () => {
  it('gives one entity for each person and place an Italian and an English document share, with both languages’ names', () => {
    const { pack, failures } = ingestFiles([
      {
        name: 'it.txt',
        content: 'date 2024-03-02\nVertice a Varsavia\n\nIl presidente degli Stati Uniti, Joe Biden, ha incontrato a Varsavia il premier polacco Donald Tusk. Gli Usa promettono aiuti alla Polonia.',
      },
      { name: 'en.txt', content: 'date 2024-03-03\nSummit in Warsaw\n\nUS President Joe Biden met Polish Prime Minister Donald Tusk in Warsaw on Saturday. The United States pledged aid to Poland.' },
    ]);
    expect(failures).toEqual([]);
    const named = (alias: string) => pack.entities.filter((entity) => entity.aliases.includes(alias));
    for (const alias of ['Joe Biden', 'Donald Tusk', 'Polonia', 'Stati Uniti', 'Usa', 'Varsavia']) expect(named(alias)).toHaveLength(1);
    expect(named('Varsavia')[0]!.aliases).toContain('Warsaw');
    expect(named('Usa')[0]!.aliases).toEqual(expect.arrayContaining(['United States', 'US']));
    expect(named('Polonia')[0]!.aliases).toContain('Poland');
    expect(named('Joe Biden')[0]!.type).toBe('person');
  });

  it('skips a copied document and names it in the report', () => {
    const original = fixture('sindaco.txt');
    const { pack, failures } = ingestFiles([original, { ...original, name: 'copia di sindaco.txt' }]);
    expect(pack.documents).toHaveLength(1);
    expect(failures).toEqual([{ source: 'sindaco.txt', message: 'sindaco.txt: same text as copia di sindaco.txt; skipped.', duplicateOf: 'copia di sindaco.txt' }]);
  });
});
