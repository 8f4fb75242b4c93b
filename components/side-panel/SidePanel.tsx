/**
 * The side panel: the entities on the page the reader is on, one entity in depth, search and the
 * timeline of the whole knowledge base, and the editor for a note on a selection.
 */
import { useEffect, useState } from 'preact/hooks';
import { useDescribedTab, useLive } from '../hooks';
import { database } from '../database';
import { StorageNotice } from '../StorageNotice';
import { t } from '@/services/i18n';
import { readNoteDraft } from '@/storage/notes';
import { readPageAddRequest, readSidePanelFocus } from '@/storage/settings';
import type { ImportWorker } from '../archive/Archive';
import { AddPage } from '../AddPage';
import { OptionsLink } from '../OptionsLink';
import { DraftEditor } from './DraftEditor';
import { EntityView } from './EntityView';
import { OnThisPage } from './OnThisPage';
import { SearchView } from './SearchView';
import { TimelineView } from './TimelineView';

type View = 'page' | 'search' | 'timeline';
const VIEWS: View[] = ['page', 'search', 'timeline'];
const VIEW_LABELS: Record<View, string> = { page: 'viewOnThisPage', search: 'viewSearch', timeline: 'viewTimeline' };
/** A focus or add-page request this recent when the panel opens is the one that opened it. */
const FOCUS_FRESH_MS = 10_000;

/** `createImportWorker` reads the page when the context menu or the shortcut asks to add it (entrypoints/options/import-worker.ts). */
export function SidePanel({ createImportWorker }: { createImportWorker: () => ImportWorker }) {
  const db = database();
  const tab = useDescribedTab();
  const [view, setView] = useState<View>('page');
  /** Entities opened, most recent last: the back button walks it. */
  const [trail, setTrail] = useState<string[]>([]);
  const [mountedAt] = useState(Date.now);
  const focus = useLive(() => readSidePanelFocus(db), [], undefined);
  const draft = useLive(() => readNoteDraft(db), [], undefined);
  const addRequest = useLive(() => readPageAddRequest(db), [], undefined);
  const addRequested = addRequest && addRequest.tabId === tab?.id && addRequest.at > mountedAt - FOCUS_FRESH_MS ? addRequest.at : undefined;

  useEffect(() => {
    if (focus && focus.at > mountedAt - FOCUS_FRESH_MS) setTrail((current) => [...current, focus.entityId]);
  }, [focus?.at]);

  const openEntity = (entityId: string) => setTrail((current) => [...current, entityId]);
  const entityId = trail.at(-1);

  return (
    <main class="panel">
      <header class="panel-head">
        <h1>Contesto</h1>
        <OptionsLink />
        <nav aria-label={t('sidePanelSections')}>
          {VIEWS.map((name) => (
            <button
              key={name}
              type="button"
              aria-current={!entityId && view === name ? 'page' : undefined}
              onClick={() => {
                setView(name);
                setTrail([]);
              }}
            >
              {t(VIEW_LABELS[name])}
            </button>
          ))}
        </nav>
      </header>
      <StorageNotice />
      {addRequested !== undefined && <AddPage tab={tab} createWorker={createImportWorker} requestedAt={addRequested} />}
      {draft && <DraftEditor draft={draft} />}
      {entityId ? (
        <EntityView key={entityId} entityId={entityId} onOpenEntity={openEntity} onBack={() => setTrail((current) => current.slice(0, -1))} />
      ) : view === 'page' ? (
        <OnThisPage tab={tab} onOpenEntity={openEntity} />
      ) : view === 'search' ? (
        <SearchView onOpenEntity={openEntity} />
      ) : (
        <TimelineView onOpenEntity={openEntity} />
      )}
    </main>
  );
}
