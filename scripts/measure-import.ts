/**
 * Import speed in the options page, as a reader meets it: headless Chromium with the built
 * extension, a folder of real pages chosen with the file picker, from the click on Add to the
 * summary (reading in the worker, building the pack, storing it through the background), and the
 * longest task on the options page's main thread meanwhile (PerformanceObserver, long tasks).
 *   npm run build && npx tsx scripts/measure-import.ts [folder ...]   (default: ../shared/pages/it and ../shared/pages/readability)
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { launchChromium } from './lib/browsers';

const ROOT = resolve(import.meta.dirname, '..');
const folders = process.argv.slice(2).length ? process.argv.slice(2) : [join(ROOT, '..', 'shared', 'pages', 'it'), join(ROOT, '..', 'shared', 'pages', 'readability')];

// One folder holding every page, as a reader would choose it.
const work = mkdtempSync(join(tmpdir(), 'contesto-import-'));
const folder = join(work, 'pages');
for (const source of folders) cpSync(source, join(folder, basename(source)), { recursive: true, filter: (path) => !path.endsWith('.tsv') });
const paths = readdirSync(folder, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => join(entry.parentPath, entry.name));
const files = paths.length;

const chromium = await launchChromium();
try {
  const options = await chromium.context.newPage();
  await options.goto(`chrome-extension://${chromium.extensionId}/options.html`);
  await options.evaluate(() => {
    const state = window as unknown as { longest: number };
    state.longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) state.longest = Math.max(state.longest, entry.duration);
    }).observe({ type: 'longtask' });
  });
  await options.getByLabel('Choose files').setInputFiles(paths);
  await options.getByLabel('Name for this collection').fill('Measured');
  // The longest task counts from here: choosing files is the browser's work, the import ours.
  await options.evaluate(() => ((window as unknown as { longest: number }).longest = 0));
  const started = Date.now();
  await options.getByRole('button', { name: 'Add to my knowledge base' }).click();
  await options.getByRole('region', { name: /^Added/ }).waitFor({ timeout: 600_000 });
  const seconds = (Date.now() - started) / 1000;
  const count = (heading: RegExp) => options.getByRole('region', { name: heading }).getByRole('listitem').count();
  const [added, duplicates, failed] = await Promise.all([count(/^Added/), count(/^Skipped/), count(/^Not added/)]);
  const longest = await options.evaluate(() => (window as unknown as { longest: number }).longest);
  console.log(`Folder: ${folders.join(' + ')} (${files} files)`);
  console.log(`Added ${added}, duplicates ${duplicates}, not added ${failed}, in ${seconds.toFixed(1)} s: ${(files / seconds).toFixed(1)} files/s, ${(added / seconds).toFixed(1)} documents added/s`);
  console.log(`Longest task on the options page's main thread during the import: ${Math.round(longest)} ms (0: none over 50 ms)`);
} finally {
  await chromium.close();
  rmSync(work, { recursive: true, force: true });
}
