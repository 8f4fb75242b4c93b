/** Search across the whole knowledge base: entities by any of their names, events, documents. */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { formatPartialDate } from '@/core/format';
import { buildSearchIndex, type KnowledgeIndex, type SearchResults } from '@/core/search';
import { allKnowledge, knowledgeCounts } from '@/storage/knowledge';
import { database } from '../database';
import { t, tCount, uiLocale } from '@/services/i18n';
import { Section } from '../Section';

/** Built once per panel and knowledge base (a few seconds for 10,000 documents, see scripts/search-bench.ts). */
let cached: { key: string; index: Promise<KnowledgeIndex> } | undefined;

async function knowledgeIndex(): Promise<KnowledgeIndex> {
  const db = database();
  const { entities, events, documents } = await knowledgeCounts(db);
  const key = `${entities}:${events}:${documents}`;
  if (cached?.key !== key) {
    cached = {
      key,
      index: allKnowledge(db).then(buildSearchIndex),
    };
  }
  return cached.index;
}

export function SearchView({ onOpenEntity }: { onOpenEntity(entityId: string): void }) {
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState<KnowledgeIndex>();
  const [results, setResults] = useState<SearchResults>();
  const locale = uiLocale();

  useEffect(() => {
    void knowledgeIndex().then(setIndex);
  }, []);
  useEffect(() => {
    setResults(index && query.trim() ? index.search(query) : undefined);
  }, [index, query]);

  const total = results ? results.entities.length + results.events.length + results.documents.length : 0;
  return (
    <Section id="search-title" title={t('viewSearch')} level={2} class="search">
      <form role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          <span>{t('searchLabel')}</span>
          <input type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} placeholder={t('searchPlaceholder')} autoFocus />
        </label>
      </form>
      <p class="muted" role="status">
        {!index ? t('searchPreparing') : results ? tCount('countResults', total) : ''}
      </p>
      {results && (
        <>
          <Hits id="results-entities" title={t('resultsEntities')} hits={results.entities} kind={(hit) => `type-${hit.type}`}>
            {(hit) => (
              <>
                <button type="button" class="entity-name" onClick={() => onOpenEntity(hit.id)}>
                  {hit.name}
                </button>{' '}
                <span class={`type type-${hit.type}`}>{t(`type_${hit.type}`)}</span>
              </>
            )}
          </Hits>
          <Hits id="results-events" title={t('resultsEvents')} hits={results.events}>
            {(hit) => (
              <>
                <time dateTime={hit.date}>{formatPartialDate(hit.date, locale)}</time> {hit.summary}
              </>
            )}
          </Hits>
          <Hits id="results-documents" title={t('resultsDocuments')} hits={results.documents}>
            {(hit) => `${hit.title}${hit.date ? ` · ${formatPartialDate(hit.date, locale)}` : ''}`}
          </Hits>
        </>
      )}
    </Section>
  );
}

/** One kind of result under its heading; nothing when there is none. */
function Hits<T extends { id: string }>({ id, title, hits, kind, children }: { id: string; title: string; hits: T[]; kind?(hit: T): string; children(hit: T): ComponentChildren }) {
  if (hits.length === 0) return null;
  return (
    <Section id={id} title={title}>
      <ul class="results">
        {hits.map((hit) => (
          <li key={hit.id} class={kind?.(hit)}>
            {children(hit)}
          </li>
        ))}
      </ul>
    </Section>
  );
}
