/**
 * What the real-browser benchmarks share (`npm run bench:real`, `npm run bench:parts`): how a run
 * starts, the do-nothing control extension, closing Contesto's welcome tab, the CPU time of the
 * browser's processes read from the scheduler, Contesto's word on its first scan, and one load read
 * by all of these.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import type { FirstScan } from '../../core/messages';
import { askScanState } from '../../tests/e2e/page-probes';
import { defaultPagesDir, spreadOver } from './bench-pages';
import type { ChromiumWithExtension } from './browsers';

/** After the load event, what every browser gets before it is measured: the extension's work and its follow-ups end well within it. */
export const SETTLE_MS = 1500;
/** How long a scan may take, with the large dictionary on a loaded machine, before the run fails. */
const SCAN_TIMEOUT_MS = 30_000;

/**
 * A run's pages (`count` of the folder's sorted `.html` files, spread over it) and runs, the machine's
 * load average at its start, a log that says the seconds since then, and where its report goes.
 */
export async function startRun(bench: string, pagesDir: string | undefined, { runs, pages: count }: { runs: string; pages: string }) {
  const folder = resolve(pagesDir ?? defaultPagesDir());
  if (!(Number(runs) >= 1)) throw new Error('--runs takes a whole number ≥ 1');
  const pages = spreadOver((await readdir(folder)).filter((name) => name.endsWith('.html')).sort(), Number(count));
  if (pages.length === 0) throw new Error(`No .html pages in ${folder}`);
  const started = performance.now();
  const seconds = () => Math.round((performance.now() - started) / 1000);
  const log = (message: string) => process.stderr.write(`[${bench} ${String(seconds()).padStart(4)} s] ${message}\n`);
  return {
    pagesDir: folder,
    pages,
    runs: Number(runs),
    loadBefore: loadavg()[0]!,
    seconds,
    log,
    /** Writes the run's report to `out` and prints it. */
    async report(out: string, markdown: string) {
      await writeFile(resolve(out), `${markdown}\n`);
      console.log(markdown);
      log(`wrote ${out}`);
    },
  };
}

/** A do-nothing MV3 extension: an empty service worker and an empty content script on every page, run at `runAt`. */
export async function controlExtension(runAt: 'document_start' | 'document_idle' = 'document_idle'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'contesto-control-'));
  const manifest = {
    manifest_version: 3,
    name: 'Control',
    version: '1.0',
    background: { service_worker: 'background.js' },
    content_scripts: [{ matches: ['http://*/*', 'https://*/*'], js: ['content.js'], run_at: runAt }],
  };
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
  await writeFile(join(dir, 'background.js'), '');
  await writeFile(join(dir, 'content.js'), '');
  return dir;
}

/**
 * Closes the tab Contesto opens on install, as a reader does once they have read it. Left open, it
 * would cost the extension's process on every page load: Chromium offers every message a content
 * script sends to each open page of the extension too, whether it listens or not.
 */
