/**
 * One stored document in full (the document view, `document.html?id=<id>#<start>-<end>`): its
 * title, date, address, language and text, with the knowledge base's entities in their types'
 * colours (the matcher pages use) and the sentence the address names marked and scrolled to.
 * Everything is rendered as text.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { readDocumentViewLocation } from '@/core/document-link';
import { formatPartialDate } from '@/core/format';
import { safeHref } from '@/core/markdown';
import { compileMatcher, loadMatcher, type DictionaryEntry } from '@/core/match';
import { t, uiLocale } from '@/services/i18n';
import { documentWithCollection, knowledgeDictionary } from '@/storage/knowledge';
import { database } from './database';
import { withEntities } from './EntityText';
import { useLive } from './hooks';
import { OptionsLink } from './OptionsLink';
import { StorageNotice } from './StorageNotice';

/** The address as it is now: the reader may follow another sentence's link into the same tab. */
function useDocumentLocation() {
  const [where, setWhere] = useState(() => readDocumentViewLocation(location.search, location.hash));
  useEffect(() => {
    const onHashChange = () => setWhere(readDocumentViewLocation(location.search, location.hash));
    addEventListener('hashchange', onHashChange);
    return () => removeEventListener('hashchange', onHashChange);
  }, []);
  return where;
}

export function DocumentView() {
  const db = database();
  const { documentId, sentence } = useDocumentLocation();
  const found = useLive(() => (documentId ? documentWithCollection(db, documentId) : Promise.resolve(null)), [documentId], undefined);
  // The whole knowledge base, read again when it changes, so what is highlighted follows additions and deletions.
  const dictionary = useLive(() => knowledgeDictionary(db), [], [] as DictionaryEntry[]);
  const text = found?.document.text ?? '';
  const spans = useMemo(() => (dictionary.length > 0 && text ? loadMatcher(compileMatcher(dictionary)).find(text) : []), [dictionary, text]);
  // A sentence outside the text (an address written by hand, a document that changed) marks nothing.
  const marked = sentence && sentence.end <= text.length ? sentence : undefined;
  const mark = useRef<HTMLElement>(null);
  useEffect(() => {
    mark.current?.scrollIntoView({ block: 'center' });
    mark.current?.focus({ preventScroll: true });
  }, [found?.document.id, marked?.start, marked?.end]);

  useEffect(() => {
    document.title = found ? `${found.document.title || found.document.source} – Contesto` : 'Contesto';
  }, [found]);

  if (found === undefined) return <p class="muted">{t('loading')}</p>;
  if (found === null)
    return (
      <main class="document-view">
        <StorageNotice />
        <p role="alert">{t('documentUnknown')}</p>
        <OptionsLink />
      </main>
    );
  const { document: shown, collection } = found;
  const href = shown.origin ? safeHref(shown.origin) : null;
  return (
    <main class="document-view">
      <StorageNotice />
      <article aria-labelledby="document-title" lang={shown.lang}>
        <h1 id="document-title">{shown.title || shown.source}</h1>
        <dl class="document-facts">
          {shown.date && <Fact label={t('collectionDate')}>{formatPartialDate(shown.date, uiLocale())}</Fact>}
          {shown.origin && (
            <Fact label={t('documentAddress')}>
              {href ? (
                <a href={href} target="_blank" rel="noopener noreferrer">
                  {shown.origin}
                </a>
              ) : (
                shown.origin
              )}
            </Fact>
          )}
          {shown.lang && <Fact label={t('collectionLanguage')}>{shown.lang}</Fact>}
          <Fact label={t('documentFile')}>{shown.source}</Fact>
          {collection && <Fact label={t('documentCollection')}>{collection}</Fact>}
        </dl>
        <div class="document-text">
          {marked ? (
            <>
              {withEntities(text, spans, 0, marked.start)}
              <mark class="sentence" ref={mark} tabIndex={-1} aria-label={t('documentSentence')}>
                {withEntities(text, spans, marked.start, marked.end)}
              </mark>
              {withEntities(text, spans, marked.end)}
            </>
          ) : (
            withEntities(text, spans)
          )}
        </div>
      </article>
    </main>
  );
}

function Fact({ label, children }: { label: string; children: preact.ComponentChildren }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
