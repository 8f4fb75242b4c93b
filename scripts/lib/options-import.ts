/**
 * Drives an import in the built extension's options page as a reader does it: files chosen with
 * the file picker, a collection name, *Add to my knowledge base*, then the summary. Timed from the
 * click to the end (reading in the worker, building the pack, storing it through the background),
 * with the longest task on the options page's main thread meanwhile (PerformanceObserver, long
 * tasks). For `npm run measure:import` and the scale benchmark.
 */
import type { ChromiumWithExtension } from './browsers';

export interface OptionsImport {
  seconds: number;
  added: number;
  duplicates: number;
  failed: number;
  /** Longest task on the page's main thread from the click on Add to the end; 0 when none passed 50 ms. */
  longestTaskMs: number;
  /** Longest task while the page took the chosen files in, before the click, and how long of it the page's own change handler ran. */
  chooseLongestTaskMs: number;
  chooseHandlerMs: number;
  /** Where the time went, as the page shows it: reading the files, building the pack (every file read), storing it (*Saving…*). */
  phases?: { readingS: number; buildingS: number; storingS: number };
  /** What the page said went wrong (storing refused, the worker failed), or that the import did not end in time. */
  errors: string[];
  /** The progress line when the import did not end in time. */
  progress?: string;
}

interface Window {
  longest: number;
  handler: number;
  /** performance.now() when each phase was first seen. */
  seen: { building?: number; storing?: number; ended?: number };
}

/** Waits at most `timeoutMs` for the import to end; the page is closed either way. */
export async function importInOptionsPage(chromium: ChromiumWithExtension, paths: string[], { label = 'Measured', timeoutMs = 600_000 } = {}): Promise<OptionsImport> {
  const options = await chromium.context.newPage();
  try {
    await options.goto(`chrome-extension://${chromium.extensionId}/options.html`);
    await options.evaluate(() => {
      const state = window as unknown as Window;
      state.longest = 0;
      state.seen = {};
      state.handler = 0;
      // Listeners on the window before (capture) and after (bubble) the input's own: the page's part of choosing the files.
      let changeAt = 0;
      window.addEventListener('change', () => (changeAt = performance.now()), true);
      window.addEventListener('change', () => (state.handler = Math.max(state.handler, performance.now() - changeAt)));
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) state.longest = Math.max(state.longest, entry.duration);
      }).observe({ type: 'longtask' });
      // The progress line's text changes with every file and phase; the bar is full once every file is read, and gone while storing.
      new MutationObserver(() => {
        const bar = document.querySelector<HTMLProgressElement>('.progress progress');
        const busy = document.querySelector('form')?.getAttribute('aria-busy') === 'true';
        if (bar && bar.max > 0 && bar.value >= bar.max) state.seen.building ??= performance.now();
        if (busy && !bar) state.seen.storing ??= performance.now();
        if (!busy && state.seen.storing) state.seen.ended ??= performance.now();
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await options.getByLabel('Choose files').setInputFiles(paths);
    await options.getByLabel('Name for this collection').fill(label);
    // The import's longest task counts from here: choosing files is reported apart.
    const { chooseLongestTaskMs, chooseHandlerMs, clickedAt } = await options.evaluate(() => {
      const state = window as unknown as Window;
      const longest = state.longest;
      state.longest = 0;
      return { chooseLongestTaskMs: longest, chooseHandlerMs: state.handler, clickedAt: performance.now() };
    });
    const started = Date.now();
    await options.getByRole('button', { name: 'Add to my knowledge base' }).click();
    // Done when the form is no longer busy and the report says something: the summary, an error, or both.
    const ended = await options
      .waitForFunction(() => document.querySelector('form')?.getAttribute('aria-busy') === 'false' && !!document.querySelector('.report')?.textContent, null, { timeout: timeoutMs, polling: 1_000 })
      .then(
        () => true,
        () => false,
      );
    const seconds = (Date.now() - started) / 1000;
    const report = await options.evaluate(() => ({
      groups: [...document.querySelectorAll('.summary section')].map((section) => section.getAttribute('aria-label') ?? ''),
      errors: [...document.querySelectorAll('.report > .error')].map((error) => error.textContent ?? ''),
      progress: document.querySelector('.progress p')?.textContent ?? undefined,
      longest: (window as unknown as Window).longest,
      seen: (window as unknown as Window).seen,
    }));
    const { building, storing, ended: storedAt } = report.seen;
    // Each group is named with its count, "Added (10000)": the page may draw only the first rows of a long list.
    const count = (heading: RegExp) => Number(report.groups.find((name) => heading.test(name))?.match(/\((\d+)\)/)?.[1] ?? 0);
    return {
      seconds,
      added: count(/^Added/),
      duplicates: count(/^Skipped/),
      failed: count(/^Not added/),
      longestTaskMs: report.longest,
      chooseLongestTaskMs,
      chooseHandlerMs,
      ...(building && storing && storedAt && { phases: { readingS: (building - clickedAt) / 1000, buildingS: (storing - building) / 1000, storingS: (storedAt - storing) / 1000 } }),
      errors: ended ? report.errors : [...report.errors, `the import had not ended after ${Math.round(timeoutMs / 1000)} s`],
      ...(!ended && { progress: report.progress }),
    };
  } finally {
    await options.close();
  }
}
