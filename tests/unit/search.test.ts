import { describe, expect, it } from 'vitest';
import { buildSearchIndex } from '@/core/search';

const index = buildSearchIndex({
  entities: [
    { id: 'nk', name: 'North Korea', type: 'place', aliases: ['North Korea', 'Corea del Nord', 'Corée du Nord'] },
    { id: 'kirby', name: 'John Kirby', type: 'person', aliases: ['John Kirby', 'Kirby'] },
    { id: 'vlad', name: 'Vladivostok', type: 'place', aliases: ['Vladivostok'] },
  ],
  events: [{ id: 'e1', date: '2022-07-13', summary: 'La Corea del Nord ha riconosciuto Donetsk e Lugansk.' }],
  documents: [{ id: 'd1', title: 'Kim Jong-un e Vladimir Putin sempre più vicini', date: '2023-01', text: 'Il viceministro degli Esteri russo Andrey Rudenko…' }],
});

const names = (query: string) => index.search(query).entities.map((e) => e.name);

describe('searching the knowledge base', () => {
  it('finds entities by any alias, whatever the case and accents', () => {
    expect(names('corea')).toEqual(['North Korea']);
    expect(names('COREE')).toEqual(['North Korea']);
    expect(names('kirby')).toEqual(['John Kirby']);
  });

  it('matches prefixes and small typos', () => {
    expect(names('vladi')).toEqual(['Vladivostok']);
    expect(names('Vladivostk')).toEqual(['Vladivostok']);
  });

  it('finds events and documents by their words', () => {
    expect(index.search('lugansk').events.map((e) => e.id)).toEqual(['e1']);
    expect(index.search('putin vicini').documents.map((d) => d.id)).toEqual(['d1']);
    expect(index.search('rudenko').documents.map((d) => d.id)).toEqual(['d1']);
    expect(index.search('   ')).toEqual({ entities: [], events: [], documents: [] });
  });
});
