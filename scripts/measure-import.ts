/**
 * Import speed in the options page, as a reader meets it: headless Chromium with the built
 * extension, a folder of real pages chosen with the file picker, from the click on Add to the
 * summary (reading in the worker, building the pack, storing it through the background), and the
 * longest task on the options page's main thread meanwhile (scripts/lib/options-import.ts).
 *   npm run build && npx tsx scripts/measure-import.ts [folder ...]   (default: ../shared/pages/it and ../shared/pages/readability)
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { launchChromium } from './lib/browsers';
import { importInOptionsPage } from './lib/options-import';

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
  const { seconds, added, duplicates, failed, longestTaskMs, phases, errors } = await importInOptionsPage(chromium, paths);
  console.log(`Folder: ${folders.join(' + ')} (${files} files)`);
  console.log(`Added ${added}, duplicates ${duplicates}, not added ${failed}, in ${seconds.toFixed(1)} s: ${(files / seconds).toFixed(1)} files/s, ${(added / seconds).toFixed(1)} documents added/s`);
  if (phases) console.log(`Reading ${phases.readingS.toFixed(1)} s, building the pack ${phases.buildingS.toFixed(1)} s, storing ${phases.storingS.toFixed(1)} s`);
  console.log(`Longest task on the options page's main thread during the import: ${Math.round(longestTaskMs)} ms (0: none over 50 ms)`);
  for (const error of errors) console.log(`Error: ${error}`);
} finally {
  await chromium.close();
  rmSync(work, { recursive: true, force: true });
}
