/**
 * Ingestion of a large folder spread over threads, with the same pack as ingest() in one thread:
 * the documents are shared out in name order, each share is read, cleaned of copies, recognised
 * and matched where it was read, and only what the whole corpus decides (which texts are copies,
 * the casing of words, the merged entities, the matcher) passes between threads. The shares go to
 * worker threads running one bundled script, as plain JavaScript: in this thread the code runs
 * through tsx's loader, about 25% slower. A folder too small to repay a worker's start is ingested
 * here. Node only (worker_threads): the extension ingests in one Web Worker.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { assemblePack, byName, copiedFrom, entityMatcher, failureOf, mergeAcrossDocuments, type IngestFailure, type IngestResult, type SourceInput } from '../../core/ingest';
import { bundledScript } from './worker-bundle';
import { IngestShard, type CasingWords, type Numbered, type ReadSummary, type Recognised } from './ingest-shard';
import type { DocumentRecords } from '../../core/ingest';
import type { CompiledMatcher } from '../../core/match';
import type { ShardReply, ShardRequest } from './ingest-worker';

export interface ParallelOptions {
  thesaurus?: string;
  /** Worker threads to use; defaults to the machine's cores. */
  threads?: number;
  now?: Date;
  /** Steps done of `total`: three per document (read, recognised, matched); a skipped document counts as done. */
  onProgress?: (done: number, total: number) => void;
}

/** Below this many documents per thread, starting a worker (and its gazetteers) costs more than it saves; below it in all, none is started. */
const DOCUMENTS_PER_THREAD = 150;

const WORKER_SOURCE = fileURLToPath(new URL('./ingest-worker.ts', import.meta.url));

/** The worker's code as one script, built once per process (and kept between runs: see worker-bundle.ts). */
let workerScript: Promise<string> | undefined;
const bundledWorker = () => (workerScript ??= bundledScript(WORKER_SOURCE));

interface Shard {
  read(inputs: Numbered<SourceInput>[]): Promise<ReadSummary>;
  casing(copies: number[]): Promise<CasingWords>;
  recognise(casing: CasingWords): Promise<Recognised>;
  records(matcher: CompiledMatcher): Promise<Numbered<DocumentRecords>[]>;
  close(): Promise<void>;
}

export async function ingestInParallel(inputs: SourceInput[], options: ParallelOptions = {}): Promise<IngestResult> {
  const ordered = byName(inputs).map((value, index) => ({ index, value }));
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), Math.floor(ordered.length / DOCUMENTS_PER_THREAD)));
  let done = 0;
  const tick = (count = 1) => options.onProgress?.((done += count), ordered.length * 3);
  const shards: Shard[] =
    ordered.length < DOCUMENTS_PER_THREAD
      ? [localShard(options.thesaurus, tick)]
      : await bundledWorker().then((script) => Array.from({ length: threads }, () => workerShard(script, options.thesaurus, tick)));
  try {
    const shares = sharedOut(ordered, shards.length);
    const reads = await Promise.all(shards.map((shard, share) => shard.read(shares[share]!)));

    // Which texts are copies is decided in the folder's order, as ingest() decides it.
    const failures: Numbered<IngestFailure>[] = reads.flatMap((summary) => summary.failures);
    const sourceOfText = new Map<string, string>();
    const copies: number[] = [];
    for (const { index, value } of inOrder(reads.flatMap((summary) => summary.read))) {
      const copy = copiedFrom(value.source, value.textHash, sourceOfText);
      if (copy) {
        copies.push(index);
        failures.push({ index, value: failureOf(value.source, copy) });
      }
    }
    tick(2 * failures.length); // what cannot be read or is a copy has no later stage to wait for
    const casings = await Promise.all(shards.map((shard) => shard.casing(copies)));
    const casing = {
      capitalisedMidSentence: [...new Set(casings.flatMap((words) => words.capitalisedMidSentence))],
      lowercase: [...new Set(casings.flatMap((words) => words.lowercase))],
    };

    const recognised = await Promise.all(shards.map((shard) => shard.recognise(casing)));
    const problems = inOrder(recognised.flatMap((result) => result.failures));
    tick(problems.length);
    const documents = inOrder(recognised.flatMap((result) => result.documents)).map(({ value }) => value);
    const entities = mergeAcrossDocuments(documents, { capitalisedMidSentence: new Set(casing.capitalisedMidSentence), lowercase: new Set(casing.lowercase) });
    const matcher = entityMatcher(entities);
    const records = inOrder((await Promise.all(shards.map((shard) => shard.records(matcher)))).flat()).map(({ value }) => value);

    return { pack: assemblePack(records, entities, options.now), failures: [...inOrder(failures), ...problems].map(({ value }) => value) };
  } finally {
    await Promise.all(shards.map((shard) => shard.close()));
  }
}

/**
 * Shares of about the same length in characters, each in name order: a thread waits for the slowest
 * at every stage, and articles differ in length far more than in number.
 */
function sharedOut(documents: Numbered<SourceInput>[], count: number): Numbered<SourceInput>[][] {
  const shares = Array.from({ length: count }, () => ({ length: 0, documents: [] as Numbered<SourceInput>[] }));
  for (const document of [...documents].sort((a, b) => b.value.content.length - a.value.content.length)) {
    const shortest = shares.reduce((best, share) => (share.length < best.length ? share : best));
    shortest.documents.push(document);
    shortest.length += document.value.content.length;
  }
  return shares.map((share) => inOrder(share.documents));
}

const inOrder = <T>(items: Numbered<T>[]) => [...items].sort((a, b) => a.index - b.index);

/** A small folder's only share, ingested in this thread. */
function localShard(thesaurus: string | undefined, tick: () => void): Shard {
  const shard = new IngestShard(thesaurus, tick);
  return {
    read: async (inputs) => shard.read(inputs),
    casing: async (copies) => shard.casing(copies),
    recognise: async (casing) => shard.recognise(casing),
    records: async (matcher) => shard.records(matcher),
    close: async () => {},
  };
}

function workerShard(script: string, thesaurus: string | undefined, tick: (count: number) => void): Shard {
  const worker = new Worker(script, { eval: true, workerData: { thesaurus } });
  const waiting = new Map<number, { resolve: (result: never) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  const failAll = (error: Error) => {
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };
  worker.on('message', (reply: ShardReply) => {
    if ('ticks' in reply) return tick(reply.ticks);
    const pending = waiting.get(reply.id);
    waiting.delete(reply.id);
    if ('error' in reply) pending?.reject(new Error(reply.error));
    else pending?.resolve(reply.result as never);
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`an ingestion thread stopped (exit code ${code})`)));
  const ask = <T>(stage: ShardRequest['stage'], argument: unknown) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve: resolve as (result: never) => void, reject });
      worker.postMessage({ id, stage, argument } satisfies ShardRequest);
    });
  return {
    read: (inputs) => ask('read', inputs),
    casing: (copies) => ask('casing', copies),
    recognise: (casing) => ask('recognise', casing),
    records: (matcher) => ask('records', matcher),
    close: async () => {
      await worker.terminate();
    },
  };
}
