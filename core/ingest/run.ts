/**
 * One import of a reader's files, as the options page's worker and `npm run kb` run it: PDFs read
 * to text, every document ingested one at a time (progress after each, a stop between two),
 * knowledge packs (.json) checked, and a summary by file name of what was added, what was
 * skipped as a duplicate and what failed, and why. One bad file never stops the others.
 */
import { parsePack, type Pack } from '../pack';
import { formatOf } from './document';
import { IngestError, type IngestFailure } from './errors';
import { stableHash } from '../hash';
import { bySourceName, failureOf, startIngestion, type BuildOptions, type KnownDocuments } from './index';
import { isPdf, readPdf, type PdfLoader } from './pdf';

export interface ImportFile {
  /** The file's name, or its path inside the folder the reader chose. */
  name: string;
  bytes(): Promise<Uint8Array>;
}

export interface ImportProgress {
  /** Files read so far, of `total`. */
  done: number;
  total: number;
  /** The file being read; none once every file is read and the pack is being built. */
  current?: string;
}

export interface ImportSummary {
  added: { file: string; title: string }[];
  duplicates: { file: string; sameAs: string }[];
  failed: { file: string; reason: string }[];
  /** Files not read because the reader cancelled. */
  notRead: string[];
}

export interface ImportResult {
  /** What to store: the documents ingested, then each knowledge pack given as a file. */
  packs: Pack[];
  summary: ImportSummary;
  cancelled: boolean;
}

export interface ImportOptions extends BuildOptions {
  loadPdf: PdfLoader;
  known?: KnownDocuments;
  onProgress?: (progress: ImportProgress) => void;
  /** Asked between two files: true stops the import, and what was read so far is kept. */
  cancelled?: () => boolean;
}

export const isPackFile = (name: string) => /\.json$/i.test(name);

/** What the import reads: a document format ingestion knows, or a pack. */
export const isImportable = (name: string) => formatOf(name) !== undefined || isPackFile(name);

/** Building the pack once every document is read takes about this share of the reading time (real news pages, bench). */
const BUILD_SHARE = 0.45;

/** Time left, from the time the files read so far took; the pack is built after the last one. */
export function timeLeftMs({ done, total }: ImportProgress, elapsedMs: number): number | undefined {
  if (done === 0) return undefined;
  const perFile = elapsedMs / done;
  return Math.round(perFile * (total - done) + perFile * total * BUILD_SHARE);
}

export async function runImport(files: ImportFile[], options: ImportOptions): Promise<ImportResult> {
  const session = startIngestion(options, options.known);
  const failures: IngestFailure[] = [];
  const packs: Pack[] = [];
  const packDocuments: { file: string; title: string }[] = [];
  const ordered = [...files].sort(bySourceName);
  const unsupported = ordered.filter((file) => !isImportable(file.name));
  for (const file of unsupported) failures.push(failure(file.name, 'not a file Contesto reads (.txt, .md, .html, .pdf, or a .json knowledge pack); skipped.'));
  const readable = ordered.filter((file) => isImportable(file.name));
  const notRead: string[] = [];
  for (const [index, file] of readable.entries()) {
    if (options.cancelled?.()) {
      notRead.push(...readable.slice(index).map(({ name }) => name));
      break;
    }
    options.onProgress?.({ done: index, total: readable.length, current: file.name });
    try {
      const bytes = await file.bytes();
      if (isPackFile(file.name)) {
        const { pack, duplicates } = withoutStoredDocuments(parsePack(new TextDecoder().decode(bytes)), file.name, options.known);
        packs.push(pack);
        failures.push(...duplicates);
        packDocuments.push(...pack.documents.map((document) => ({ file: `${file.name} › ${document.source}`, title: document.title })));
      } else {
        session.add(isPdf(file.name) ? await readPdf({ name: file.name, content: bytes }, options.loadPdf) : { name: file.name, content: bytes });
      }
    } catch (error) {
      failures.push(error instanceof IngestError ? { source: file.name, message: error.message } : failure(file.name, (error as Error).message));
    }
    // Lets a cancel (a worker message) arrive between two files.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  options.onProgress?.({ done: readable.length - notRead.length, total: readable.length });
  const { pack, failures: ingestFailures } = session.finish();
  const added = pack.documents.map((document) => ({ file: document.source, title: document.title }));
  return {
    packs: pack.documents.length > 0 ? [pack, ...packs] : packs,
    summary: importSummary([...added, ...packDocuments], [...failures, ...ingestFailures], notRead),
    cancelled: notRead.length > 0,
  };
}

/**
 * A pack without the documents the store already holds (same id, or same text), and without the
 * events, mentions and entities only they had: a colleague's knowledge base merges into the
 * reader's, and importing one's own export again adds nothing twice. Each is reported as a duplicate.
 */
export function withoutStoredDocuments(pack: Pack, file: string, known: KnownDocuments | undefined): { pack: Pack; duplicates: IngestFailure[] } {
  if (!known) return { pack, duplicates: [] };
  const duplicates: IngestFailure[] = [];
  const documents = pack.documents.filter((document) => {
    const sameText = known.textHashes.get(stableHash(document.text));
    const storedAs = sameText ?? (known.documentIds.has(document.id) ? document.id : undefined);
    if (storedAs !== undefined) duplicates.push(failureOf(`${file} › ${document.source}`, new IngestError(`${file} › ${document.source}`, `same text as ${storedAs}; skipped.`, storedAs)));
    return storedAs === undefined;
  });
  if (duplicates.length === 0) return { pack, duplicates };
  const kept = new Set(documents.map((document) => document.id));
  const events = pack.events.filter((event) => kept.has(event.documentId));
  const mentions = pack.mentions.filter((mention) => kept.has(mention.documentId));
  const named = new Set([...mentions.map((mention) => mention.entityId), ...events.flatMap((event) => event.entities)]);
  return { pack: { ...pack, documents, events, mentions, entities: pack.entities.filter((entity) => named.has(entity.id)) }, duplicates };
}

function failure(source: string, reason: string): IngestFailure {
  return { source, message: `${source}: ${reason}` };
}

/** Every file under one heading, by name; a failure's reason without the file name its message starts with. */
export function importSummary(added: { file: string; title: string }[], failures: IngestFailure[], notRead: string[]): ImportSummary {
  const byFile = <T extends { file: string }>(rows: T[]) => rows.sort((a, b) => bySourceName({ name: a.file }, { name: b.file }));
  const reasonOf = ({ source, message }: IngestFailure) => (message.startsWith(`${source}: `) ? message.slice(source.length + 2) : message);
  return {
    added: byFile(added),
    duplicates: byFile(failures.flatMap((entry) => (entry.duplicateOf === undefined ? [] : [{ file: entry.source, sameAs: entry.duplicateOf }]))),
    failed: byFile(failures.flatMap((entry) => (entry.duplicateOf === undefined ? [{ file: entry.source, reason: reasonOf(entry) }] : []))),
    notRead: [...notRead].sort(),
  };
}
