/**
 * `npm run sweep -- [folder...] [--out bench/sweep.md]`: every real page of the given folders (by
 * default every folder under ../shared/pages) in real Chromium with the built extension
 * (.output/chrome-mv3; run `npm run build` first). Pages come from 127.0.0.1, every other request
 * is aborted and the pages' own scripts are off (CSP `script-src 'none'`), so that what changes is
 * Contesto's doing. Per page: is the text the same as in the same browser without Contesto
 * (`innerText` and every text node), errors from the extension (page console, uncaught errors,
 * service-worker console), how many ranges are highlighted, when the first highlight appeared
 * (ms after navigation start) and the longest main-thread task (`longtask` entries) with and
 * without Contesto. A page is broken when its text changed or the extension logged an error.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { launchChromium, type ChromiumWithExtension } from './lib/browsers';
import { servedOnly } from './lib/bench-pages';
import { serveStatic } from './lib/serve';

/** The pages' own scripts are off: whatever changes on a page is then ours. */
const PAGE_SCRIPTS_OFF = { 'content-security-policy': "script-src 'none'" };

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SHARED_PAGES = join(ROOT, '../shared/pages');
/** How long a page may take to show its first highlight before it counts as a page without any. */
const FIRST_HIGHLIGHT_WAIT_MS = 6_000;
/** The highlights are taken as final once their count has not moved for this long. */
const SETTLED_MS = 1_000;

/** Runs in the page before its own code: records long tasks and polls for Contesto's first highlight. */
function watchPage() {
  const seen = { longest: 0, firstHighlight: -1 };
  (window as unknown as { __sweep: typeof seen }).__sweep = seen;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) seen.longest = Math.max(seen.longest, entry.duration);
  }).observe({ type: 'longtask', buffered: true });
  const poll = setInterval(() => {
    if (![...CSS.highlights].some(([name, highlight]) => name.startsWith('contesto-') && highlight.size > 0)) return;
    seen.firstHighlight = performance.now();
    clearInterval(poll);
  }, 10);
}

/** The page's text, as a reader sees it and as every text node holds it. */
function pageText(): { inner: string; nodes: string } {
  const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
  const parts: string[] = [];
  while (walker.nextNode()) parts.push(walker.currentNode.nodeValue ?? '');
  return { inner: document.body?.innerText ?? '', nodes: parts.join('\u0000') };
}

function highlightCount(): number {
  let count = 0;
  for (const [name, highlight] of CSS.highlights) if (name.startsWith('contesto-')) count += highlight.size;
  return count;
}

interface PageResult {
  page: string;
  sameText: boolean;
  errors: string[];
  highlights: number;
  firstHighlightMs: number | null;
  longestTaskMs: number;
  longestTaskWithoutMs: number;
}

async function load(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
  return page;
}

const watched = (page: Page) => page.evaluate(() => (window as unknown as { __sweep: { longest: number; firstHighlight: number } }).__sweep);

