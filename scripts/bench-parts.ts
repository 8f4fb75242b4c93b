/**
 * `npm run bench:parts`: where Contesto's cost on a page load comes from, by stages. Beside the
 * whole build (`npm run build`'s), it builds the extension twice more (wxt.config.ts puts these
 * partial builds next to the real one): its content script stopped once the script is evaluated,
 * and stopped once the background answered its first question (`page/init`). Each build runs in a
 * Chromium of its own beside the do-nothing control of `npm run bench:real` and an empty content
 * script at `document_start` (what running that early costs by itself); every page is loaded fresh
 * in each browser in turn, as bench:real loads them. A stage's figure less the one before it is
 * what that stage adds.
 *
 *   npx tsx scripts/bench-parts.ts [pagesDir] [--out bench/parts.md] [--runs 4] [--pages 12]   (after npm run build)
 */
import { execFileSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CDPSession } from 'playwright-core';
import { BENCH_HEADERS, OFFLINE_ARGS, bootstrapInterval, median } from './lib/bench-pages';
import { CHROME_BUILD, launchChromium, type ChromiumWithExtension } from './lib/browsers';
import { closeWelcomeTab, controlExtension, loadAndRead, SETTLE_MS, startRun } from './lib/page-load-cost';
import { serveStatic } from './lib/serve';

const ROOT = resolve(import.meta.dirname, '..');

interface Stage {
  key: string;
  title: string;
  /** Where a partial build of Contesto stops its content script (CONTESTO_CONTENT_STOP). */
  stop?: 'evaluated' | 'asked';
  /** Contesto's whole build: its figures are read once its first scan has ended (loadAndRead). */
  whole?: boolean;
}

const STAGES: Stage[] = [
  { key: 'control', title: 'Do-nothing extension (content script at document_idle)' },
  { key: 'start', title: 'Empty content script at document_start' },
  { key: 'evaluated', title: 'Contesto, stopped once its script is evaluated', stop: 'evaluated' },
  { key: 'asked', title: 'Contesto, stopped once the background answered page/init', stop: 'asked' },
  { key: 'whole', title: 'Contesto, whole (bundled pack)', whole: true },
];

const FIGURES = [
  ['taskMs', 'Task'],
  ['scriptMs', 'Script'],
  ['styleMs', 'Style'],
  ['layoutMs', 'Layout'],
  ['pageMainCpuMs', 'Main thread on a core'],
  ['pageMainWaitMs', 'Main thread waiting for a core'],
  ['extensionCpuMs', 'Extension process CPU'],
] as const;
type Figure = (typeof FIGURES)[number][0];
type Sample = Record<Figure, number>;

interface Setup {
  stage: Stage;
  browser: ChromiumWithExtension;
  session: CDPSession;
}

/** Builds the extension for Chromium with its content script stopped at `stop`, beside the whole build (wxt.config.ts); returns its folder. */
function partialBuild(stop: 'evaluated' | 'asked'): string {
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'wxt', 'bin', 'wxt.mjs'), 'build'], { cwd: ROOT, stdio: 'ignore', env: { ...process.env, CONTESTO_CONTENT_STOP: stop } });
  return `${CHROME_BUILD}-stopped-${stop}`;
}

async function load(setup: Setup, url: string): Promise<Sample> {
  const page = await setup.browser.context.newPage();
  try {
    // As bench:real: the whole build is read after its first scan has ended.
    const figures = await loadAndRead(setup.browser, setup.session, page, url, { contesto: !!setup.stage.whole });
    return Object.fromEntries(FIGURES.map(([figure]) => [figure, figures[figure]])) as Sample;
  } finally {
    await page.close();
  }
}

