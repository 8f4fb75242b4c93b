/**
 * `npm run bench:real`: Contesto's whole cost on a real page load, in the real browser. Debian's
 * Chromium loads each page fresh, several times, in four browsers side by side: without any
 * extension, with a do-nothing extension (the control: an empty service worker and an empty
 * content script), and with the built extension, once with the bundled pack and once with a
 * 30,000-alias gazetteer imported as the options page would. Per load it reads the page's
 * main-thread metrics (CDP Performance.getMetrics), the CPU time of the browser's other processes
 * (the extension's service worker among them), the time from DOMContentLoaded to the first and the
 * last highlight (as Contesto's content script tells the extension) and the heap after a full GC; one traced load per
 * page gives the longest task that ran our script, and the worst page's trace says where the time
 * goes.
 *
 *   npx tsx scripts/bench-real.ts [pagesDir] [--out bench/results-real.md] [--runs 3] [--pages 12] [--extension .output/chrome-mv3]
 */
import { readFile, rm } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CDPSession } from 'playwright-core';
import { parsePack, type Pack } from '../core/pack';
import { stopBackground } from '../tests/e2e/background';
import { BENCH_HEADERS, OFFLINE_ARGS, bootstrapInterval, distinctAliases, gazetteerEntries, median, packEntries, percentile, type MatchEntry } from './lib/bench-pages';
import { BUNDLED_PACK } from './lib/bundled-pack';
import { CHROME_BUILD, launchChromium, type ChromiumWithExtension } from './lib/browsers';
import { closeWelcomeTab, controlExtension, loadAndRead, SETTLE_MS, startRun } from './lib/page-load-cost';
import { serveStatic, type StaticServer } from './lib/serve';
import { PROFILED_TRACE_CATEGORIES, summarizeTrace, TASK_TRACE_CATEGORIES, type TraceEvent, type TraceSummary } from './lib/trace';

const ROOT = resolve(import.meta.dirname, '..');

const TARGETS = {
  extraTaskMedianMs: 10,
  extraTaskP95Ms: 30,
  extraTaskMedianLargeMs: 20,
  backgroundCpuMs: 5,
  firstHighlightMs: 100,
  longestTaskMs: 50,
};

type SetupKey = 'none' | 'control' | 'pack' | 'gazetteer';
interface Setup {
  key: SetupKey;
  title: string;
  browser: ChromiumWithExtension;
  /** Its CDP session for the browser as a whole (process list). */
  session: CDPSession;
  /** The loaded extension's origin, where there is one. */
  origin?: string;
  /** Contesto runs here, so the end of its scan is waited for. */
  contesto: boolean;
}

interface Sample {
  taskMs: number;
  scriptMs: number;
  styleMs: number;
  layoutMs: number;
  heapBytes: number;
  /** CPU time of the extension's own process (its service worker) during the load. */
  extensionCpuMs: number;
  /** CPU time of the browser, GPU and utility processes during the load. */
  browserCpuMs: number;
  /** CPU time of the pages' renderers' main threads during the load: what the page's main thread ran. */
  pageMainCpuMs: number;
  /** Time those threads were ready to run but waited for a core (the scheduler's run-queue wait). */
  pageMainWaitMs: number;
  firstHighlightMs?: number;
  lastHighlightMs?: number;
  /** When Contesto's first scan ended, after DOMContentLoaded. */
  scanEndMs?: number;
  highlights: number;
}

// ---------------------------------------------------------------- browsers

async function startSetup(key: SetupKey, title: string, extension: string | null, contesto = false): Promise<Setup> {
  const browser = await launchChromium({ extension, extraArgs: OFFLINE_ARGS });
  const session = await browser.context.browser()!.newBrowserCDPSession();
  if (contesto) await closeWelcomeTab(browser);
  return { key, title, browser, session, origin: extension ? `chrome-extension://${browser.extensionId}/` : undefined, contesto };
}

/** The gazetteer as a knowledge pack: one place per entity id, without documents, imported through the background as the options page does. */
function gazetteerPack(entries: MatchEntry[]): Pack {
  const byId = new Map<string, string[]>();
  for (const { alias, entityId } of entries) byId.set(entityId, [...(byId.get(entityId) ?? []), alias]);
  return {
    format: 'contesto-pack',
    version: 2,
    generatedAt: new Date().toISOString(),
    documents: [],
    entities: [...byId].map(([id, aliases]) => ({ id, name: aliases[0]!, type: 'place' as const, aliases: [...new Set(aliases)] })),
    events: [],
    mentions: [],
  };
}

