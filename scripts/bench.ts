/**
 * `npm run bench`: the performance protocol of docs/architecture.md ("Performance protocol"). Headless Chromium,
 * the same pages and dictionaries for three contenders, each run on a fresh load of the page:
 * the floor (a bare TreeWalker pass), ours (every per-page cost of the content script) and
 * mark.js (one combined RegExp, and mark(array) for the small dictionary).
 *
 *   npx tsx scripts/bench.ts [pagesDir] [--out bench/results.md] [--runs 3] [--slow-runs 1] [--pack .generated/bundled-pack.json] [--json <file>]
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import type { FloorResult, MarkResult, OursResult, PageText } from '../bench/probe';
import { compileMatcher, type CompiledMatcher } from '../core/match';
import { parsePack } from '../core/pack';
import { CHROMIUM_PATH } from './lib/browsers';
import { BENCH_HEADERS, defaultPagesDir, servedOnly, distinctAliases, gazetteerEntries, median, packEntries, type MatchEntry } from './lib/bench-pages';
import { serveStatic, type StaticServer } from './lib/serve';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Same as QUIET_FLAGS in lib/browsers.ts, plus what the probe needs: gc() and exact heap sizes. */
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-precise-memory-info',
  '--js-flags=--expose-gc',
];
const LONG_TASK_BUDGET_MS = 50;
/** mark(array) recurses once per alias: 4,449 aliases (the scale benchmark's pack) already overflow the stack. */
const MARK_ARRAY_MAX_ALIASES = 1_000;
interface Dictionary {
  key: 'pack' | 'gazetteer';
  title: string;
  entries: MatchEntry[];
  /** Distinct aliases, compared case-insensitively (what a case-insensitive RegExp needs). */
  aliases: string[];
  compiled: CompiledMatcher;
  compileMs: number;
  compiledBytes: number;
  regexp: { source: string; flags: string };
  /** mark(array) is run only where it can run: up to MARK_ARRAY_MAX_ALIASES. */
  runMarkArray: boolean;
}

// ---------------------------------------------------------------- dictionaries

/**
 * One case-insensitive expression for all aliases, bounded by anything that is not a letter or
 * digit in any script (\b knows only ASCII), longest alternatives first so the longest name wins.
 */
function combinedRegExp(aliases: string[]): { source: string; flags: string } {
  const alternatives = [...aliases].sort((a, b) => b.length - a.length).map((alias) => alias.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/\s+/g, '\\s+'));
  return { source: `(?<![\\p{L}\\p{N}_])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_])`, flags: 'giu' };
}

/** Compiled in Node once, as the background does; timed and sized as it would travel. */
function dictionary(key: Dictionary['key'], title: string, entries: MatchEntry[]): Dictionary {
  const start = performance.now();
  const compiled = compileMatcher(entries);
  const compileMs = performance.now() - start;
  const aliases = distinctAliases(entries);
  return {
    key,
    title,
    entries,
    aliases,
    compiled,
    compileMs,
    compiledBytes: Buffer.byteLength(JSON.stringify(compiled)),
    regexp: combinedRegExp(aliases),
    runMarkArray: aliases.length <= MARK_ARRAY_MAX_ALIASES,
  };
}

async function loadDictionaries(packPath: string): Promise<Dictionary[]> {
  if (!existsSync(packPath)) throw new Error(`No knowledge pack at ${packPath}: run \`npm run pack:bundled\` first (or pass --pack).`);
  const fromPack = packEntries(parsePack(await readFile(packPath, 'utf8')));
  return [
    dictionary('pack', 'Bundled pack', fromPack),
    dictionary('gazetteer', 'Gazetteer (i18n-iso-countries, every language + GeoNames cities + pack)', [...(await gazetteerEntries(fromPack)), ...fromPack]),
  ];
}

// ---------------------------------------------------------------- browser side

