/**
 * The popup's "Add this page": the article the reader is reading joins their documents, in the
 * collection "Pages I added". The page's content script hands over the page as it is now; the
 * import worker reads it as it reads any HTML file (Readability finds the article, its title and
 * date); the background stores it, and open tabs highlight its entities at once.
 */
import { useEffect, useState } from 'preact/hooks';
import { t } from '@/services/i18n';
import { askTab } from '@/services/tab-rpc';
import type { ImportWorker } from './archive/Archive';
import { packStager } from './archive/store-pack';
import type { DescribedTab } from './hooks';

type State = { step: 'idle' } | { step: 'adding' } | { step: 'done'; message: string };

/** The name the import reports the page by, and that tells it the file is HTML: the address without its scheme. */
export function pageFileName(url: string): string {
  const { hostname, pathname } = new URL(url);
  return `${hostname}${pathname.replace(/\/+$/, '').replace(/\.html?$/i, '')}.html`;
}

interface AddPageProps {
  tab: DescribedTab | undefined;
  createWorker: () => ImportWorker;
  /** When the context menu or the shortcut asked for the page (the side panel): the page is added at once, once per request. */
  requestedAt?: number;
}

export function AddPage({ tab, createWorker, requestedAt }: AddPageProps) {
  const [state, setState] = useState<State>({ step: 'idle' });
  const tabId = tab?.url && /^https?:/.test(tab.url) ? tab.id : undefined;
  const addable = tabId !== undefined;
  useEffect(() => {
    if (addable && requestedAt !== undefined) void add();
  }, [addable, requestedAt]);
  if (!addable) return null;

  async function add() {
    if (tabId === undefined) return;
    setState({ step: 'adding' });
    try {
      const page = await askTab(tabId, 'tab/page-html', {});
      const name = pageFileName(page.url);
      const stager = packStager();
      const { summary } = await createWorker().start([{ name, file: new File([page.html], name, { type: 'text/html' }) }], () => {}, stager.stage);
      const [failed] = await stager.store(t('pagesIAdded'));
      if (failed) throw new Error(failed);
      const [added] = summary.added;
      const message = added ? t('pageAdded', added.title, t('pagesIAdded')) : summary.duplicates.length > 0 ? t('pageAlreadyAdded') : t('pageNotAdded', summary.failed[0]?.reason ?? '');
      setState({ step: 'done', message });
    } catch (error) {
      setState({ step: 'done', message: t('pageNotAdded', error instanceof Error ? error.message : String(error)) });
    }
  }

  return (
    <section class="add-page" aria-label={t('addThisPage')}>
      <button type="button" disabled={state.step === 'adding'} onClick={() => void add()}>
        {state.step === 'adding' ? t('addingThisPage') : t('addThisPage')}
      </button>
      {state.step === 'done' && <p role="status">{state.message}</p>}
    </section>
  );
}
