/**
 * `npm run bench -- --scale`: Contesto with a reader's knowledge base of 10,000 documents.
 *   npm run build && npx tsx scripts/bench-scale.ts [--documents 10000] [--folder <dir>] [--pages <dir>] [--out bench/scale.md] [--import-timeout 900]
 * Each step is reported even when it falls short or fails, and the next one runs:
 *  1. the corpus: documents made from real pages with a fixed seed (scripts/lib/scale-corpus.ts), written as .txt files;
 *  2. CLI ingestion: the folder read and ingested as `npm run kb` does it (documents/s); its pack is kept for step 7;
 *  3. import in the options page (scripts/lib/options-import.ts) of the whole folder at once: documents/s and the page's
 *     longest task (what it stored is what the next steps measure);
 *  4. the store's size: the extension's IndexedDB folder in the profile, and navigator.storage.estimate();
 *  5. side-panel search: the index built on first search, then queries typed into the search field;
 *  6. popover look-up: the request a card makes (entity/card), sent from the content script on the largest real page;
 *  7. the highlight pass on that page with the pack's dictionary (scripts/bench.ts).
 */
import { existsSync, readdirSync } from 'node:fs';
import { copyFile, cp, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import type { Pack } from '../core/pack';
import { DATABASE_NAME } from '../storage/database-name';
import { inContentScript, settledHighlightCount, waitForHighlights } from '../tests/e2e/page-probes';
import type { BenchJson } from './bench';
import { BENCH_HEADERS, OFFLINE_ARGS, defaultPagesDir, median, percentile } from './lib/bench-pages';
import { CHROME_BUILD, launchChromium, type ChromiumWithExtension } from './lib/browsers';
import { corpusThesaurus, readCorpus } from './lib/corpus-folder';
import { importInOptionsPage, type OptionsImport } from './lib/options-import';
import { ingestInParallel } from './lib/parallel-ingest';
import { runScript } from './lib/run-script';
import { SCALE_SEED, documentText, scaleCorpus, scaleSources, writeScaleCorpus } from './lib/scale-corpus';
import { serveStatic } from './lib/serve';

const ROOT = resolve(import.meta.dirname, '..');

const TARGETS = { cliPerSecond: 200, importPerSecond: 50, importLongestTaskMs: 50, searchMedianMs: 50, cardMedianMs: 20, oursOverFloor: 3, markOverOurs: 10, highlightLongestTaskMs: 50 };
const SEARCH_ROUNDS = 3;
const CARD_ROUNDS = 3;

const { values } = parseArgs({
  options: {
    documents: { type: 'string', default: '10000' },
    folder: { type: 'string' },
    pages: { type: 'string' },
    out: { type: 'string', default: 'bench/scale.md' },
    'import-timeout': { type: 'string', default: '900' },
  },
});
const documentCount = Number(values.documents);
const importTimeoutMs = Number(values['import-timeout']) * 1000;
if (!(Number.isInteger(documentCount) && documentCount > 0 && importTimeoutMs > 0)) throw new Error('--documents takes a whole number ≥ 1 and --import-timeout a number of seconds');

const started = performance.now();
const log = (message: string) => process.stderr.write(`[bench:scale ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}\n`);
const failure = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
const count = (value: number) => value.toLocaleString('en-US');
const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));
const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const verdict = (met: boolean) => (met ? '**met**' : '**not met**');

// ---------------------------------------------------------------- 1. corpus

async function makeCorpus(work: string) {
  const folder = resolve(values.folder ?? join(work, 'documents'));
  // The CLI step reads the whole folder: anything else in it would be counted.
  if (existsSync(folder) && readdirSync(folder).some((name) => !/^scale-\d+\.txt$/.test(name))) throw new Error(`${folder} holds other files: give an empty or new folder.`);
  const documents = scaleCorpus(scaleSources(), documentCount);
  const paths = await writeScaleCorpus(folder, documents);
  const sizes = documents.map((document) => documentText(document).length).sort((a, b) => a - b);
  const languages = new Map<string, number>();
  for (const document of documents) languages.set(document.lang, (languages.get(document.lang) ?? 0) + 1);
  return {
    folder,
    paths,
    characters: sizes.reduce((sum, size) => sum + size, 0),
    medianCharacters: Math.round(median(sizes)),
    titles: new Set(documents.map((document) => document.title)).size,
    languages: [...languages].sort(([, a], [, b]) => b - a),
  };
}