/** The probe, with the matcher thread's script (bench/match-worker.ts) inside it. */
async function bundleProbe(): Promise<string> {
  const common = { bundle: true, target: 'chrome120', write: false, alias: { '@': ROOT }, logLevel: 'silent' } as const;
  const worker = await build({ ...common, entryPoints: [join(ROOT, 'bench/match-worker.ts')], format: 'iife' });
  const result = await build({
    ...common,
    entryPoints: [join(ROOT, 'bench/probe.ts')],
    format: 'iife',
    globalName: 'contestoBench',
    // page.evaluate runs the script inside a function: publish the namespace explicitly.
    footer: { js: 'globalThis.contestoBench = contestoBench;' },
    define: { MATCH_WORKER_SOURCE: JSON.stringify(worker.outputFiles[0]!.text) },
  });
  return result.outputFiles[0]!.text;
}

/** What the matcher thread is warmed with before a page is timed: the bundled article, a page no bench page is. */
const warmUpText = readFile(join(ROOT, 'corpus/000_8393216312377e60.txt'), 'utf8');

type Job = { runs: number } & (
  | { contender: 'floor' }
  | { contender: 'elementWalk' }
  | { contender: 'ours'; dictionary: Dictionary }
  | { contender: 'markRegExp'; dictionary: Dictionary }
  | { contender: 'markArray'; dictionary: Dictionary }
);

type JobResult = { floor: FloorResult & PageText } | { elementWalk: FloorResult } | { ours: OursResult } | { mark: MarkResult };

/**
 * One run on a fresh load: a new browser context each time, so no JIT, RegExp or HTTP cache
 * carries over. Only 127.0.0.1 is reachable; documents get BENCH_HEADERS.
 */
async function runOnFreshLoad(browser: Browser, server: StaticServer, probe: string, pageUrl: string, job: Job): Promise<JobResult> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    await servedOnly(context, server, BENCH_HEADERS);
    const page = await context.newPage();
    await page.goto(pageUrl, { waitUntil: 'load' });
    // Start from a rendered page, as the content script does at document_idle.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    await page.evaluate(probe);
    switch (job.contender) {
      case 'floor':
        return { floor: await page.evaluate(() => ({ ...contestoBench.floor(), ...contestoBench.pageText() })) };
      case 'elementWalk':
        return { elementWalk: await page.evaluate(() => contestoBench.elementWalk()) };
      case 'ours':
        return { ours: await page.evaluate(([url, text]) => contestoBench.ours(url, text), [dictionaryPath(job.dictionary), await warmUpText] as const) };
      case 'markRegExp':
        return { mark: await page.evaluate(({ source, flags }) => contestoBench.markRegExp(source, flags), job.dictionary.regexp) };
      case 'markArray':
        return { mark: await page.evaluate((aliases) => contestoBench.markArray(aliases), job.dictionary.aliases) };
    }
  } finally {
    await context.close();
  }
}

declare const contestoBench: typeof import('../bench/probe');

const dictionaryPath = (dictionary: Dictionary) => `/__bench/${dictionary.key}.json`;

// ---------------------------------------------------------------- results

export interface PageRow {
  page: string;
  readableChars: number;
  floorMs: number;
  /** A bare walk over elements and text (bench/probe.ts elementWalk). */
  elementWalkMs: number;
  /** Per dictionary key. */
  ours: Record<string, { mainMs: number; totalMs: number; matcherMs: number; matches: number; longestGapMs: number; worstGapMs: number; longTaskMaxMs: number; heapBytes: number }>;
  markRegExp: Record<string, { ms: number; marks: number }>;
  markArray: Record<string, { ms: number; marks: number }>;
}

interface Runs {
  /** Of the floor, ours, and mark.js with the small dictionary. */
  runs: number;
  /** Of the mark.js cases that take seconds per page (RegExp with the large dictionary, mark(array)). */
  slowRuns: number;
}

