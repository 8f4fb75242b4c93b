/** Hooks the extension pages share: live reads of the database, and the tab they describe. */
import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';
import { browser, type Browser } from 'wxt/browser';
import { readerLanguages } from '@/core/names';
import { t, uiLocale } from '@/services/i18n';
import { storageFailureMessage } from '@/services/storage-messages';
import { readSettings } from '@/storage/settings';
import { database, pageDatabaseGate } from './database';

/** A Dexie live query as state: re-runs whenever the tables it read change. */
export function useLive<T>(query: () => Promise<T>, deps: unknown[], initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({ next: setValue, error: (error) => console.error(error) });
    return () => subscription.unsubscribe();
  }, deps);
  return value;
}

export type DescribedTab = Pick<Browser.tabs.Tab, 'id' | 'url' | 'title' | 'status'>;

/**
 * The tab a side panel or popup is about: `?tab=<id>` when given (tests open the page as a tab
 * of its own), otherwise the active tab of the window, followed as the reader switches tabs and
 * as the tab loads new pages.
 */
export function useDescribedTab(): DescribedTab | undefined {
  const [tab, setTab] = useState<DescribedTab>();
  useEffect(() => {
    const fixed = Number(new URLSearchParams(location.search).get('tab')) || undefined;
    let current: number | undefined;
    const load = async () => {
      const found = fixed !== undefined ? await browser.tabs.get(fixed) : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
      current = found?.id;
      setTab(found && { id: found.id, url: found.url, title: found.title, status: found.status });
    };
    const onActivated = () => void load();
    const onUpdated = (tabId: number) => {
      if (tabId === current) void load();
    };
    void load();
    if (fixed === undefined) browser.tabs.onActivated.addListener(onActivated);
    browser.tabs.onUpdated.addListener(onUpdated);
    return () => {
      browser.tabs.onActivated.removeListener(onActivated);
      browser.tabs.onUpdated.removeListener(onUpdated);
    };
  }, []);
  return tab;
}

/** The reader's languages (their settings, else the interface language), to choose entities' names by (core/names.ts). */
export function useReaderLanguages(): string[] {
  const languages = useLive(() => readSettings(database()).then((settings) => settings.languages), [], []);
  return readerLanguages(languages, uiLocale());
}

/**
 * Why the page cannot read the database, or undefined when it can. A blocked upgrade is reported
 * at once and cleared when the older copy lets go; a database that does not open stays reported.
 */
export function useStorageProblem(): string | undefined {
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    let live = true;
    const gate = pageDatabaseGate();
    gate.ready().catch((error: unknown) => {
      if (!live) return;
      setProblem(storageFailureMessage(error) ?? t('storageUnavailable'));
      if (gate.blocked)
        void gate.opened().then(
          () => live && setProblem(undefined),
          () => {},
        );
    });
    return () => {
      live = false;
    };
  }, []);
  return problem;
}