const fmt = (ms: number) => (Math.abs(ms) >= 10 ? ms.toFixed(0) : ms.toFixed(1));

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { out: { type: 'string', default: 'bench/parts.md' }, runs: { type: 'string', default: '4' }, pages: { type: 'string', default: '12' } },
  });
  const { pagesDir, pages, runs, loadBefore, seconds, log, report } = await startRun('bench:parts', positionals[0], values);

  // The whole build is the one `npm run build` made (npm run bench:parts makes it first).
  const extensions = new Map<string, string>([
    ['control', await controlExtension('document_idle')],
    ['start', await controlExtension('document_start')],
    ['whole', CHROME_BUILD],
  ]);
  for (const stage of STAGES) if (stage.stop) extensions.set(stage.key, partialBuild(stage.stop));
  log('built');

  const server = await serveStatic(pagesDir, { documentHeaders: BENCH_HEADERS });
  const setups: Setup[] = [];
  try {
    for (const stage of STAGES) {
      const browser = await launchChromium({ extension: extensions.get(stage.key)!, extraArgs: OFFLINE_ARGS });
      if (stage.stop || stage.whole) await closeWelcomeTab(browser);
      setups.push({ stage, browser, session: await browser.context.browser()!.newBrowserCDPSession() });
    }
    const urlOf = (page: string) => `${server.origin}/${encodeURIComponent(page)}`;
    for (const setup of setups) await load(setup, urlOf(pages[0]!));
    const samples = new Map(setups.map((s) => [s.stage.key, new Map<string, Sample[]>(pages.map((p) => [p, []]))]));
    for (let run = 0; run < runs; run++) {
      for (const [index, page] of pages.entries()) {
        // In a rotating order, as bench:real: a slow moment of the machine does not hit one stage only.
        for (let turn = 0; turn < setups.length; turn++) {
          const setup = setups[(turn + index + run) % setups.length]!;
          samples
            .get(setup.stage.key)!
            .get(page)!
            .push(await load(setup, urlOf(page)));
        }
        log(`run ${run + 1}/${runs}, ${page}`);
      }
    }

    const perPage = (key: string, page: string, figure: Figure) =>
      median(
        samples
          .get(key)!
          .get(page)!
          .map((s) => s[figure]),
      );
    /** Per page, the stage's median less the control's. */
    const extras = (key: string, figure: Figure) => pages.map((page) => perPage(key, page, figure) - perPage('control', page, figure));
    const cell = (key: string, figure: Figure) => {
      const values = extras(key, figure);
      const [low, high] = bootstrapInterval(values, median);
      return `${fmt(median(values))} (${fmt(low)} to ${fmt(high)})`;
    };
    /** What a stage adds to the one before it: the median over pages of the per-page difference. */
    const step = (key: string, before: string) => fmt(median(pages.map((page) => perPage(key, page, 'taskMs') - perPage(before, page, 'taskMs'))));
    const measured = STAGES.slice(1);
    const rows = measured.map((stage, i) => `| ${stage.title} | ${FIGURES.map(([figure]) => cell(stage.key, figure)).join(' | ')} | ${step(stage.key, STAGES[i]!.key)} |`);
    const loadAfter = loadavg();
    const command = ['npm run bench:parts', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
    const markdown = [
      '# Where Contesto’s cost on a page load comes from, by stages',
      '',
      `- Date: ${new Date().toISOString()}`,
      `- Command: \`${command}\``,
      `- Browser: headless Chromium ${setups[0]!.browser.context.browser()!.version()} (Debian); machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}; load average ${loadBefore.toFixed(2)} at the start, ${loadAfter[0]!.toFixed(2)} at the end.`,
      `- Pages: ${pages.length} of \`${relative(ROOT, pagesDir) || '.'}\` (spread over its sorted list), each loaded fresh in a new tab ${runs} times per browser, the browsers taking turns in a rotating order; served and measured as in \`npm run bench:real\` (page scripts off, cache off, figures read ${SETTLE_MS / 1000} s after the load event, and for the whole build after its first scan has ended). Run time ${seconds()} s.`,
      '- Five browsers: the do-nothing control of `bench:real`, an empty content script at `document_start`, and three builds of Contesto with the bundled pack, its content script stopped once evaluated, stopped once the background answered `page/init` (what it asks at the document’s start), and whole.',
      '- Each figure: the median over pages of the stage’s per-page median less the control’s, with its 95% bootstrap interval over the pages. *Task* is `TaskDuration` (CDP `Performance.getMetrics`): the wall time of the page’s main-thread tasks, waits for a core included; *on a core* and *waiting* are the scheduler’s count for that thread. *Adds to the stage before* is the median over pages of the per-page difference in task time.',
      '',
      `| Stage (extra over the control, ms) | ${FIGURES.map(([, title]) => title).join(' | ')} | Adds to the stage before (task) |`,
      `| --- | ${FIGURES.map(() => '---:').join(' | ')} | ---: |`,
      ...rows,
    ].join('\n');
    await report(values.out, markdown);
  } finally {
    for (const setup of setups) await setup.browser.close();
    await server.close();
    for (const key of ['control', 'start']) await rm(extensions.get(key)!, { recursive: true, force: true });
  }
}

await main();
