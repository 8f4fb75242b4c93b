import { describe, expect, it } from 'vitest';
import { filterNotes } from '@/core/note-filter';
import type { NoteRecord } from '@/core/web-annotation';

const note = (id: string, target: NoteRecord['target'], body: string, tags: string[] = []) => ({
  id,
  target,
  body,
  tags,
  created: '',
  updated: '',
  url: target.kind === 'entity' ? undefined : target.url,
});
const notes = [
  note('kim', { kind: 'entity', entityId: 'kim' }, 'Incontro a Vladivostok', ['summit']),
  note('page', { kind: 'page', url: 'https://news.example/a', title: 'Il vertice di Vladivostok — Notizie' }, 'Articolo da verificare', ['verifica']),
  note(
    'quote',
    {
      kind: 'selection',
      url: 'https://news.example/a',
      quote: { type: 'TextQuoteSelector', exact: 'Città di Mosca', prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start: 0, end: 14 },
    },
    '',
    ['verifica', 'mosca'],
  ),
];
const ids = (filter: Parameters<typeof filterNotes>[1]) => filterNotes(notes, filter, (id) => (id === 'kim' ? 'Kim Jong-un' : undefined)).map((n) => n.id);

describe('finding notes', () => {
  it("searches the body, the quote, the page's title and address and the entity name, without case or accents", () => {
    expect(ids({ query: 'vladivostok' })).toEqual(['kim', 'page']);
    expect(ids({ query: 'vertice news.example' })).toEqual(['page']);
    expect(ids({ query: 'citta mosca' })).toEqual(['quote']);
    expect(ids({ query: 'KIM' })).toEqual(['kim']);
  });

  it('finds #tags and filters by entity, page and tag', () => {
    expect(ids({ query: '#verif' })).toEqual(['page', 'quote']);
    expect(ids({ entityId: 'kim' })).toEqual(['kim']);
    expect(ids({ url: 'https://news.example/a' })).toEqual(['page', 'quote']);
    expect(ids({ tag: 'mosca' })).toEqual(['quote']);
    expect(ids({ tag: 'verifica', query: 'articolo' })).toEqual(['page']);
  });
});