async function sweepPage(withContesto: ChromiumWithExtension, without: ChromiumWithExtension, url: string, backgroundErrors: string[]): Promise<Omit<PageResult, 'page'>> {
  const plain = await load(without.context, url);
  await plain.waitForTimeout(SETTLED_MS);
  const before = await plain.evaluate(pageText);
  const { longest: longestTaskWithoutMs } = await watched(plain);
  await plain.close();

  const errors: string[] = [];
  const ours = `chrome-extension://${withContesto.extensionId}/`;
  const page = await withContesto.context.newPage();
  page.on('console', (message: ConsoleMessage) => {
    if ((message.type() === 'error' || message.type() === 'warning') && message.location().url.startsWith(ours)) errors.push(`page ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => {
    if (error.stack?.includes(ours)) errors.push(`uncaught: ${error.message}`);
  });
  const backgroundBefore = backgroundErrors.length;
  await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
  await page.waitForFunction(() => (window as unknown as { __sweep: { firstHighlight: number } }).__sweep.firstHighlight >= 0, null, { timeout: FIRST_HIGHLIGHT_WAIT_MS }).catch(() => {});
  // Wait until the count stops moving: the annotator works through long pages in slices.
  let highlights = await page.evaluate(highlightCount);
  for (;;) {
    await page.waitForTimeout(SETTLED_MS);
    const now = await page.evaluate(highlightCount);
    if (now === highlights) break;
    highlights = now;
  }
  const after = await page.evaluate(pageText);
  const { longest, firstHighlight } = await watched(page);
  await page.close();
  errors.push(...backgroundErrors.slice(backgroundBefore).map((message) => `background: ${message}`));
  return {
    sameText: before.inner === after.inner && before.nodes === after.nodes,
    errors,
    highlights,
    firstHighlightMs: firstHighlight >= 0 ? firstHighlight : null,
    longestTaskMs: longest,
    longestTaskWithoutMs,
  };
}

/** The deepest folder that holds every one of `folders` (the parent of a single one, so that its pages keep its name). */
function commonFolder(folders: string[]): string {
  const parts = folders.map((folder) => dirname(folder).split(sep));
  let shared = 0;
  while (shared < parts[0].length && parts.every((other) => other[shared] === parts[0][shared])) shared++;
  return parts[0].slice(0, shared).join(sep) || sep;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const ms = (value: number | null) => (value === null ? '–' : value.toFixed(0));
/** `longtask` entries exist only past 50 ms: a page without any had no task that long. */
const task = (value: number) => (value === 0 ? '< 50' : value.toFixed(0));

export function summary(rows: PageResult[]): string[] {
  const broken = rows.filter((row) => !row.sameText || row.errors.length > 0);
  const firsts = rows.flatMap((row) => (row.firstHighlightMs === null ? [] : [row.firstHighlightMs]));
  const longest = rows.map((row) => row.longestTaskMs);
  return [
    `| Pages | Broken | Text changed | Extension errors | Pages with highlights | Highlights | First highlight, median (max) | Longest task, median (max) | Longest task without Contesto, median (max) |`,
    `| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`,
    `| ${rows.length} | ${broken.length} | ${rows.filter((row) => !row.sameText).length} | ${rows.reduce((sum, row) => sum + row.errors.length, 0)} | ${firsts.length} | ${rows.reduce((sum, row) => sum + row.highlights, 0)} | ${firsts.length ? `${ms(median(firsts))} ms (${ms(Math.max(...firsts))} ms)` : '–'} | ${task(median(longest))} ms (${task(Math.max(...longest))} ms) | ${task(median(rows.map((row) => row.longestTaskWithoutMs)))} ms (${task(Math.max(...rows.map((row) => row.longestTaskWithoutMs)))} ms) |`,
  ];
}

function report(rows: PageResult[], command: string, version: string): string {
  return [
    '# Sweep over real pages',
    '',
    `\`${command}\`, Chromium ${version}, the built extension with its bundled knowledge pack. Pages from 127.0.0.1, every other request aborted, the pages' own scripts off; the text is compared with the same page in the same browser without Contesto (\`innerText\` and every text node). *First highlight*: ms after navigation start. *Longest task*: the longest \`longtask\` entry of the page's main thread (page parsing and layout included), with Contesto and without it; \`longtask\` reports only tasks over 50 ms, so "< 50" means none.`,
    '',
    ...summary(rows),
    '',
    '| Page | Text the same | Extension errors | Highlights | First highlight (ms) | Longest task (ms) | Without Contesto (ms) |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (row) =>
        `| ${row.page} | ${row.sameText ? 'yes' : '**no**'} | ${row.errors.length} | ${row.highlights} | ${ms(row.firstHighlightMs)} | ${task(row.longestTaskMs)} | ${task(row.longestTaskWithoutMs)} |`,
    ),
    ...rows.flatMap((row) => row.errors.map((error) => `- ${row.page}: ${error}`)),
  ].join('\n');
}

async function main() {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string', default: 'bench/sweep.md' } } });
  const folders = positionals.length
    ? positionals.map((folder) => resolve(folder))
    : existsSync(SHARED_PAGES)
      ? readdirSync(SHARED_PAGES)
          .map((name) => join(SHARED_PAGES, name))
          .filter((path) => statSync(path).isDirectory())
          .sort()
      : [join(ROOT, 'tests/fixtures/pages')];
  const started = performance.now();
  const log = (message: string) => process.stderr.write(`[sweep ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}\n`);

  const [withContesto, without] = await Promise.all([launchChromium(), launchChromium({ extension: null })]);
  const backgroundErrors: string[] = [];
  const listen = (worker: import('playwright-core').Worker) =>
    worker.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') backgroundErrors.push(`${message.type()}: ${message.text()}`);
    });
  withContesto.context.serviceWorkers().forEach(listen);
  withContesto.context.on('serviceworker', listen);
  await Promise.all([withContesto.context.addInitScript(watchPage), without.context.addInitScript(watchPage)]);
  withContesto.context.on('weberror', (error) => backgroundErrors.push(`uncaught: ${error.error().message}`));

  // One server for every folder, rooted where they meet, so that each page keeps its folder's name.
  const root = commonFolder(folders);
  const server = await serveStatic(root);
  await Promise.all([withContesto.context, without.context].map((context) => servedOnly(context, server, PAGE_SCRIPTS_OFF)));
  const rows: PageResult[] = [];
  try {
    for (const folder of folders) {
      for (const name of (await readdir(folder)).filter((file) => file.endsWith('.html')).sort()) {
        const page = relative(root, join(folder, name)) || name;
        const row = { page, ...(await sweepPage(withContesto, without, `${server.origin}/${page.split(sep).map(encodeURIComponent).join('/')}`, backgroundErrors)) };
        rows.push(row);
        log(
          `${page}: text ${row.sameText ? 'same' : 'CHANGED'}, ${row.errors.length} errors, ${row.highlights} highlights, first ${ms(row.firstHighlightMs)} ms, longest task ${task(row.longestTaskMs)} ms`,
        );
      }
    }
    const command = `npm run sweep${positionals.length ? ` -- ${positionals.join(' ')}` : ''}`;
    const blank = await without.context.newPage();
    const version = await blank.evaluate(() => navigator.userAgent.match(/Chrome\/([\d.]+)/)?.[1] ?? '?');
    await blank.close();
    const markdown = report(rows, command, version);
    const out = resolve(values.out);
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, markdown + '\n');
    console.log(summary(rows).join('\n'));
    log(`wrote ${relative(process.cwd(), out)}`);
    if (rows.some((row) => !row.sameText || row.errors.length > 0)) process.exitCode = 1;
  } finally {
    await Promise.all([withContesto.close(), without.close()]);
    await server.close();
  }
}

await main();
