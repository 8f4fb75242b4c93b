/**
 * Ingestion cost, in Node as `npm run kb` runs it:
 *  - one plain-text document of 1, 2, 4 and 8 MB (time per MB must stay flat: linear ingestion);
 *  - a folder of 1,000 real-sized articles (documents per second), made from the real news
 *    pages of the development set (tests/fixtures/gold/index.tsv), each one a distinct document.
 * Writes bench/ingest.md.   npx tsx scripts/bench-ingest.ts [--out bench/ingest.md] [--documents 1000] [--runs 3]
 */
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DOMParser } from 'linkedom';
import { ingest, type SourceInput } from '../core/ingest';
import { loadGold } from './lib/ner-eval';
import { articleFolder, articleMaker, realArticles } from './lib/article-folder';
import { ingestInParallel } from './lib/parallel-ingest';
import type { Pack } from '../core/pack';

const ROOT = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: { out: { type: 'string', default: 'bench/ingest.md' }, documents: { type: 'string', default: '1000' }, runs: { type: 'string', default: '3' } },
});
const RUNS = Number(values.runs);
const parseHtml = (html: string) => new DOMParser().parseFromString(html, 'text/html') as unknown as Document;
const thesaurus = readFileSync(join(ROOT, 'corpus', 'aliases.tsv'), 'utf8');
const run = (inputs: SourceInput[]) => ingest(inputs, { parseHtml, thesaurus });

function timed<T>(work: () => T): [T, number] {
  const start = performance.now();
  const result = work();
  return [result, (performance.now() - start) / 1000];
}

// Real article text: the development set's pages as ingestion reads them.
const [articles, pagesSeconds] = timed(realArticles);
const article = articleMaker(articles);

const lines: string[] = [];
lines.push('# Ingestion benchmark', '');
lines.push(`- Date: ${new Date().toISOString()}`, `- Command: \`npx tsx scripts/bench-ingest.ts${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(' ')}` : ''}\``);
lines.push(`- Machine: ${cpus().length} cores (${cpus()[0]?.model.split(' ')[0] ?? 'unknown'}), Node ${process.version}`, '');

lines.push('## One long document', '', '| Size | Time | Time per MB |', '| ---: | ---: | ---: |');
const perMb: number[] = [];
for (const megabytes of [1, 2, 4, 8]) {
  let text = '';
  for (let index = 0; text.length < megabytes * 1_000_000; index++) text += `${article(index).replace(/^.*\n\n/, '')}\n\n`;
  const [, seconds] = timed(() => run([{ name: `long-${megabytes}mb.txt`, content: `Long report\n\n${text.slice(0, megabytes * 1_000_000)}` }]));
  perMb.push(seconds / megabytes);
  lines.push(`| ${megabytes} MB | ${seconds.toFixed(2)} s | ${(seconds / megabytes).toFixed(2)} s |`);
  process.stderr.write(`[bench:ingest] ${megabytes} MB in ${seconds.toFixed(2)} s\n`);
}
const flatness = Math.max(...perMb) / Math.min(...perMb);
lines.push('', `Largest over smallest time per MB: ${flatness.toFixed(2)}× (target ≤ 2×: ${flatness <= 2 ? '**PASS**' : '**FAIL**'}).`, '');

const count = Number(values.documents);
const folder = articleFolder(articles, count);
const characters = folder.reduce((sum, input) => sum + input.content.length, 0);
const sizes = folder.map((input) => input.content.length).sort((a, b) => a - b);
lines.push('## A folder of real-sized articles', '');
lines.push(
  `${count.toLocaleString('en-US')} articles, ${(characters / 1e6).toFixed(1)} M characters, median ${sizes[sizes.length >> 1]!.toLocaleString('en-US')} characters. \`npm run kb\` ingests a folder in worker threads running one bundled script, one per core (scripts/lib/parallel-ingest.ts, the same pack as \`ingest()\` in one thread); the options page ingests in one bundled Web Worker, as in the second row. Each row starts its threads cold, as a new run of the CLI does; the workers' script comes from node_modules/.cache/contesto, where esbuild builds it again (0.3 to 0.6 s more) only after a source file changes (scripts/lib/worker-bundle.ts).`,
  '',
);
lines.push(`| Ingestion | Time (median of ${RUNS} runs) | Runs | Documents per second (target ≥ 200) | Entities | Events |`, '| --- | ---: | --- | ---: | ---: | ---: |');
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Runs the folder's ingestion RUNS times, each with threads started anew, and writes the median. */
async function folderRow(label: string, threads?: number) {
  const seconds: number[] = [];
  let pack: Pack | undefined;
  for (let run = 0; run < RUNS; run++) {
    collectGarbage(); // what the long documents left behind: a new run of the CLI starts with none
    const start = performance.now();
    pack = (await ingestInParallel(folder, { thesaurus, threads })).pack;
    seconds.push((performance.now() - start) / 1000);
  }
  const median = [...seconds].sort((a, b) => a - b)[RUNS >> 1]!;
  const rate = count / median;
  process.stderr.write(`[bench:ingest] ${label}: ${count} articles in ${seconds.map((value) => value.toFixed(2)).join(', ')} s\n`);
  lines.push(
    `| ${label} | ${median.toFixed(2)} s | ${seconds.map((value) => value.toFixed(2)).join(', ')} s | ${rate.toFixed(0)} ${rate >= 200 ? '**PASS**' : '**FAIL**'} | ${pack!.entities.length.toLocaleString('en-US')} | ${pack!.events.length.toLocaleString('en-US')} |`,
  );
}
await folderRow(`\`npm run kb\`: ${availableParallelism()} worker threads`);
await folderRow('One worker thread', 1);
lines.push('', `The ${loadGold().length} source pages themselves, as HTML (Readability included): ${pagesSeconds.toFixed(2)} s, ${(loadGold().length / pagesSeconds).toFixed(0)} pages per second.`);

const markdown = lines.join('\n');
await mkdir(dirname(resolve(values.out)), { recursive: true });
await writeFile(resolve(values.out), `${markdown}\n`);
console.log(markdown);