// ---------------------------------------------------------------- 2. CLI ingestion

/** The pack is written to `packPath` and let go: only its counts and the search queries made from it are kept. */
async function cliIngestion(folder: string, packPath: string) {
  const start = performance.now();
  const { inputs } = await readCorpus(folder);
  const { pack, failures } = await ingestInParallel(inputs, { thesaurus: await corpusThesaurus(folder) });
  const seconds = (performance.now() - start) / 1000;
  const json = JSON.stringify(pack);
  await writeFile(packPath, json);
  const { entities, events, mentions } = pack;
  return { seconds, entities: entities.length, events: events.length, mentions: mentions.length, failures: failures.length, packBytes: Buffer.byteLength(json), queries: searchQueries(pack) };
}

// ---------------------------------------------------------------- 3. import in the options page

async function importFolder(chromium: ChromiumWithExtension, paths: string[]): Promise<OptionsImport> {
  const whole = await importInOptionsPage(chromium, paths, { label: 'Scale', timeoutMs: importTimeoutMs });
  log(`whole folder: ${count(whole.added)} added in ${whole.seconds.toFixed(1)} s, longest task ${Math.round(whole.longestTaskMs)} ms${whole.errors.length ? `; ${whole.errors.join('; ')}` : ''}`);
  return whole;
}

/** Rows in each of the store's tables, read from an extension page as the store's own pages read it. */
async function storeCounts(chromium: ChromiumWithExtension): Promise<Record<string, number>> {
  const page = await chromium.context.newPage();
  try {
    await page.goto(`chrome-extension://${chromium.extensionId}/sidepanel.html`);
    return await page.evaluate(async (name) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const counts: Record<string, number> = {};
      for (const table of db.objectStoreNames) {
        counts[table] = await new Promise<number>((resolve, reject) => {
          const request = db.transaction(table).objectStore(table).count();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      }
      db.close();
      return counts;
    }, DATABASE_NAME);
  } finally {
    await page.close();
  }
}

// ---------------------------------------------------------------- 4. the store's size

async function storageUsage(chromium: ChromiumWithExtension): Promise<number> {
  const page = await chromium.context.newPage();
  try {
    await page.goto(`chrome-extension://${chromium.extensionId}/sidepanel.html`);
    return await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
  } finally {
    await page.close();
  }
}

/** Bytes of the extension origin's IndexedDB files in the profile (LevelDB and blobs). */
async function indexedDbBytes(profile: string, extensionId: string): Promise<number> {
  const root = join(profile, 'Default', 'IndexedDB');
  let bytes = 0;
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile() && relative(root, path).startsWith(`chrome-extension_${extensionId}_`)) bytes += (await stat(path)).size;
  }
  return bytes;
}

// ---------------------------------------------------------------- 5. side-panel search

interface Timed {
  query: string;
  inDomMs: number;
  paintedMs: number;
  status: string;
}

/** Names and words to search for, from the pack: entities from the most to the least mentioned, a prefix, a misspelling, words from common to rare. */
function searchQueries(pack: Pack): string[] {
  const mentions = new Map<string, number>();
  for (const mention of pack.mentions) mentions.set(mention.entityId, (mentions.get(mention.entityId) ?? 0) + 1);
  const names = [...new Set([...pack.entities].sort((a, b) => (mentions.get(b.id) ?? 0) - (mentions.get(a.id) ?? 0)).map((entity) => entity.name))].filter((name) => name.length >= 4);
  const documentsWith = new Map<string, number>();
  for (const document of pack.documents) for (const word of new Set(document.text.toLowerCase().match(/\p{L}{6,}/gu))) documentsWith.set(word, (documentsWith.get(word) ?? 0) + 1);
  const words = [...documentsWith].sort(([, a], [, b]) => b - a).map(([word]) => word);
  const at = <T>(items: T[], rank: number) => items[Math.min(rank, items.length - 1)]!;
  const misspelt = at(names, 5).length > 5 ? at(names, 5).slice(0, 2) + at(names, 5).slice(3) : at(names, 5);
  return [
    ...new Set([
      ...[0, 1, 2, 10, 100].map((rank) => at(names, rank)),
      names.at(-1)!,
      at(names, 3).slice(0, 4),
      misspelt,
      ...[0, 10, 100, 1000].map((rank) => at(words, rank)),
      `${at(words, 1)} ${at(words, 20)}`,
    ]),
  ];
}

