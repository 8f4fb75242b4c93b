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
    const { pack } = ingestFiles([
      { name: 'a.txt', content: 'Vertice a Oslo\n\nIl ministro Harriet Colby è arrivata a Oslo e poi in Norvegia.' },
      fixture('university.md'),
    ]);
    const norway = pack.entities.filter((entity) => entity.aliases.includes('Norway'));
    expect(norway).toHaveLength(1);
    expect(pack.entities.filter((entity) => entity.name === 'Harriet Colby')).toHaveLength(1);
    expect(pack.entities.filter((entity) => entity.name === 'Oslo')).toHaveLength(1);
  });
});