async function importPack(setup: Setup, label: string, pack: Pack): Promise<void> {
  const page = await setup.browser.context.newPage();
  await page.goto(`${setup.origin}popup.html`);
  const reply = await page.evaluate(([l, p]) => chrome.runtime.sendMessage({ type: 'packs/import', payload: { label: l, pack: p } }), [label, pack] as const);
  await page.close();
  if (!(reply as { ok?: boolean }).ok) throw new Error(`Importing the gazetteer failed: ${JSON.stringify(reply)}`);
}

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

// ---------------------------------------------------------------- one load

/** Read in the page after the load: its DOMContentLoaded on the page's clock, and what is highlighted. No inner functions: tsx would name them with a helper the page lacks. */
function readPage() {
  const dcl = (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventStart;
  let highlights = 0;
  for (const [name, highlight] of CSS.highlights) if (name.startsWith('contesto-')) highlights += highlight.size;
  return { dcl, highlights };
}

/** Ends the browser-wide trace (every process: the page's renderer and the extension's) and returns its events. */
async function collectTrace(cdp: CDPSession): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  const collect = ((data: { value: TraceEvent[] }) => events.push(...data.value)) as never;
  cdp.on('Tracing.dataCollected' as never, collect);
  const complete = new Promise((done) => cdp.once('Tracing.tracingComplete' as never, done as never));
  await cdp.send('Tracing.end');
  await complete;
  cdp.off('Tracing.dataCollected' as never, collect);
  return events;
}

interface LoadOptions {
  /** Trace categories: traced when given (tracing costs time, so traced loads are not among the samples). */
  trace?: readonly string[];
  /** Stop the extension's service worker first, as Chromium does after 30 s without an event: the page meets a background that must start. */
  coldBackground?: boolean;
}

/** One fresh load in a new tab. */
async function loadOnce(setup: Setup, url: string, { trace, coldBackground = false }: LoadOptions = {}): Promise<{ sample: Sample; trace?: TraceEvent[]; extensionPids: number[] }> {
  const page = await setup.browser.context.newPage();
  try {
    if (coldBackground) await stopBackground(setup.browser.context, page, setup.browser.extensionId);
    const { cdp, scan, extensionPids, ...figures } = await loadAndRead(setup.browser, setup.session, page, url, {
      contesto: setup.contesto,
      beforeLoad: trace && (() => setup.session.send('Tracing.start', { traceConfig: { includedCategories: [...trace] }, transferMode: 'ReportEvents' })),
    });
    const events = trace ? await collectTrace(setup.session) : undefined;
    const { dcl, highlights } = await page.evaluate(readPage);
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return {
      sample: {
        ...figures,
        heapBytes: usedSize,
        firstHighlightMs: scan?.firstHighlightAt == null ? undefined : scan.firstHighlightAt - dcl,
        lastHighlightMs: scan?.lastHighlightAt == null ? undefined : scan.lastHighlightAt - dcl,
        scanEndMs: scan?.endedAt == null ? undefined : scan.endedAt - dcl,
        highlights,
      },
      trace: events,
      extensionPids,
    };
  } finally {
    await page.close();
  }
}

// ---------------------------------------------------------------- results

interface PageRow {
  page: string;
  /** Per setup: the median of each figure over the runs. */
  medians: Record<SetupKey, Sample>;
  /** Per Contesto setup: the traced load. */
  traces: Partial<Record<SetupKey, TraceSummary>>;
  /** Per Contesto setup and the control: the load that met a stopped background (LoadOptions.coldBackground). */
  cold: Partial<Record<SetupKey, Sample>>;
}

const FIGURES = [
  'taskMs',
  'scriptMs',
  'styleMs',
  'layoutMs',
  'heapBytes',
  'extensionCpuMs',
  'browserCpuMs',
  'pageMainCpuMs',
  'pageMainWaitMs',
  'firstHighlightMs',
  'lastHighlightMs',
  'scanEndMs',
  'highlights',
] as const;

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