async function sidePanelSearch(chromium: ChromiumWithExtension, queries: string[]) {
  const page = await chromium.context.newPage();
  try {
    await page.goto(`chrome-extension://${chromium.extensionId}/sidepanel.html`);
    await page.getByRole('button', { name: 'Search', exact: true }).waitFor();
    // From the click on Search to the field being ready: the store read and the index built.
    const buildMs = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const start = performance.now();
          const observer = new MutationObserver(() => {
            const status = document.querySelector('.search [role="status"]');
            if (status && status.textContent === '') {
              observer.disconnect();
              resolve(performance.now() - start);
            }
          });
          observer.observe(document.body, { childList: true, subtree: true, characterData: true });
          [...document.querySelectorAll('nav button')].find((button) => button.textContent === 'Search')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
        }),
    );
    const timed: Timed[] = [];
    for (let round = 0; round < SEARCH_ROUNDS; round++) {
      for (const query of queries) {
        await page.locator('.search input[type="search"]').fill('');
        await page.waitForFunction(() => document.querySelector('.search [role="status"]')?.textContent === '');
        timed.push({ query, ...(await timedSearch(page, query)) });
      }
    }
    return { buildMs, timed };
  } finally {
    await page.close();
  }
}

/**
 * The query set in the search field with the input event typing its last key fires, timed to the
 * results in the DOM (the status line says how many) and to the start of the frame that paints them.
 */
function timedSearch(page: Page, query: string): Promise<Omit<Timed, 'query'>> {
  return page.evaluate(async (query) => {
    const input = document.querySelector<HTMLInputElement>('.search input[type="search"]')!;
    const status = document.querySelector('.search [role="status"]')!;
    const start = performance.now();
    const inDomMs = await new Promise<number>((resolve) => {
      const observer = new MutationObserver(() => {
        if (!status.textContent) return;
        observer.disconnect();
        resolve(performance.now() - start);
      });
      observer.observe(status, { childList: true, subtree: true, characterData: true });
      input.value = query;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const paintedMs = await new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now() - start)));
    return { inDomMs, paintedMs, status: status.textContent ?? '' };
  }, query);
}

// ---------------------------------------------------------------- 6. popover look-up

/** What an extension page uses of `chrome.tabs` here (the project types the polyfill's `browser`, not `chrome`). */
interface ChromeTabs {
  query(filter: { url: string }): Promise<{ id: number }[]>;
  sendMessage(tabId: number, message: unknown): Promise<unknown>;
}

/**
 * Opens the page, waits for its highlights, asks it (as the side panel does, tab/page-report) which
 * entities it shows, and sends for each, from the content script's world, the request its card
 * sends when the reader hovers one of its highlights (entity/card); timed there, answer included.
 */
