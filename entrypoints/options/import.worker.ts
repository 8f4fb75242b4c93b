/**
 * The options page's import, off its main thread: reads the reader's files with the same code as
 * `npm run kb` (core/ingest/run.ts; HTML through linkedom as there, PDFs through PDF.js running in
 * this worker), reports progress after each file and stops between two when asked. The page tells
 * it which documents are stored (to skip them) and hands the packs to the background.
 */
import { DOMParser } from 'linkedom/worker';
import { getDocument } from 'pdfjs-dist';
import * as pdfWorker from 'pdfjs-dist/build/pdf.worker.mjs';
import bundledThesaurus from '@/corpus/aliases.tsv?raw';
import type { KnownDocuments, PdfLoader } from '@/core/ingest';
import type { ChosenFile } from '@/components/archive/chosen-files';
import { runImport, type ImportProgress, type ImportResult } from '@/core/ingest/run';

/** `known`: the documents already stored, read by the page (so that this worker carries no database code: its script stays small). */
export type ToImportWorker = { type: 'start'; files: ChosenFile[]; known: KnownDocuments } | { type: 'cancel' };
export type FromImportWorker = ({ type: 'progress' } & ImportProgress) | ({ type: 'done' } & ImportResult) | { type: 'error'; message: string };

// PDF.js runs its parser here, in this thread, instead of starting a worker of its own from a URL.
(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = pdfWorker;

/** Text only: no fonts installed, no code generated from the file, nothing fetched. */
const loadPdf: PdfLoader = (data) => getDocument({ data, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, useWorkerFetch: false, verbosity: 0 }).promise;

const parseHtml = (html: string) => new DOMParser().parseFromString(html, 'text/html') as unknown as Document;

let cancelled = false;
const post = (message: FromImportWorker) => postMessage(message);

addEventListener('message', (event: MessageEvent<ToImportWorker>) => {
  if (event.data.type === 'cancel') cancelled = true;
  else void start(event.data.files, event.data.known);
});

async function start(files: ChosenFile[], known: KnownDocuments) {
  try {
    const sources = files.map(({ name, file }) => ({ name, bytes: async () => new Uint8Array(await file.arrayBuffer()) }));
    const result = await runImport(sources, { thesaurus: bundledThesaurus, parseHtml, loadPdf, known, onProgress: (progress) => post({ type: 'progress', ...progress }), cancelled: () => cancelled });
    post({ type: 'done', ...result });
  } catch (error) {
    post({ type: 'error', message: (error as Error).message });
  }
}