async function benchPage(browser: Browser, server: StaticServer, probe: string, pageUrl: string, dictionaries: Dictionary[], { runs, slowRuns }: Runs): Promise<PageRow> {
  const floorJob: Job = { contender: 'floor', runs };
  const elementWalkJob: Job = { contender: 'elementWalk', runs };
  const dictionaryJobs: Job[] = [];
  for (const dictionary of dictionaries) {
    dictionaryJobs.push({ contender: 'ours', dictionary, runs }, { contender: 'markRegExp', dictionary, runs: dictionary.runMarkArray ? runs : slowRuns });
    if (dictionary.runMarkArray) dictionaryJobs.push({ contender: 'markArray', dictionary, runs: slowRuns });
  }
  const jobs = [floorJob, elementWalkJob, ...dictionaryJobs];
  const samples = new Map<Job, JobResult[]>(jobs.map((job) => [job, []]));
  // Runs interleave the contenders so that a slow moment of the machine does not hit only one.
  for (let run = 0; run < Math.max(runs, slowRuns); run++) {
    for (const job of jobs.filter((job) => run < job.runs)) samples.get(job)!.push(await runOnFreshLoad(browser, server, probe, pageUrl, job));
  }
  const floors = samples.get(floorJob)!.map((result) => (result as { floor: FloorResult & PageText }).floor);
  const elementWalks = samples.get(elementWalkJob)!.map((result) => (result as { elementWalk: FloorResult }).elementWalk);
  const row: PageRow = {
    page: basename(new URL(pageUrl).pathname),
    readableChars: floors[0]!.readableChars,
    floorMs: median(floors.map((f) => f.ms)),
    elementWalkMs: median(elementWalks.map((w) => w.ms)),
    ours: {},
    markRegExp: {},
    markArray: {},
  };
  for (const job of dictionaryJobs) {
    const key = (job as { dictionary: Dictionary }).dictionary.key;
    const results = samples.get(job)!;
    if (job.contender === 'ours') {
      const ours = results.map((result) => (result as { ours: OursResult }).ours);
      row.ours[key] = {
        mainMs: median(ours.map((o) => o.mainMs)),
        totalMs: median(ours.map((o) => o.totalMs)),
        matcherMs: median(ours.map((o) => o.matcherMs)),
        matches: median(ours.map((o) => o.matches)),
        longestGapMs: median(ours.map((o) => o.longestGapMs)),
        worstGapMs: Math.max(...ours.map((o) => o.longestGapMs)),
        longTaskMaxMs: Math.max(0, ...ours.flatMap((o) => o.longTasksMs)),
        heapBytes: median(ours.map((o) => o.retainedHeapBytes)),
      };
    } else if (job.contender === 'markRegExp' || job.contender === 'markArray') {
      const marks = results.map((result) => (result as { mark: MarkResult }).mark);
      row[job.contender][key] = { ms: median(marks.map((m) => m.ms)), marks: median(marks.map((m) => m.marks)) };
    }
  }
  return row;
}