async function cardLookUps(chromium: ChromiumWithExtension, pageUrl: string) {
  const page = await chromium.context.newPage();
  try {
    await page.goto(pageUrl, { waitUntil: 'load' });
    await waitForHighlights(page, 60_000);
    const highlights = await settledHighlightCount(page);
    const panel = await chromium.context.newPage();
    const entityIds = await panel
      .goto(`chrome-extension://${chromium.extensionId}/sidepanel.html`)
      .then(() =>
        panel.evaluate(async (url) => {
          const { tabs } = (globalThis as unknown as { chrome: { tabs: ChromeTabs } }).chrome;
          const [tab] = await tabs.query({ url });
          const reply = (await tabs.sendMessage(tab!.id, { type: 'tab/page-report', payload: {} })) as { ok: boolean; value: { entities: { entityId: string }[] } | null };
          return reply.value?.entities.map((entity) => entity.entityId) ?? [];
        }, pageUrl),
      )
      .finally(() => panel.close());
    const { times, names } = await inContentScript<{ times: number[]; names: string[] }>(
      page,
      chromium.extensionId,
      `(async () => {
        const ids = ${JSON.stringify(entityIds)};
        const lang = document.documentElement.lang || undefined;
        const times = [];
        const names = [];
        for (let round = 0; round < ${CARD_ROUNDS}; round++) {
          for (const [index, entityId] of ids.entries()) {
            const start = performance.now();
            const reply = await chrome.runtime.sendMessage({ type: 'entity/card', payload: lang ? { entityId, lang } : { entityId } });
            times.push(performance.now() - start);
            if (!reply || !reply.ok || !reply.value) throw new Error('no card for ' + entityId + ': ' + JSON.stringify(reply));
            names[index] = reply.value.name;
          }
        }
        return { times, names };
      })()`,
    );
    // The times come round by round, each round in the entities' order.
    const slowest = names
      .map((name, index) => ({ name, ms: median(times.filter((_, at) => at % names.length === index)) }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 3);
    return { highlights, entities: entityIds.length, times, slowest };
  } finally {
    await page.close();
  }
}

// ---------------------------------------------------------------- 7. highlight pass

async function largestPage(pagesDir: string): Promise<string> {
  const pages = await Promise.all(
    (await readdir(pagesDir)).filter((name) => name.endsWith('.html')).map(async (name) => ({ path: join(pagesDir, name), bytes: (await stat(join(pagesDir, name))).size })),
  );
  if (pages.length === 0) throw new Error(`No .html pages in ${pagesDir}`);
  return pages.reduce((a, b) => (b.bytes > a.bytes ? b : a)).path;
}

/** scripts/bench.ts on a folder holding the page alone, with the pack; its figures for the pack's dictionary. */
async function highlightPass(page: string, packPath: string, work: string) {
  const folder = join(work, 'largest-page');
  await mkdir(folder, { recursive: true });
  await copyFile(page, join(folder, basename(page)));
  const json = join(work, 'highlight.json');
  const args = [folder, '--pack', packPath, '--out', join(work, 'highlight.md'), '--json', json, '--runs', '3', '--slow-runs', '1'];
  // bench.ts prints its report on stdout: only its progress lines are wanted here.
  if (runScript('bench.ts', args, ['ignore', 'ignore', 'inherit']) !== 0) throw new Error(`scripts/bench.ts ${args.join(' ')} failed`);
  const result = JSON.parse(await readFile(json, 'utf8')) as BenchJson;
  const row = result.rows[0]!;
  const ours = row.ours.pack!;
  return {
    aliases: result.dictionaries.find((dictionary) => dictionary.key === 'pack')!.aliases,
    floorMs: row.floorMs,
    oursMs: ours.mainMs,
    markMs: row.markRegExp.pack!.ms,
    longestTaskMs: ours.longestGapMs,
    worstTaskMs: ours.worstGapMs,
    matches: ours.matches,
  };
}

// ---------------------------------------------------------------- report

type Step<T> = { value: T } | { error: string };

async function step<T>(name: string, work: () => Promise<T>): Promise<Step<T>> {
  log(`${name}…`);
  try {
    return { value: await work() };
  } catch (error) {
    log(`${name} failed: ${failure(error)}`);
    return { error: failure(error) };
  }
}

function queryLine(query: string, timed: Timed[]): string {
  const runs = timed.filter((run) => run.query === query);
  return `“${query}” ${ms(median(runs.map((run) => run.paintedMs)))} (${runs[0]!.status})`;
}

const phases = ({ phases }: OptionsImport) => (phases ? `: reading ${phases.readingS.toFixed(1)} s, building the pack ${phases.buildingS.toFixed(1)} s, storing ${phases.storingS.toFixed(1)} s` : '');

const longestTasks = ({ longestTaskMs, chooseLongestTaskMs, chooseHandlerMs }: OptionsImport) =>
  `${count(Math.round(longestTaskMs))} ms (before the click, taking the chosen files in: ${count(Math.round(chooseLongestTaskMs))} ms, of which the page's change handler ${count(Math.round(chooseHandlerMs))} ms)`;

const summary = (values: number[]) => `median ${ms(median(values))} ms, p95 ${ms(percentile(values, 95))} ms, max ${count(Math.round(Math.max(...values)))} ms (${values.length})`;

interface Results {
  corpus: Awaited<ReturnType<typeof makeCorpus>>;
  cli: Step<Awaited<ReturnType<typeof cliIngestion>>>;
  imported: Step<OptionsImport>;
  stored: Step<Record<string, number>>;
  usage: Step<number>;
  diskBytes: Step<number>;
  search: Step<Awaited<ReturnType<typeof sidePanelSearch>>>;
  cards: Step<Awaited<ReturnType<typeof cardLookUps>>>;
  highlight: Step<Awaited<ReturnType<typeof highlightPass>>>;
  largest: string;
  chromiumVersion: string;
  load: { before: number[]; after: number[] };
}

function report(results: Results, command: string): string {
  const { corpus, cli, imported, stored, usage, diskBytes, search, cards, highlight } = results;
  const rows: string[] = [];
  const row = (figure: string, target: string, result: string, met?: boolean) => rows.push(`| ${figure} | ${target} | ${result} | ${met === undefined ? '' : verdict(met)} |`);
  const notMeasured = (error: string) => `not measured: ${error.replaceAll('|', '\\|')}`;

  if ('value' in cli) {
    const rate = documentCount / cli.value.seconds;
    row(
      'CLI ingestion (`npm run kb`, reading the files included)',
      '≥ 200 documents/s',
      `${rate.toFixed(0)} documents/s (${count(documentCount)} in ${cli.value.seconds.toFixed(1)} s)`,
      rate >= TARGETS.cliPerSecond,
    );
  } else row('CLI ingestion', '≥ 200 documents/s', notMeasured(cli.error), false);

  if ('value' in imported) {
    const whole = imported.value;
    const wholeRate = whole.added / whole.seconds;
    const stored = whole.added === documentCount && whole.errors.length === 0;
    const errors = whole.errors.length ? `; ${whole.errors.join('; ')}` : '';
    row(
      'Import in the options page, the whole folder at once',
      '≥ 50 documents/s',
      stored
        ? `${wholeRate.toFixed(1)} documents/s (${count(whole.added)} in ${whole.seconds.toFixed(1)} s${phases(whole)})`
        : `not all stored: ended after ${whole.seconds.toFixed(1)} s, ${count(whole.added)} in its summary${errors}`,
      stored && wholeRate >= TARGETS.importPerSecond,
    );
    row('…its longest task on the page’s main thread', '≤ 50 ms', longestTasks(whole), whole.longestTaskMs <= TARGETS.importLongestTaskMs);
  } else row('Import in the options page', '≥ 50 documents/s', notMeasured(imported.error), false);

  if ('value' in search) {
    const painted = search.value.timed.map((timed) => timed.paintedMs);
    row('Side-panel search, input to results painted', '≤ 50 ms median', summary(painted), median(painted) <= TARGETS.searchMedianMs);
    row('…the index built on first search (store read included)', '', `${count(Math.round(search.value.buildMs))} ms`);
  } else row('Side-panel search', '≤ 50 ms median', notMeasured(search.error), false);

  if ('value' in cards) row('Popover look-up (`entity/card` from the content script)', '≤ 20 ms median', summary(cards.value.times), median(cards.value.times) <= TARGETS.cardMedianMs);
  else row('Popover look-up', '≤ 20 ms median', notMeasured(cards.error), false);

  row(
    'Store on disk (the extension’s IndexedDB folder in the profile)',
    '',
    'value' in diskBytes ? `${megabytes(diskBytes.value)}; navigator.storage.estimate() usage ${'value' in usage ? megabytes(usage.value) : notMeasured(usage.error)}` : notMeasured(diskBytes.error),
  );

  if ('value' in highlight) {
    const { floorMs, oursMs, markMs, longestTaskMs } = highlight.value;
    row(
      `Highlight pass on ${basename(results.largest)}: ours / floor`,
      '≤ 3',
      `${(oursMs / floorMs).toFixed(1)}× (ours ${ms(oursMs)} ms, floor ${ms(floorMs)} ms)`,
      oursMs / floorMs <= TARGETS.oursOverFloor,
    );
    row('…mark.js / ours', '≥ 10', `${(markMs / oursMs).toFixed(1)}× (mark.js ${ms(markMs)} ms)`, markMs / oursMs >= TARGETS.markOverOurs);
    row('…longest task of ours', '≤ 50 ms', `${ms(longestTaskMs)} ms (worst run ${ms(highlight.value.worstTaskMs)} ms)`, longestTaskMs <= TARGETS.highlightLongestTaskMs);
  } else row('Highlight pass on the largest page', '≤ 3× floor, ≤ 50 ms task', notMeasured(highlight.error), false);

  const storedLine =
    'value' in stored
      ? `The store after the import (the bundled example's document included): ${Object.entries(stored.value)
          .map(([table, rows]) => `${table} ${count(rows)}`)
          .join(', ')}.`
      : `The store could not be counted: ${stored.error}.`;
  const details = [
    `- **Corpus**: ${count(documentCount)} documents (seed ${SCALE_SEED}), ${(corpus.characters / 1e6).toFixed(1)} M characters, median ${count(corpus.medianCharacters)} characters, ${count(corpus.titles)} distinct titles; languages ${corpus.languages.map(([lang, documents]) => `${lang} ${count(documents)}`).join(', ')}. Each is one real page's paragraphs from a random place on, with one to three paragraphs of other pages in its language put in (\`scripts/lib/scale-corpus.ts\`; the pages: every readable page of \`../shared/pages\`).`,
    'value' in cli
      ? `- **Pack** (CLI): ${count(cli.value.entities)} entities, ${count(cli.value.events)} events, ${count(cli.value.mentions)} mentions, ${megabytes(cli.value.packBytes)} of JSON${cli.value.failures ? `, ${cli.value.failures} documents not read` : ''}. Recombined text names the same people, places and organisations again and again, so the dictionary is that of the source pages, not of 10,000 different articles.`
      : '',
    `- **Import**: the files chosen with the options page's file picker, *Add to my knowledge base*, timed from the click to the summary (reading in the worker, building the pack, storing it through the background; each phase from the progress line: its bar full once every file is read, *Saving…* while storing); longest task from PerformanceObserver (long tasks). The task in which the page takes the chosen files in, before the click, is reported apart, with how long the page's own change handler ran in it: the rest is the browser's. ${storedLine}`,
    `- **Search**: \`sidepanel.html\` in a tab; *Search* clicked and timed until the index is ready (the side panel reads the whole store and builds its MiniSearch index then); then each query set in the field with the \`input\` event that typing its last key fires, timed to the status line showing the count of results and to the next animation frame (the figure above), ${SEARCH_ROUNDS} rounds.` +
      ('value' in search
        ? ` Queries (median painted ms, results): ${[...new Set(search.value.timed.map((timed) => timed.query))].map((query) => queryLine(query, search.value.timed)).join('; ')}. Results in the DOM: ${summary(search.value.timed.map((timed) => timed.inDomMs))}.`
        : ''),
    `- **Popover look-up**: ${basename(results.largest)} served from 127.0.0.1 (its scripts off, other hosts unreachable) with the scale store loaded; the entities its highlights show (the side panel's \`tab/page-report\`), then for each, ${CARD_ROUNDS} rounds, the message the popover sends when a highlight is hovered (\`entity/card\`, the page's language) sent with \`chrome.runtime.sendMessage\` from the content script's isolated world and timed there to the answer. The hover delay and the card's rendering are not included.` +
      ('value' in cards
        ? ` ${count(cards.value.highlights)} highlights, ${cards.value.entities} entities; the slowest (median): ${cards.value.slowest.map(({ name, ms: time }) => `${name} ${ms(time)} ms`).join(', ')}.`
        : ''),
    `- **Store size**: the files under \`Default/IndexedDB/chrome-extension_<id>_*\` in the Chromium profile after the browser closed, and \`navigator.storage.estimate().usage\` from an extension page before that.`,
    'value' in highlight
      ? `- **Highlight pass**: \`scripts/bench.ts\` (the performance protocol, \`bench/results.md\`) on a folder holding only ${basename(results.largest)}, the largest page of \`${relative(ROOT, dirname(results.largest))}\`, with the CLI pack (${count(highlight.value.aliases)} distinct aliases): 3 fresh loads, medians; mark.js \`markRegExp\` once. ${count(highlight.value.matches)} matches.`
      : '',
  ].filter(Boolean);

  return [
    '# Scale benchmark',
    '',
    `- Date: ${new Date().toISOString()}`,
    `- Command: \`${command}\``,
    `- Machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, headless Chromium ${results.chromiumVersion}; load average ${results.load.before.map((value) => value.toFixed(1)).join(' / ')} at the start, ${results.load.after.map((value) => value.toFixed(1)).join(' / ')} at the end (1 / 5 / 15 min; the machine is shared). Run time ${Math.round((performance.now() - started) / 1000)} s.`,
    '',
    '| Figure | Target | Result | |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    '## How each figure is taken',
    '',
    ...details,
    '',
  ].join('\n');
}

// ---------------------------------------------------------------- main

const load = { before: loadavg(), after: [] as number[] };
const work = await mkdtemp(join(tmpdir(), 'contesto-scale-'));
const packPath = join(work, 'scale-pack.json');
const profile = join(work, 'profile');
try {
  log(`writing ${count(documentCount)} documents…`);
  const corpus = await makeCorpus(work);
  log(`${count(documentCount)} documents in ${corpus.folder}`);
  const cli = await step('CLI ingestion', () => cliIngestion(corpus.folder, packPath));
  if ('value' in cli) log(`CLI: ${count(documentCount)} documents in ${cli.value.seconds.toFixed(1)} s`);
  const largest = await largestPage(resolve(values.pages ?? defaultPagesDir()));

  // A copy of the build: another `npm run build` during the run would otherwise change the extension under the browser.
  const extension = join(work, 'extension');
  await cp(CHROME_BUILD, extension, { recursive: true });
  const chromium = await launchChromium({ extension, profile, extraArgs: OFFLINE_ARGS });
  const chromiumVersion = chromium.context.browser()?.version() ?? 'unknown';
  const server = await serveStatic(dirname(largest), { documentHeaders: BENCH_HEADERS });
  let results: Omit<Results, 'diskBytes' | 'highlight' | 'corpus' | 'cli' | 'largest' | 'load'>;
  try {
    const imported = await step('import in the options page', () => importFolder(chromium, corpus.paths));
    const stored = await step('counting the store', () => storeCounts(chromium));
    const usage = await step('storage estimate', () => storageUsage(chromium));
    const search = await step('side-panel search', async () => {
      if (!('value' in cli)) throw new Error('no queries: the CLI step made no pack to take them from');
      return sidePanelSearch(chromium, cli.value.queries);
    });
    const cards = await step('popover look-ups', () => cardLookUps(chromium, `${server.origin}/${encodeURIComponent(basename(largest))}`));
    results = { imported, stored, usage, search, cards, chromiumVersion };
  } finally {
    await chromium.close();
    await server.close();
  }
  const diskBytes = await step('store size on disk', () => indexedDbBytes(profile, chromium.extensionId));
  const highlight = await step('highlight pass', () => highlightPass(largest, packPath, work));
  load.after = loadavg();

  const command = `npm run bench -- --scale ${process.argv.slice(2).join(' ')}`.trim();
  const markdown = report({ ...results, corpus, cli, diskBytes, highlight, largest, load }, command);
  const out = resolve(values.out);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, markdown);
  console.log(markdown);
  log(`wrote ${relative(process.cwd(), out)}`);
} finally {
  await rm(work, { recursive: true, force: true });
}