function medianSample(samples: Sample[]): Sample {
  const result = {} as Record<(typeof FIGURES)[number], number | undefined>;
  for (const figure of FIGURES) {
    const values = samples.map((s) => s[figure]).filter((v): v is number => v !== undefined);
    result[figure] = values.length ? median(values) : undefined;
  }
  return result as Sample;
}

const ms = (value: number | undefined) => (value === undefined ? '–' : Math.abs(value) < 10 ? value.toFixed(1) : value.toFixed(0));
/** A bootstrap interval over pages (bootstrapInterval), as the summary writes it beside its figure. */
const range = ([low, high]: [number, number]) => `(${ms(low)} to ${ms(high)})`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const verdict = (pass: boolean) => (pass ? '**PASS**' : '**FAIL**');
const extra = (row: PageRow, key: SetupKey, figure: 'taskMs' | 'scriptMs' | 'styleMs' | 'layoutMs' | 'extensionCpuMs' | 'browserCpuMs' | 'pageMainCpuMs' | 'pageMainWaitMs' | 'heapBytes') =>
  row.medians[key][figure] - row.medians.control[figure];

function pageTable(rows: PageRow[], key: SetupKey): string {
  const header = [
    'Page',
    'Main thread, none / control / ours (ms)',
    'Extra over control: tasks',
    'script',
    'style',
    'layout',
    'Background tasks, wall (ms, traced)',
    'Background CPU (ms)',
    'Browser processes extra (ms)',
    'DCL → first / last highlight (ms)',
    'Tasks running our script, all / longest (ms, traced)',
    'Heap extra',
    'Highlights',
    'Woken background: its CPU / DCL → scan end (ms)',
  ];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`];
  for (const row of rows) {
    const m = row.medians;
    lines.push(
      `| ${[
        row.page,
        `${ms(m.none.taskMs)} / ${ms(m.control.taskMs)} / ${ms(m[key].taskMs)}`,
        ms(extra(row, key, 'taskMs')),
        ms(extra(row, key, 'scriptMs')),
        ms(extra(row, key, 'styleMs')),
        ms(extra(row, key, 'layoutMs')),
        ms(row.traces[key]?.backgroundTaskMs),
        ms(m[key].extensionCpuMs),
        ms(extra(row, key, 'browserCpuMs')),
        `${ms(m[key].firstHighlightMs)} / ${ms(m[key].lastHighlightMs)}`,
        `${ms(row.traces[key]?.ourTaskMs)} / ${ms(row.traces[key]?.longestOurTaskMs)}`,
        kb(extra(row, key, 'heapBytes')),
        String(m[key].highlights),
        `${ms(row.cold[key]?.extensionCpuMs)} / ${ms(row.cold[key]?.scanEndMs)}`,
      ].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

interface Summary {
  key: SetupKey;
  extraTask: { median: number; p95: number; interval: [number, number] };
  extraScript: number;
  extraStyle: number;
  extraLayout: number;
  backgroundTasks: { median: number; p95: number };
  backgroundCpu: { mean: number; median: number; meanInterval: [number, number] };
  browserCpuExtra: number;
  /** The page's renderer main thread: CPU time, and time ready but waiting for a core. */
  pageMainCpuExtra: number;
  pageMainWaitExtra: number;
  highlightedPages: number;
  firstHighlight: { median: number; p95: number };
  lastHighlight: number;
  longestTask: { ms: number; threadMs?: number; inParserMs?: number; page: string; parts: string };
  ourTasks: number;
  heapExtra: number;
  /** Loads that met a stopped background. */
  cold: {
    backgroundCpuMean: number;
    backgroundCpuMedian: number;
    /** Over the control's own woken load: its main thread's extra time, and of its threads' time, on a core and waiting for one. */
    extraTask: number;
    pageMainCpuExtra: number;
    pageMainWaitExtra: number;
    firstHighlight: number;
    scanEnd: number;
  };
}

function summarize(rows: PageRow[], key: SetupKey): Summary {
  const over = (pick: (row: PageRow) => number) => rows.map(pick);
  const both = (values: number[]) => ({ median: median(values), p95: percentile(values, 95) });
  const firsts = rows.map((r) => r.medians[key].firstHighlightMs).filter((v): v is number => v !== undefined);
  const lasts = rows.map((r) => r.medians[key].lastHighlightMs).filter((v): v is number => v !== undefined);
  const longest = rows
    .map((r) => ({
      ms: r.traces[key]?.longestOurTaskMs ?? 0,
      threadMs: r.traces[key]?.longestOurTaskThreadMs,
      inParserMs: r.traces[key]?.longestOurTaskInParserMs,
      page: r.page,
      parts: (r.traces[key]?.longestOurTaskParts ?? []).map((p) => `${p.name} ${ms(p.ms)} ms`).join(', '),
    }))
    .reduce((a, b) => (b.ms > a.ms ? b : a));
  return {
    key,
    extraTask: {
      ...both(over((r) => extra(r, key, 'taskMs'))),
      interval: bootstrapInterval(
        over((r) => extra(r, key, 'taskMs')),
        median,
      ),
    },
    extraScript: median(over((r) => extra(r, key, 'scriptMs'))),
    extraStyle: median(over((r) => extra(r, key, 'styleMs'))),
    extraLayout: median(over((r) => extra(r, key, 'layoutMs'))),
    backgroundTasks: both(over((r) => r.traces[key]?.backgroundTaskMs ?? 0)),
    backgroundCpu: {
      mean: mean(over((r) => r.medians[key].extensionCpuMs)),
      median: median(over((r) => r.medians[key].extensionCpuMs)),
      meanInterval: bootstrapInterval(
        over((r) => r.medians[key].extensionCpuMs),
        mean,
      ),
    },
    browserCpuExtra: median(over((r) => extra(r, key, 'browserCpuMs'))),
    pageMainCpuExtra: median(over((r) => extra(r, key, 'pageMainCpuMs'))),
    pageMainWaitExtra: median(over((r) => extra(r, key, 'pageMainWaitMs'))),
    highlightedPages: firsts.length,
    firstHighlight: firsts.length ? both(firsts) : { median: NaN, p95: NaN },
    lastHighlight: lasts.length ? median(lasts) : NaN,
    longestTask: longest,
    heapExtra: median(over((r) => extra(r, key, 'heapBytes'))),
    ourTasks: median(over((r) => r.traces[key]?.ourTaskMs ?? 0)),
    cold: {
      backgroundCpuMean: mean(over((r) => r.cold[key]!.extensionCpuMs)),
      backgroundCpuMedian: median(over((r) => r.cold[key]!.extensionCpuMs)),
      extraTask: median(over((r) => r.cold[key]!.taskMs - r.cold.control!.taskMs)),
      pageMainCpuExtra: median(over((r) => r.cold[key]!.pageMainCpuMs - r.cold.control!.pageMainCpuMs)),
      pageMainWaitExtra: median(over((r) => r.cold[key]!.pageMainWaitMs - r.cold.control!.pageMainWaitMs)),
      firstHighlight: median(rows.flatMap((r) => r.cold[key]!.firstHighlightMs ?? [])),
      scanEnd: median(rows.flatMap((r) => r.cold[key]!.scanEndMs ?? [])),
    },
  };
}

function summaryTable(pack: Summary, large: Summary, rows: PageRow[]): string {
  const controlOverNone = median(rows.map((r) => r.medians.control.taskMs - r.medians.none.taskMs));
  // Neither browser runs anything of an extension's on the page: how far apart they land is the run's own noise, what an extra of ours must beat to be seen.
  const noneLessControl = rows.map((r) => r.medians.none.taskMs - r.medians.control.taskMs);
  const line = (what: string, value: string, target: string, pass?: boolean) => `| ${what} | ${value} | ${target} | ${pass === undefined ? '' : verdict(pass)} |`;
  return [
    '| Figure (over pages) | Measured | Target | |',
    '| --- | ---: | ---: | --- |',
    line(
      'Extra main-thread time over the control, median (bundled pack)',
      `${ms(pack.extraTask.median)} ms ${range(pack.extraTask.interval)}`,
      `≤ ${TARGETS.extraTaskMedianMs} ms`,
      pack.extraTask.median <= TARGETS.extraTaskMedianMs,
    ),
    line('Extra main-thread time over the control, p95 (bundled pack)', `${ms(pack.extraTask.p95)} ms`, `≤ ${TARGETS.extraTaskP95Ms} ms`, pack.extraTask.p95 <= TARGETS.extraTaskP95Ms),
    line(
      'Extra main-thread time over the control, median (30,000 aliases)',
      `${ms(large.extraTask.median)} ms ${range(large.extraTask.interval)}`,
      `≤ ${TARGETS.extraTaskMedianLargeMs} ms`,
      large.extraTask.median <= TARGETS.extraTaskMedianLargeMs,
    ),
    line('Extra main-thread time over the control, p95 (30,000 aliases)', `${ms(large.extraTask.p95)} ms`, '', undefined),
    line('Tasks that ran our script, all together, median (traced; pack / 30,000)', `${ms(pack.ourTasks)} / ${ms(large.ourTasks)} ms`, '', undefined),
    line('…of it script / style / layout, medians (bundled pack)', `${ms(pack.extraScript)} / ${ms(pack.extraStyle)} / ${ms(pack.extraLayout)} ms`, '', undefined),
    line('…of it script / style / layout, medians (30,000 aliases)', `${ms(large.extraScript)} / ${ms(large.extraStyle)} / ${ms(large.extraLayout)} ms`, '', undefined),
    line(
      "The page's main thread, extra over the control, median (pack / 30,000): time on a core; time ready to run but waiting for a core",
      `${ms(pack.pageMainCpuExtra)} / ${ms(large.pageMainCpuExtra)} ms; ${ms(pack.pageMainWaitExtra)} / ${ms(large.pageMainWaitExtra)} ms`,
      '',
      undefined,
    ),
    ...[pack, large].map((s) =>
      line(
        `Background (extension process) CPU per page, mean / median over pages; its tasks' wall time in the traced loads (every thread, tracing on), median / p95 (${s === pack ? 'bundled pack' : '30,000 aliases'})`,
        `${ms(s.backgroundCpu.mean)} ${range(s.backgroundCpu.meanInterval)} / ${ms(s.backgroundCpu.median)} ms; ${ms(s.backgroundTasks.median)} / ${ms(s.backgroundTasks.p95)} ms`,
        `≤ ${TARGETS.backgroundCpuMs} ms (mean)`,
        s.backgroundCpu.mean <= TARGETS.backgroundCpuMs,
      ),
    ),
    line('Browser, GPU and utility processes, extra over the control, median (pack / 30,000)', `${ms(pack.browserCpuExtra)} / ${ms(large.browserCpuExtra)} ms`, '', undefined),
    line(
      `DOMContentLoaded → first highlight, median / p95 (bundled pack, the ${pack.highlightedPages} pages with one)`,
      `${ms(pack.firstHighlight.median)} / ${ms(pack.firstHighlight.p95)} ms`,
      `≤ ${TARGETS.firstHighlightMs} ms`,
      pack.firstHighlight.median <= TARGETS.firstHighlightMs,
    ),
    line(
      `DOMContentLoaded → first highlight, median / p95 (30,000 aliases, ${large.highlightedPages} pages)`,
      `${ms(large.firstHighlight.median)} / ${ms(large.firstHighlight.p95)} ms`,
      '',
      undefined,
    ),
    line('DOMContentLoaded → last highlight, median (pack / 30,000)', `${ms(pack.lastHighlight)} / ${ms(large.lastHighlight)} ms`, '', undefined),
    line(
      'Longest task running our script (traced load per page, worst page)',
      [pack, large]
        .map(({ longestTask: t }) => {
          const where = t.inParserMs === undefined ? '' : `, our part of the page's parser task of ${ms(t.inParserMs)} ms`;
          return `${ms(t.ms)} ms, ${ms(t.threadMs)} ms of it on a core (${t.page}${where}: ${t.parts})`;
        })
        .join(' / '),
      `≤ ${TARGETS.longestTaskMs} ms`,
      Math.max(pack.longestTask.ms, large.longestTask.ms) <= TARGETS.longestTaskMs,
    ),
    line('Heap held in the page, extra over the control, median (pack / 30,000)', `${kb(pack.heapExtra)} / ${kb(large.heapExtra)}`, '', undefined),
    line(
      'Woken background (one load per page after its service worker was stopped): extension process CPU per page, mean / median (pack; 30,000)',
      `${ms(pack.cold.backgroundCpuMean)} / ${ms(pack.cold.backgroundCpuMedian)} ms; ${ms(large.cold.backgroundCpuMean)} / ${ms(large.cold.backgroundCpuMedian)} ms`,
      '',
      undefined,
    ),
    line(
      '…DOMContentLoaded → first highlight, median; → end of the first scan, median (pack; 30,000)',
      `${ms(pack.cold.firstHighlight)}; ${ms(pack.cold.scanEnd)} ms; ${ms(large.cold.firstHighlight)}; ${ms(large.cold.scanEnd)} ms`,
      '',
      undefined,
    ),
    line(
      "…extra main-thread time over the control's woken load, median (pack / 30,000); of the main threads' time, on a core / waiting for one",
      `${ms(pack.cold.extraTask)} / ${ms(large.cold.extraTask)} ms; ${ms(pack.cold.pageMainCpuExtra)} / ${ms(pack.cold.pageMainWaitExtra)} ms; ${ms(large.cold.pageMainCpuExtra)} / ${ms(large.cold.pageMainWaitExtra)} ms`,
      '',
      undefined,
    ),
    line('Do-nothing extension over no extension, median main-thread time', `${ms(controlOverNone)} ms`, '', undefined),
    line(
      "The run's noise: no extension less the control, per page, median / p95; pages more than the p95 target apart (two browsers that run nothing of an extension's on the page)",
      `${ms(median(noneLessControl))} / ${ms(percentile(noneLessControl, 95))} ms; ${noneLessControl.filter((d) => Math.abs(d) > TARGETS.extraTaskP95Ms).length} of ${rows.length}`,
      '',
      undefined,
    ),
  ].join('\n');
}

/** Where the worst page's extra time goes: main-thread self time by event, ours against the control, and our JavaScript by function. */
function breakdown(page: string, key: SetupKey, ours: TraceSummary, control: TraceSummary): string {
  const names = [...new Set([...ours.selfByName.keys(), ...control.selfByName.keys()])]
    .map((name) => ({ name, ours: ours.selfByName.get(name) ?? 0, control: control.selfByName.get(name) ?? 0 }))
    .map((row) => ({ ...row, extra: row.ours - row.control }))
    .sort((a, b) => b.extra - a.extra)
    .slice(0, 12);
  return [
    `Traced loads of **${page}** with the ${key === 'pack' ? 'bundled pack' : '30,000 aliases'} and with the control (one load each, tracing on with the sampling profiler, so slower than the samples above and than the per-page traced loads). ` +
      `Main-thread tasks: ${ms(ours.taskMs)} ms against ${ms(control.taskMs)} ms; ${ours.ourTasks} tasks ran our script, ${ms(ours.ourTaskMs)} ms in all, the longest ${ms(ours.longestOurTaskMs)} ms; ` +
      `the profiler's samples put ${ms(ours.ourScriptMs)} ms in JavaScript called from our script.`,
    '',
    '| Main-thread event (self time) | Ours (ms) | Control (ms) | Extra (ms) |',
    '| --- | ---: | ---: | ---: |',
    ...names.map((row) => `| ${row.name} | ${ms(row.ours)} | ${ms(row.control)} | ${ms(row.extra)} |`),
    '',
    '| Our JavaScript by function (self time, sampled) | ms |',
    '| --- | ---: |',
    ...ours.ourFunctions.slice(0, 15).map((f) => `| \`${f.name}\` | ${ms(f.ms)} |`),
  ].join('\n');
}

// ---------------------------------------------------------------- main

/** `count` pages spread evenly over the sorted list, so that short and long pages both come in. */
async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string', default: 'bench/results-real.md' },
      runs: { type: 'string', default: '3' },
      pages: { type: 'string', default: '12' },
      extension: { type: 'string', default: CHROME_BUILD },
    },
  });
  const { pagesDir, pages, runs, loadBefore, seconds, log, report } = await startRun('bench:real', positionals[0], values);
  const fromPack = packEntries(parsePack(await readFile(BUNDLED_PACK, 'utf8')));
  const gazetteer = await gazetteerEntries(fromPack);
  const largeAliases = distinctAliases([...gazetteer, ...fromPack]).length;

  const server: StaticServer = await serveStatic(pagesDir, { documentHeaders: BENCH_HEADERS });
  const control = await controlExtension();
  const setups: Setup[] = [];
  try {
    setups.push(
      await startSetup('none', 'No extension', null),
      await startSetup('control', 'Do-nothing extension', control),
      await startSetup('pack', 'Contesto, bundled pack', resolve(values.extension), true),
      await startSetup('gazetteer', `Contesto, ${largeAliases.toLocaleString('en-US')} aliases`, resolve(values.extension), true),
    );
    const large = setups.find((s) => s.key === 'gazetteer')!;
    await importPack(large, 'Benchmark gazetteer', gazetteerPack(gazetteer));
    log(`imported the gazetteer (${largeAliases} distinct aliases with the pack)`);
    const urlOf = (page: string) => `${server.origin}/${encodeURIComponent(page)}`;
    // A first load in each browser warms what any first page pays once (the worker's start, the dictionary's compilation).
    for (const setup of setups) await loadOnce(setup, urlOf(pages[0]!));

    const samples = new Map(pages.map((page) => [page, new Map<SetupKey, Sample[]>(setups.map((s) => [s.key, []]))]));
    for (let run = 0; run < runs; run++) {
      for (const [index, page] of pages.entries()) {
        // The setups take turns in a rotating order, so that a slow moment of the machine does not hit only one.
        for (let turn = 0; turn < setups.length; turn++) {
          const setup = setups[(turn + index + run) % setups.length]!;
          samples
            .get(page)!
            .get(setup.key)!
            .push((await loadOnce(setup, urlOf(page))).sample);
        }
        log(`run ${run + 1}/${runs}, ${page}`);
      }
    }

    const rows: PageRow[] = [];
    for (const page of pages) {
      const row: PageRow = { page, medians: {} as PageRow['medians'], traces: {}, cold: {} };
      for (const setup of setups) row.medians[setup.key] = medianSample(samples.get(page)!.get(setup.key)!);
      for (const setup of setups.filter((s) => s.contesto)) {
        const { trace, extensionPids } = await loadOnce(setup, urlOf(page), { trace: TASK_TRACE_CATEGORIES });
        row.traces[setup.key] = summarizeTrace(trace!, urlOf(page), setup.origin!, extensionPids);
      }
      rows.push(row);
      log(`traced ${page}`);
    }
    const worst = rows.reduce((a, b) => (extra(b, 'pack', 'taskMs') > extra(a, 'pack', 'taskMs') ? b : a));
    const controlSetup = setups.find((s) => s.key === 'control')!;
    const traced = async (setup: Setup) => {
      const { trace, extensionPids } = await loadOnce(setup, urlOf(worst.page), { trace: PROFILED_TRACE_CATEGORIES });
      return summarizeTrace(trace!, urlOf(worst.page), setup.origin!, extensionPids);
    };
    const worstBreakdown = [
      breakdown(worst.page, 'pack', await traced(setups.find((s) => s.key === 'pack')!), await traced(controlSetup)),
      '',
      breakdown(worst.page, 'gazetteer', await traced(large), await traced(controlSetup)),
    ].join('\n');

    // Last, since each stops the worker: in real browsing a reader's pages come minutes apart, and Chromium stops a worker idle for 30 s.
    for (const row of rows) {
      for (const setup of setups.filter((s) => s.contesto || s.key === 'control')) row.cold[setup.key] = (await loadOnce(setup, urlOf(row.page), { coldBackground: true })).sample;
      log(`woken background, ${row.page}`);
    }
    const [packSummary, largeSummary] = [summarize(rows, 'pack'), summarize(rows, 'gazetteer')];

    const loadAfter = loadavg();
    const command = `npm run bench:real -- ${process.argv.slice(2).join(' ')}`.trim();
    const markdown = [
      '# Contesto on a real page load, in the real browser',
      '',
      `- Date: ${new Date().toISOString()}`,
      `- Command: \`${command}\` (\`npx tsx scripts/bench-real.ts\` after \`npm run build\`)`,
      `- Browser: headless Chromium ${setups[0]!.browser.context.browser()!.version()} (Debian); machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}`,
      `- Machine load (1-minute load average): ${loadBefore.toFixed(2)} at the start, ${loadAfter[0]!.toFixed(2)} at the end, on ${cpus().length} cores shared with other work: absolute times are inflated, differences between the four browsers (which take turns) less so.`,
      `- Pages: ${pages.length} of \`${relative(ROOT, pagesDir) || '.'}\` (spread over its sorted list), each loaded fresh in a new tab ${runs} times per browser (cache off), then once more traced and, in the Contesto browsers, once more after its service worker was stopped; figures per page are medians of the loads, summaries are over pages. Run time ${seconds()} s.`,
      "- Page conditions as in `npm run bench`: served from 127.0.0.1 with CSP `script-src 'none'` (the page's own scripts off), COOP/COEP; every other host fails at once (`--host-resolver-rules`).",
      `- Four browsers side by side: **none** (no extension), **control** (a do-nothing MV3 extension: empty service worker, empty content script at document_idle), **pack** (\`${relative(ROOT, resolve(values.extension))}\`, the bundled pack: ${distinctAliases(fromPack).length} aliases), **30,000 aliases** (the same build with the gazetteer of \`npm run bench\` imported as a pack: ${largeAliases.toLocaleString('en-US')} distinct aliases). In both Contesto browsers the welcome tab that opens on install is closed before any page is loaded, as a reader closes it: Chromium hands every message a content script sends to each open page of the extension as well, which costs the extension's process about 1.3 ms a page load while one is open (a scratch probe, 12 pages × 3 loads).`,
      '',
      '## What is measured',
      '',
      `- **Main thread** (CDP \`Performance.getMetrics\` at ${SETTLE_MS / 1000} s after the load event, and after Contesto's scan has finished): \`TaskDuration\`, \`ScriptDuration\`, \`RecalcStyleDuration\`, \`LayoutDuration\` of the page's renderer. *Extra* is the setup's median less the control's. Nothing of the bench runs in the page before they are read, in any setup: a script evaluated there by the bench (Playwright's \`page.evaluate\`) adds task time of its own (6 and 12 ms at the median in two runs of a scratch probe, 8 and 11 pages).`,
      "- **Background CPU**: CPU time of the extension's process (its service worker; found by `--extension-process`, timed from `/proc/<pid>/task/*/schedstat` in nanoseconds, because `/proc/<pid>/stat` and CDP's `SystemInfo.getProcessInfo` count 10 ms ticks) from before the navigation to the measurement; per page the median of the loads. *Browser processes extra*: the browser, GPU and utility processes, less the control's.",
      "- **The page's main thread on a core and waiting for one**: the same count for the main thread of the pages' renderers (a renderer's main thread has the process's id), its time running and its time ready to run but waiting for a core (the scheduler's run-queue wait), less the control's: what the page's extra task time is made of on this 2-core machine, where the extension's and the browser's processes compete with the page for the cores.",
      "- **DCL → first / last highlight**: when Contesto's first scan drew its first and its last highlight, on the page's clock, as the content script tells the extension (`tab/scan-state`, asked from the service worker after the figures above are read), less `domContentLoadedEventStart`.",
      "- **Longest task of ours**: from a traced load per page (CDP Tracing of tasks and script, without the sampling profiler, which about doubles the wall time of our tasks), the longest main-thread task that ran the extension's script, its wall time (what the target is about) and its thread time, the part of it the page's thread ran on a core. A task of the page's parser counts only our script's events in it (our `document_start` evaluation, our `readystatechange` listener): the page parses in it with or without us.",
      '- **Heap extra**: `Runtime.getHeapUsage` after a full GC (the page and our isolated world share one isolate), less the control.',
      "- **Woken background**: one more load per page in each Contesto browser and in the control's, after its service worker was stopped through the DevTools protocol (`ServiceWorker.stopAllWorkers`), as Chromium stops a worker that has had no event for 30 s: in real browsing, where a reader's pages come minutes apart, nearly every page meets a background that must start again (its process, its script, the store opened, the dictionary loaded). The other loads, a few seconds apart, meet a warm one. Its process's CPU over the load (a new process: all of it counted), when the first scan drew its first highlight and ended, and the page's main-thread time over the control's woken load, its time on a core and waiting for one.",
      "- **(low to high)** beside a summary figure: its 95% bootstrap interval over the pages (2,000 resamples of the pages' figures, seeded): where the same run could land on another draw of such pages. A change that moves a figure by less than that interval's width cannot be told from the machine's noise with this run.",
      '',
      '## Summary',
      '',
      summaryTable(packSummary, largeSummary, rows),
      '',
      '## Where the time goes (trace of the worst page)',
      '',
      worstBreakdown,
      '',
      ...setups.filter((s) => s.contesto).flatMap((s) => [`## ${s.title}: per page`, '', pageTable(rows, s.key), '']),
    ].join('\n');
    await report(values.out, markdown);
  } finally {
    for (const setup of setups) await setup.browser.close();
    await server.close();
    await rm(control, { recursive: true, force: true });
  }
}

await main();