export async function closeWelcomeTab(browser: ChromiumWithExtension): Promise<void> {
  const deadline = performance.now() + 10_000;
  for (;;) {
    const welcome = browser.context.pages().find((page) => page.url().endsWith('/welcome.html'));
    if (welcome) return welcome.close();
    if (performance.now() > deadline) throw new Error('Contesto opened no welcome tab on install');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * CPU time of a process so far, in ms: the sum over its threads of the scheduler's own count, in
 * nanoseconds (/proc/<pid>/task/<tid>/schedstat). /proc/<pid>/stat and CDP's
 * SystemInfo.getProcessInfo count 10 ms ticks, too coarse for a few milliseconds a page.
 */
function cpuMs(pid: number): number {
  return tasksOf(pid).reduce((sum, tid) => sum + schedstat(pid, tid).runMs, 0);
}

/** A thread's time on a core and its time ready to run but waiting for one, in ms; zero for a thread that has ended. */
function schedstat(pid: number, tid: number | string): { runMs: number; waitMs: number } {
  try {
    const [run, wait] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ').map(Number);
    return { runMs: run! / 1e6, waitMs: wait! / 1e6 };
  } catch {
    return { runMs: 0, waitMs: 0 };
  }
}

function tasksOf(pid: number): string[] {
  try {
    return readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
}

/** Chromium rewrites its processes' titles, so the command line reads as one string of arguments. */
const isExtensionProcess = (pid: number) => {
  try {
    return /(^|[\s\0])--extension-process([\s\0]|$)/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return false;
  }
};

export type ProcessKind = 'extension' | 'page' | 'browser';
export interface ProcessCpu {
  kind: ProcessKind;
  /** The whole process's CPU, or for a page's renderer its main thread's (whose thread id is the process id). */
  ms: number;
  waitMs: number;
}

/** CPU time so far of the extension's process, of the pages' renderers' main threads, and of the browser's other processes. */
export async function processCpu(session: CDPSession): Promise<Map<number, ProcessCpu>> {
  const { processInfo } = (await session.send('SystemInfo.getProcessInfo' as never)) as { processInfo: { type: string; id: number }[] };
  const result = new Map<number, ProcessCpu>();
  for (const { type, id } of processInfo) {
    const kind: ProcessKind = type !== 'renderer' ? 'browser' : isExtensionProcess(id) ? 'extension' : 'page';
    if (kind === 'page') {
      const { runMs, waitMs } = schedstat(id, id);
      result.set(id, { kind, ms: runMs, waitMs });
    } else result.set(id, { kind, ms: cpuMs(id), waitMs: 0 });
  }
  return result;
}

/** What each kind of process spent between two readings of processCpu; the pages' main threads also their wait for a core. */
export function cpuBetween(before: Map<number, ProcessCpu>, after: Map<number, ProcessCpu>) {
  const spent = { extension: 0, page: 0, browser: 0 };
  let pageMainWaitMs = 0;
  const extensionPids: number[] = [];
  for (const [pid, { kind, ms, waitMs }] of after) {
    spent[kind] += ms - (before.get(pid)?.ms ?? 0);
    if (kind === 'page') pageMainWaitMs += waitMs - (before.get(pid)?.waitMs ?? 0);
    if (kind === 'extension') extensionPids.push(pid);
  }
  return { extensionCpuMs: spent.extension, browserCpuMs: spent.browser, pageMainCpuMs: spent.page, pageMainWaitMs, extensionPids };
}

/**
 * Contesto's first scan of the page, asked from the extension's service worker (tab/scan-state), as
 * its own pages would: the content script keeps it from the page's scripts. Asked after the figures
 * are read, so that the asking is not counted as the extension's work on the page.
 */
export async function firstScanOf(browser: ChromiumWithExtension, page: Page): Promise<FirstScan | null> {
  // The newest: a worker stopped before the load (bench:real's woken loads) has been started again since.
  const worker = browser.context.serviceWorkers().at(-1) ?? (await browser.context.waitForEvent('serviceworker'));
  return worker.evaluate(askScanState, page.url());
}

export interface LoadFigures extends Omit<ReturnType<typeof cpuBetween>, 'extensionPids'> {
  taskMs: number;
  scriptMs: number;
  styleMs: number;
  layoutMs: number;
  extensionPids: number[];
  /** Contesto's first scan, where it runs; null elsewhere. */
  scan: FirstScan | null;
  /** The page's DevTools session, still open. */
  cdp: CDPSession;
}

/**
 * Loads `url` fresh in `page` (cache off) and reads it SETTLE_MS after its load event and, where
 * Contesto runs, once its first scan has ended (a long page on a busy machine is read again a
 * moment later): the page renderer's main-thread metrics (CDP Performance.getMetrics), what each
 * kind of process spent over the load, and Contesto's word on its scan. `beforeLoad` runs just
 * before the navigation. Nothing is run in the page before it is read.
 */
export async function loadAndRead(
  browser: ChromiumWithExtension,
  session: CDPSession,
  page: Page,
  url: string,
  { contesto, beforeLoad }: { contesto: boolean; beforeLoad?: () => Promise<unknown> },
): Promise<LoadFigures> {
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Performance.enable');
  await beforeLoad?.();
  const cpuBefore = await processCpu(session);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(SETTLE_MS);
  const read = async () => ({
    metrics: (await cdp.send('Performance.getMetrics')).metrics,
    cpu: cpuBetween(cpuBefore, await processCpu(session)),
    scan: contesto ? await firstScanOf(browser, page) : null,
  });
  const deadline = performance.now() + SCAN_TIMEOUT_MS;
  let figures = await read();
  while (contesto && figures.scan?.endedAt == null) {
    if (performance.now() > deadline) throw new Error(`No scan finished on ${url} within ${SCAN_TIMEOUT_MS / 1000} s`);
    await page.waitForTimeout(250);
    figures = await read();
  }
  const metric = (name: string) => (figures.metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return {
    taskMs: metric('TaskDuration'),
    scriptMs: metric('ScriptDuration'),
    styleMs: metric('RecalcStyleDuration'),
    layoutMs: metric('LayoutDuration'),
    ...figures.cpu,
    scan: figures.scan,
    cdp,
  };
}
