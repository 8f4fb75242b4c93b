/**
 * Builds a knowledge pack from a folder of documents:
 *   tsx scripts/kb.ts <corpus-dir> --out <file>
 * Reads every .txt/.md/.html/.pdf under the folder (recursively; PDFs through PDF.js's Node build, as the
 * options page reads them), on every core of the machine, with the bundled thesaurus
 * (corpus/aliases.tsv) and the folder's own aliases.tsv on top of it if there is one.
 * A document that cannot be read is reported by name and skipped; the exit code is 1 only when
 * no document could be read.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { IngestFailure, SourceInput } from '../core/ingest';
import { parsePack } from '../core/pack';
import { corpusThesaurus, readCorpus } from './lib/corpus-folder';
import { ingestInParallel } from './lib/parallel-ingest';

function usage(message: string): never {
  console.error(`${message}\nUsage: tsx scripts/kb.ts <corpus-dir> --out <file>`);
  process.exit(2);
}

let lastShown = 0;
/** One line, redrawn at most ten times a second: every document is read, recognised and matched. */
function showProgress(done: number, total: number) {
  if (done < total && performance.now() - lastShown < 100) return;
  lastShown = performance.now();
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${Math.floor((done / total) * 100)}% (${Math.ceil(done / 3)} of ${total / 3} documents)`);
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  const out = outAt >= 0 ? args[outAt + 1] : undefined;
  const folder = args.find((arg, index) => !arg.startsWith('--') && index !== outAt + 1);
  if (!folder) usage('Missing the corpus folder.');
  if (!out) usage('Missing --out <file>.');

  let inputs: SourceInput[];
  let unreadable: IngestFailure[];
  try {
    ({ inputs, unreadable } = await readCorpus(folder));
  } catch (error) {
    console.error(`Cannot read the corpus folder ${folder}: ${(error as Error).message}`);
    return 1;
  }
  const thesaurus = await corpusThesaurus(folder);
  const { pack, failures: ingestFailures } = await ingestInParallel(inputs, { thesaurus, onProgress: process.stderr.isTTY ? showProgress : undefined });
  if (process.stderr.isTTY) process.stderr.write('\n');
  const failures = [...unreadable, ...ingestFailures];
  for (const failure of failures) console.error(`Skipped ${failure.message}`);
  if (pack.documents.length === 0) {
    console.error(inputs.length + unreadable.length ? `No document in ${folder} could be read; no pack written.` : `No .txt, .md, .html or .pdf document in ${folder}; no pack written.`);
    return 1;
  }
  parsePack(pack);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, JSON.stringify(pack, null, 2));
  console.log(
    `${out}: ${pack.documents.length} documents, ${pack.entities.length} entities, ${pack.events.length} events, ${pack.mentions.length} mentions` +
      (failures.length ? `, ${failures.length} failed` : ''),
  );
  return 0;
}

// Whatever goes wrong, the reader gets one line that says what, never a stack trace.
process.exitCode = await main().catch((error: Error) => {
  console.error(`npm run kb failed: ${error.message}`);
  return 1;
});
