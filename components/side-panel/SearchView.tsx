/** Search across the whole knowledge base: entities by any of their names, events, documents. */
import { useEffect, useState } from 'preact/hooks';
import { formatPartialDate } from '@/core/format';
import { buildSearchIndex, type KnowledgeIndex, type SearchResults } from '@/core/search';
import { database } from '../database';
import { t, uiLocale } from '../i18n';

/** Built once per panel and knowledge base (a few seconds for 10,000 documents, see scripts/search-bench.ts). */
let cached: { key: string; index: Promise<KnowledgeIndex> } | undefined;

async function knowledgeIndex(): Promise<KnowledgeIndex> {
  const db = database();
  const key = (await Promise.all([db.entities.count(), db.events.count(), db.documents.count()])).join(':');
  if (cached?.key !== key) {
    cached = {
      key,
      index: Promise.all([db.entities.toArray(), db.events.toArray(), db.documents.toArray()]).then(([entities, events, documents]) => buildSearchIndex({ entities, events, documents })),
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
    <section class="search" aria-labelledby="search-title">
      <h2 id="search-title">{t('viewSearch')}</h2>
      <form role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          <span>{t('searchLabel')}</span>
          <input type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} placeholder={t('searchPlaceholder')} autoFocus />
        </label>
      </form>
      <p class="muted" role="status">
        {!index ? t('searchPreparing') : results ? t('searchCount', String(total)) : ''}
      </p>
      {results && results.entities.length > 0 && (
        <section aria-labelledby="results-entities">
          <h3 id="results-entities">{t('resultsEntities')}</h3>
          <ul class="results">
            {results.entities.map((hit) => (
              <li key={hit.id} class={`type-${hit.type}`}>
                <button type="button" class="entity-name" onClick={() => onOpenEntity(hit.id)}>
                  {hit.name}
                </button>{' '}
                <span class={`type type-${hit.type}`}>{t(`type_${hit.type}`)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {results && results.events.length > 0 && (
        <section aria-labelledby="results-events">
          <h3 id="results-events">{t('resultsEvents')}</h3>
          <ul class="results">
            {results.events.map((hit) => (
              <li key={hit.id}>
                <time dateTime={hit.date}>{formatPartialDate(hit.date, locale)}</time> {hit.summary}
              </li>
            ))}
          </ul>
        </section>
      )}
      {results && results.documents.length > 0 && (
        <section aria-labelledby="results-documents">
          <h3 id="results-documents">{t('resultsDocuments')}</h3>
          <ul class="results">
            {results.documents.map((hit) => (
              <li key={hit.id}>
                {hit.title}
                {hit.date && ` · ${formatPartialDate(hit.date, locale)}`}
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
