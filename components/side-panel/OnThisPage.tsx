/** The entities on the tab the panel describes, by type, with their counts; follows the page as it changes. */
import { useEffect, useState } from 'preact/hooks';
import type { PageReport } from '@/core/messages';
import { pageTitle } from '@/core/notes';
import { ENTITY_TYPES, type EntityType } from '@/core/pack';
import { pageUrl } from '@/core/page-url';
import { onBroadcast } from '@/services/broadcast';
import { askTab } from '@/services/tab-rpc';
import { entityNames } from '@/storage/knowledge';
import { notesOnPage } from '@/storage/notes';
import { database } from '../database';
import { useLive, type DescribedTab } from '../hooks';
import { t, tCount } from '@/services/i18n';
import { OptionsLink } from '../OptionsLink';
import { NotesSection } from './NotesSection';

type Report = { status: 'loading' } | { status: 'off' } | { status: 'unavailable' } | { status: 'ready'; report: PageReport };

export function OnThisPage({ tab, onOpenEntity }: { tab: DescribedTab | undefined; onOpenEntity(entityId: string): void }) {
  const db = database();
  const [state, setState] = useState<Report>({ status: 'loading' });
  const tabId = tab?.id;

  useEffect(() => {
    if (tabId === undefined) return;
    const load = () =>
      askTab(tabId, 'tab/page-report', {}).then(
        (report) => setState(report ? { status: 'ready', report } : { status: 'off' }),
        () => setState({ status: 'unavailable' }),
      );
    // The background passes on the news of every tab whose highlights change; only this tab's matters here.
    const stop = onBroadcast(({ broadcast, payload }) => {
      if (broadcast === 'page/changed' && payload.tabId === tabId) void load();
    });
    void load();
    return stop;
  }, [tabId, tab?.url, tab?.status]);

  const rows = state.status === 'ready' ? state.report.entities : [];
  const names = useLive(
    () =>
      entityNames(
        db,
        rows.map((row) => row.entityId),
      ),
    [rows.map((row) => row.entityId).join('\n')],
    new Map<string, string>(),
  );
  const url = tab?.url && /^https?:/.test(tab.url) ? pageUrl(tab.url) : undefined;

  return (
    <section aria-labelledby="on-this-page">
      <h2 id="on-this-page">{t('viewOnThisPage')}</h2>
      {state.status === 'loading' && <p class="muted">{t('loading')}</p>}
      {state.status === 'off' && <p class="muted">{t('pageOff')}</p>}
      {state.status === 'unavailable' && <p class="muted">{t('pageUnavailable')}</p>}
      {state.status === 'ready' && rows.length === 0 && (
        <p class="muted">
          {t('pageNoEntities')} {t('pageNoEntitiesNext')} <OptionsLink label={t('addDocuments')} />
        </p>
      )}
      {ENTITY_TYPES.map((type) => {
        const ofType = rows.filter((row) => row.type === type);
        return ofType.length > 0 && <EntityGroup key={type} type={type} rows={ofType} names={names} tabId={tabId!} onOpenEntity={onOpenEntity} />;
      })}
      {url && <PageNotes url={url} title={tab?.title} />}
    </section>
  );
}

function EntityGroup({ type, rows, names, tabId, onOpenEntity }: { type: EntityType; rows: PageReport['entities']; names: Map<string, string>; tabId: number; onOpenEntity(entityId: string): void }) {
  return (
    <section class="entity-group" aria-labelledby={`group-${type}`}>
      <h3 id={`group-${type}`}>{t(`type_${type}`)}</h3>
      <ul class="entity-rows">
        {rows.map(({ entityId, count }) => {
          const name = names.get(entityId) ?? entityId;
          return (
            <li key={entityId} class={`type-${type}`} data-entity-id={entityId}>
              <button type="button" class="entity-name" title={t('showOnPage')} aria-label={t('showOnPageNamed', name)} onClick={() => void askTab(tabId, 'tab/reveal', { entityId })}>
                {name}
              </button>
              <span class="count">
                {count}
                <span class="sr-only"> {tCount('occurrences', count)}</span>
              </span>
              <button type="button" class="details" aria-label={t('detailsAbout', name)} onClick={() => onOpenEntity(entityId)}>
                {t('details')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The reader's notes on this page (the page itself and selections in it), and a new one, which keeps the tab's title. */
function PageNotes({ url, title }: { url: string; title?: string }) {
  const db = database();
  const notes = useLive(() => notesOnPage(db, url), [url], []);
  return (
    <NotesSection
      id="page-notes"
      title={t('notesOnPage')}
      target={{ kind: 'page', url, ...pageTitle(title, url) }}
      addLabel={t('noteOnPage')}
      editorLabel={t('noteOnPage')}
      notes={notes}
      entityName={() => undefined}
    />
  );
}