const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));
const ratio = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(1)}×`;
const kilo = (value: number) => `${(value / 1000).toFixed(1)} K`;
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const count = (value: number) => value.toLocaleString('en-US');
const verdict = (pass: boolean) => (pass ? '**PASS**' : '**FAIL**');

function pageTable(dictionary: Dictionary, rows: PageRow[]): string {
  const header = [
    'Page',
    'Text chars',
    'Floor ms',
    'Element walk ms',
    'Ours, main thread ms',
    'Ours, wall ms',
    'Matcher thread ms',
    'Ours/floor',
    'Ours/element walk',
    'mark.js RegExp ms',
    'mark.js/ours',
    'Longest task ms (worst)',
    'Long tasks > 50 ms',
    'Heap',
    'Ours matches',
    'mark.js marks',
  ];
  if (dictionary.runMarkArray) header.push('mark(array) ms', 'mark(array) marks');
  const lines = [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`];
  for (const row of rows) {
    const ours = row.ours[dictionary.key]!;
    const mark = row.markRegExp[dictionary.key]!;
    const cells = [
      row.page,
      kilo(row.readableChars),
      ms(row.floorMs),
      ms(row.elementWalkMs),
      ms(ours.mainMs),
      ms(ours.totalMs),
      ms(ours.matcherMs),
      ratio(ours.mainMs / row.floorMs),
      ratio(ours.mainMs / row.elementWalkMs),
      ms(mark.ms),
      ratio(mark.ms / ours.mainMs),
      `${ms(ours.longestGapMs)} (${ms(ours.worstGapMs)})`,
      ours.longTaskMaxMs > 0 ? `max ${ms(ours.longTaskMaxMs)}` : 'none',
      `${(ours.heapBytes / 1024).toFixed(0)} KB`,
      count(ours.matches),
      count(mark.marks),
    ];
    if (dictionary.runMarkArray) cells.push(ms(row.markArray[dictionary.key]!.ms), count(row.markArray[dictionary.key]!.marks));
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

interface Summary {
  dictionary: Dictionary;
  oursOverFloor: number;
  oursOverElementWalk: number;
  markOverOurs: number;
  longestTaskMax: { ms: number; page: string };
  longestTaskMedian: number;
  heapMedian: number;
  pagesOverBudget: string[];
}

function summarize(dictionary: Dictionary, rows: PageRow[]): Summary {
  const ours = rows.map((row) => ({ page: row.page, ...row.ours[dictionary.key]! }));
  const worst = ours.reduce((a, b) => (b.longestGapMs > a.longestGapMs ? b : a));
  return {
    dictionary,
    oursOverFloor: median(rows.map((row) => row.ours[dictionary.key]!.mainMs / row.floorMs)),
    oursOverElementWalk: median(rows.map((row) => row.ours[dictionary.key]!.mainMs / row.elementWalkMs)),
    markOverOurs: median(rows.map((row) => row.markRegExp[dictionary.key]!.ms / row.ours[dictionary.key]!.mainMs)),
    longestTaskMax: { ms: worst.longestGapMs, page: worst.page },
    longestTaskMedian: median(ours.map((o) => o.longestGapMs)),
    heapMedian: median(ours.map((o) => o.heapBytes)),
    pagesOverBudget: ours.filter((o) => o.longestGapMs > LONG_TASK_BUDGET_MS).map((o) => o.page),
  };
}

function summaryTable(summaries: Summary[], rows: PageRow[]): string {
  const lines = [
    '| Dictionary | Median ours/floor (target ≤ 3) | Median ours/element walk | Median mark.js/ours (target ≥ 10) | Longest task, max over pages (target ≤ 50 ms) | Longest task, median | Heap, median |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const s of summaries) {
    lines.push(
      `| ${s.dictionary.title} | ${ratio(s.oursOverFloor)} ${verdict(s.oursOverFloor <= 3)} | ${ratio(s.oursOverElementWalk)} | ${ratio(s.markOverOurs)} ${verdict(s.markOverOurs >= 10)} | ${ms(s.longestTaskMax.ms)} ms (${s.longestTaskMax.page}) ${verdict(s.pagesOverBudget.length === 0)} | ${ms(s.longestTaskMedian)} ms | ${(s.heapMedian / 1024).toFixed(0)} KB |`,
    );
  }
  const medianOf = (pick: (row: PageRow) => number) => median(rows.map(pick));
  lines.push(
    '',
    `Medians over pages: text ${kilo(medianOf((r) => r.readableChars))} characters outside script and style; floor ${ms(medianOf((r) => r.floorMs))} ms; element walk ${ms(medianOf((r) => r.elementWalkMs))} ms (${ratio(median(rows.map((r) => r.elementWalkMs / r.floorMs)))} the floor); ` +
      summaries
        .map(
          (s) =>
            `ours with the ${s.dictionary.key} ${ms(medianOf((r) => r.ours[s.dictionary.key]!.mainMs))} ms main thread / ${ms(medianOf((r) => r.ours[s.dictionary.key]!.totalMs))} ms wall / ${ms(medianOf((r) => r.ours[s.dictionary.key]!.matcherMs))} ms matcher thread, mark.js RegExp ${ms(medianOf((r) => r.markRegExp[s.dictionary.key]!.ms))} ms`,
        )
        .join('; ') +
      '.',
  );
  const markArray = summaries.find((s) => s.dictionary.runMarkArray);
  if (markArray)
    lines.push(
      `mark.js mark(array) with the ${markArray.dictionary.key} (${count(markArray.dictionary.aliases.length)} aliases): median ${ms(medianOf((r) => r.markArray[markArray.dictionary.key]!.ms))} ms.`,
    );
  for (const s of summaries) {
    if (s.pagesOverBudget.length > 0) lines.push(`Pages where a task of ours exceeded ${LONG_TASK_BUDGET_MS} ms with the ${s.dictionary.key}: ${s.pagesOverBudget.join(', ')}.`);
  }
  return lines.join('\n');
}

function report({
  command,
  chromiumVersion,
  pagesDir,
  runs,
  dictionaries,
  rows,
  elapsedS,
}: {
  command: string;
  chromiumVersion: string;
  pagesDir: string;
  runs: Runs;
  dictionaries: Dictionary[];
  rows: PageRow[];
  elapsedS: number;
}): string {
  const summaries = dictionaries.map((dictionary) => summarize(dictionary, rows));
  const sections = [
    '# Contesto performance benchmark',
    '',
    `- Date: ${new Date().toISOString()}`,
    `- Command: \`${command}\``,
    `- Browser: headless Chromium ${chromiumVersion}; machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}`,
    `- Pages: ${rows.length} (.html in \`${pagesDir}\`). Each run is on a fresh load of the page in a new browser context: ${runs.runs} runs per page of the floor, the element walk, ours and mark.js RegExp with a dictionary small enough for mark(array); ${runs.slowRuns} of mark.js RegExp with a larger one and of mark(array), which take seconds each. Figures are per-page medians, summaries are medians over pages. Run time ${Math.round(elapsedS)} s.`,
    "- Page conditions: served from 127.0.0.1, every other request aborted, the page's own scripts off (CSP `script-src 'none'`) so that nothing but the contender runs, cross-origin isolated (COOP/COEP) so that `performance.now()` resolves 5 µs.",
    '',
    '## Dictionaries',
    '',
    '| Dictionary | Entries | Distinct aliases | Compile in Node (once) | Compiled size (JSON) | mark.js RegExp source |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...dictionaries.map(
      (d) => `| ${d.title} | ${count(d.entries.length)} | ${count(d.aliases.length)} | ${ms(d.compileMs)} ms | ${megabytes(d.compiledBytes)} | ${megabytes(d.regexp.source.length)} |`,
    ),
    '',
    '## What is measured',
    '',
    "- **Floor**: a bare TreeWalker pass reading every text node's data.",
    "- **Element walk** (a reference, not a contender): a bare TreeWalker pass over elements and text nodes, reading each element's name and each text node's data and deciding nothing. It is the least a scanner pays that must see the page's elements, as ours must to skip menus, form fields and editors and to keep blocks apart: each element it reaches gets a wrapper object in the script's world, which the floor never makes. Run on a fresh load of its own, like every contender.",
    "- **Ours**: the content script's `scanInSlices` with the real highlighter (CSS Custom Highlights) until done, its matching done as in the extension by another thread: a worker (`bench/match-worker.ts`) standing for the background, which holds the loaded matcher and is warmed on the bundled article before the page is timed, as the background is after its first page. *Main thread* = wall time less the waits for the worker's answers (walking the text, sending it, placing the ranges, registering the highlights, and the message round trips' own work); *wall* includes the waits; *matcher thread* = the worker's own time on the page's text. Ours/floor and mark.js/ours use the main thread's time, the page's cost; the matcher thread's is the background's, on another core.",
    '- **mark.js** 8.11.1: `markRegExp` with one combined case-insensitive, word-bounded expression (flags `giu`, lookarounds on `\\p{L}\\p{N}_`), compiled inside the timed section since every page pays for it. `mark(array)` (`separateWordSearch: false`, `accuracy: "exactly"`, other options default) only with a dictionary of at most ' +
      count(MARK_ARRAY_MAX_ALIASES) +
      ' aliases (the bundled pack): it recurses once per alias and overflows the stack with 4,449, so it is not run with more.',
    '- **Longest task**: the largest gap between the pings of a MessageChannel heartbeat running while ours runs (an upper bound of our longest task; median of runs, worst run in brackets). *Long tasks > 50 ms*: the longest `longtask` PerformanceObserver entry seen during ours in any run.',
    '- **Heap**: `performance.memory.usedJSHeapSize` after a forced GC, minus the same before the scan: what the content script keeps (highlighter, ranges; the matcher lives in the background).',
    '',
    '## Summary',
    '',
    summaryTable(summaries, rows),
    '',
    ...dictionaries.flatMap((dictionary) => [`## ${dictionary.title}: per page`, '', pageTable(dictionary, rows), '']),
  ];
  return sections.join('\n');
}

