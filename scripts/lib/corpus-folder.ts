/**
 * A folder of documents as `npm run kb` reads it: every .txt/.md/.html/.pdf under it
 * (recursively; PDFs through PDF.js's Node build, as the options page reads them), and the
 * thesaurus to ingest it with: the bundled one (corpus/aliases.tsv) with the folder's own
 * aliases.tsv on top of it if there is one.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { failureOf, formatOf, isPdf, readPdf, type IngestFailure, type PdfLoader, type SourceInput } from '../../core/ingest';

const THESAURUS_FILE = 'aliases.tsv';
const BUNDLED_THESAURUS = join(import.meta.dirname, '..', '..', 'corpus', THESAURUS_FILE);

const loadPdf: PdfLoader = (data) => getDocument({ data, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;

/** The folder's documents; a PDF as its text, or as a failure when it has none to give. */
export async function readCorpus(folder: string): Promise<{ inputs: SourceInput[]; unreadable: IngestFailure[] }> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile() && formatOf(entry.name)).map((entry) => join(entry.parentPath, entry.name));
  const inputs: SourceInput[] = [];
  const unreadable: IngestFailure[] = [];
  for (const file of files) {
    const input = { name: relative(folder, file), content: new Uint8Array(await readFile(file)) };
    if (!isPdf(input.name)) inputs.push(input);
    else
      await readPdf(input, loadPdf).then(
        (text) => inputs.push(text),
        (error: unknown) => unreadable.push(failureOf(input.name, error)),
      );
  }
  return { inputs, unreadable };
}

/** The bundled thesaurus serves every corpus; a corpus's own aliases.tsv adds to it. */
export async function corpusThesaurus(folder: string): Promise<string> {
  const own = resolve(folder, THESAURUS_FILE) === resolve(BUNDLED_THESAURUS) ? undefined : await readFile(join(folder, THESAURUS_FILE), 'utf8').catch(() => undefined);
  return [await readFile(BUNDLED_THESAURUS, 'utf8'), own].filter(Boolean).join('\n');
}
