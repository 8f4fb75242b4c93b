/**
 * The options page's import, off its main thread: reads the reader's files with the same code as
 * `npm run kb` (core/ingest/run.ts; HTML through linkedom as there, PDFs through PDF.js running in
 * this worker), reports progress after each file and stops between two when asked. It only reads
 * the database (to skip documents already stored); the page hands the packs to the background.
 */
import { DOMParser } from 'linkedom/worker';
import { getDocument } from 'pdfjs-dist';
import * as pdfWorker from 'pdfjs-dist/build/pdf.worker.mjs';
import bundledThesaurus from '@/corpus/aliases.tsv?raw';
import { knownDocumentsCollector, type KnownDocuments, type PdfLoader } from '@/core/ingest';
import type { ChosenFile } from '@/components/archive/chosen-files';
import { runImport, type ImportProgress, type ImportSummary } from '@/core/ingest/run';
import type { PackPart } from '@/components/archive/Archive';
import { packParts } from '@/core/pack-parts';
import { DATABASE_NAME } from '@/storage/database-name';

/**
 * The chosen files arrive a few at a time (posting thousands of files at once holds the page for
 * seconds), then 'start'; 'next' asks for the next part of what was read.
 */
export type ToImportWorker = { type: 'files'; files: ChosenFile[] } | { type: 'start' } | { type: 'next' } | { type: 'cancel' };
/**
 * Each pack read goes back in parts (core/pack-parts.ts), numbered by pack, one per 'next', before
 * 'done', as JSON text: the page hands it on to the background unread (a string crosses both
 * threads as one copy, where a graph of objects is rebuilt and serialised again on the page's thread).
 */
export type FromImportWorker =
  ({ type: 'progress' } & ImportProgress) | ({ type: 'part'; packIndex: number } & PackPart) | { type: 'done'; summary: ImportSummary; cancelled: boolean } | { type: 'error'; message: string };

// PDF.js runs its parser here, in this thread, instead of starting a worker of its own from a URL.
(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = pdfWorker;

/** Text only: no fonts installed, no code generated from the file, nothing fetched. */
const loadPdf: PdfLoader = (data) => getDocument({ data, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, useWorkerFetch: false, verbosity: 0 }).promise;

const parseHtml = (html: string) => new DOMParser().parseFromString(html, 'text/html') as unknown as Document;

let cancelled = false;
const chosen: ChosenFile[] = [];
let sendNext = () => {};
const post = (message: FromImportWorker) => postMessage(message);

addEventListener('message', ({ data }: MessageEvent<ToImportWorker>) => {
  if (data.type === 'cancel') cancelled = true;
  else if (data.type === 'files') chosen.push(...data.files);
  else if (data.type === 'next') sendNext();
  else void start(chosen);
});

async function start(files: ChosenFile[]) {
  try {
    const known = await storedDocuments();
    const sources = files.map(({ name, file }) => ({ name, bytes: async () => new Uint8Array(await file.arrayBuffer()) }));
    const result = await runImport(sources, { thesaurus: bundledThesaurus, parseHtml, loadPdf, known, onProgress: (progress) => post({ type: 'progress', ...progress }), cancelled: () => cancelled });
    // One part at a time: the page holds one while it hands it on, never the whole import.
    for (const [packIndex, pack] of result.packs.entries())
      for (const part of packParts(pack)) {
        const asked = new Promise<void>((resolve) => (sendNext = resolve));
        post({ type: 'part', packIndex, json: JSON.stringify(part), ...(part.notes !== undefined && { notes: part.notes }) });
        await asked;
      }
    post({ type: 'done', summary: result.summary, cancelled: result.cancelled });
  } catch (error) {
    post({ type: 'error', message: (error as Error).message });
  }
}

/**
 * The stored documents' text fingerprints and ids, as storage/packs.ts knownDocuments gives them,
 * read straight from IndexedDB and let go at once: without Dexie and the store's code this script
 * stays under the 5 MB that `web-ext lint` parses. A database that does not exist yet is not made here.
 */
function storedDocuments(): Promise<KnownDocuments> {
  const { known, add } = knownDocumentsCollector();
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DATABASE_NAME);
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onerror = () => (open.error?.name === 'AbortError' ? resolve(known) : reject(open.error));
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('documents')) {
        db.close();
        return resolve(known);
      }
      const cursor = db.transaction('documents').objectStore('documents').openCursor();
      cursor.onerror = () => {
        db.close();
        reject(cursor.error);
      };
      cursor.onsuccess = () => {
        const row = cursor.result;
        if (!row) {
          db.close();
          return resolve(known);
        }
        add(row.value as Parameters<typeof add>[0]);
        row.continue();
      };
    };
  });
}