/** What `--json` writes. */
export interface BenchJson {
  chromiumVersion: string;
  dictionaries: { key: Dictionary['key']; title: string; aliases: number; compileMs: number; compiledBytes: number }[];
  rows: PageRow[];
}

// ---------------------------------------------------------------- main

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string', default: 'bench/results.md' },
      runs: { type: 'string', default: '3' },
      'slow-runs': { type: 'string', default: '1' },
      pack: { type: 'string', default: '.generated/bundled-pack.json' },
      /** The same figures as JSON too, for scripts/bench-scale.ts. */
      json: { type: 'string' },
    },
  });
  const pagesDir = resolve(positionals[0] ?? defaultPagesDir());
  const runs: Runs = { runs: Number(values.runs), slowRuns: Number(values['slow-runs']) };
  if (!(runs.runs >= 1 && runs.slowRuns >= 1)) throw new Error('--runs and --slow-runs take a whole number ≥ 1');
  const started = performance.now();
  const log = (message: string) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}\n`);

  const pages = (await readdir(pagesDir)).filter((name) => name.endsWith('.html')).sort();
  if (pages.length === 0) throw new Error(`No .html pages in ${pagesDir}`);
  log('building dictionaries and compiling them as the background does…');
  const dictionaries = await loadDictionaries(resolve(values.pack));
  for (const d of dictionaries) log(`${d.key}: ${count(d.aliases.length)} distinct aliases, compiled in ${ms(d.compileMs)} ms to ${megabytes(d.compiledBytes)}`);

  const probe = await bundleProbe();
  const server = await serveStatic(pagesDir);
  for (const d of dictionaries) server.routes.set(dictionaryPath(d), ['application/json', JSON.stringify(d.compiled)]);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
  const rows: PageRow[] = [];
  try {
    for (const [index, page] of pages.entries()) {
      const row = await benchPage(browser, server, probe, `${server.origin}/${encodeURIComponent(page)}`, dictionaries, runs);
      rows.push(row);
      log(
        `[${index + 1}/${pages.length}] ${page}: floor ${ms(row.floorMs)} ms; ` +
          dictionaries
            .map(
              (d) =>
                `${d.key}: ours ${ms(row.ours[d.key]!.mainMs)} ms (wall ${ms(row.ours[d.key]!.totalMs)}), mark.js ${ms(row.markRegExp[d.key]!.ms)} ms, longest task ${ms(row.ours[d.key]!.longestGapMs)} ms`,
            )
            .join('; '),
      );
    }
    const command = `npx tsx ${relative(ROOT, fileURLToPath(import.meta.url))} ${process.argv.slice(2).join(' ')}`.trim();
    const markdown = report({ command, chromiumVersion: browser.version(), pagesDir: relative(ROOT, pagesDir) || '.', runs, dictionaries, rows, elapsedS: (performance.now() - started) / 1000 });
    const out = resolve(values.out);
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, markdown + '\n');
    if (values.json) {
      const summaries = dictionaries.map(({ key, title, aliases, compileMs, compiledBytes }) => ({ key, title, aliases: aliases.length, compileMs, compiledBytes }));
      await writeFile(resolve(values.json), JSON.stringify({ chromiumVersion: browser.version(), dictionaries: summaries, rows } satisfies BenchJson));
    }
    console.log(markdown);
    log(`wrote ${relative(process.cwd(), out)}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
