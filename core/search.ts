/**
 * Search across the whole knowledge base: entities by any alias, events, documents. One
 * MiniSearch index; terms are folded like aliases (case and accents), matched by prefix and,
 * for longer words, fuzzily.
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import type { EntityType } from './pack';
import { foldAlias } from './normalize';

export interface SearchableKnowledge {
  entities: { id: string; name: string; type: EntityType; aliases: string[]; description?: string }[];
  events: { id: string; date: string; summary: string }[];
  documents: { id: string; title: string; date?: string; text: string }[];
}

export type SearchHit =
  | { kind: 'entity'; id: string; name: string; type: EntityType; score: number }
  | { kind: 'event'; id: string; date: string; summary: string; score: number }
  | { kind: 'document'; id: string; title: string; date?: string; score: number };

export interface SearchResults {
  entities: Extract<SearchHit, { kind: 'entity' }>[];
  events: Extract<SearchHit, { kind: 'event' }>[];
  documents: Extract<SearchHit, { kind: 'document' }>[];
}

interface Row {
  key: string;
  kind: SearchHit['kind'];
  id: string;
  name?: string;
  type?: EntityType;
  aliases?: string;
  description?: string;
  date?: string;
  summary?: string;
  title?: string;
  text?: string;
}

const FIELDS = ['name', 'aliases', 'description', 'summary', 'title', 'text'] as const;

export interface KnowledgeIndex {
  search(query: string, limitPerKind?: number): SearchResults;
}

/**
 * How much of a document's text is indexed besides its title: the opening, where news puts the
 * who, what and where. Indexing all of it was measured too slow to build and too big to keep
 * for 10,000 documents (scripts/search-bench.ts); the rest of a document is reached through
 * its entities and events.
 */
export const INDEXED_DOCUMENT_TEXT = 500;

export function buildSearchIndex(knowledge: SearchableKnowledge): KnowledgeIndex {
  const index = new MiniSearch<Row>({
    idField: 'key',
    fields: [...FIELDS],
    storeFields: ['kind', 'id', 'name', 'type', 'date', 'summary', 'title'],
    processTerm: (term) => foldAlias(term) || null,
    searchOptions: {
      boost: { name: 4, aliases: 3, title: 2, summary: 1.5 },
      prefix: true,
      fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
      combineWith: 'AND',
    },
  });
  index.addAll([
    ...knowledge.entities.map((e): Row => ({ key: `entity:${e.id}`, kind: 'entity', id: e.id, name: e.name, type: e.type, aliases: e.aliases.join(' · '), description: e.description })),
    ...knowledge.events.map((e): Row => ({ key: `event:${e.id}`, kind: 'event', id: e.id, date: e.date, summary: e.summary })),
    ...knowledge.documents.map((d): Row => ({ key: `document:${d.id}`, kind: 'document', id: d.id, title: d.title, date: d.date, text: d.text.slice(0, INDEXED_DOCUMENT_TEXT) })),
  ]);

  return {
    search(query, limitPerKind = 20) {
      const results: SearchResults = { entities: [], events: [], documents: [] };
      if (!query.trim()) return results;
      for (const hit of index.search(query) as (SearchResult & Row)[]) {
        const { id, score } = hit;
        if (hit.kind === 'entity' && results.entities.length < limitPerKind) results.entities.push({ kind: 'entity', id, name: hit.name!, type: hit.type!, score });
        if (hit.kind === 'event' && results.events.length < limitPerKind) results.events.push({ kind: 'event', id, date: hit.date!, summary: hit.summary!, score });
        if (hit.kind === 'document' && results.documents.length < limitPerKind) results.documents.push({ kind: 'document', id, title: hit.title!, date: hit.date, score });
      }
      return results;
    },
  };
}
