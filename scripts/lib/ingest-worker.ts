/** A worker thread that holds one IngestShard and runs its stages when asked (scripts/lib/parallel-ingest.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { IngestShard } from './ingest-shard';

export interface ShardRequest {
  id: number;
  stage: 'read' | 'casing' | 'recognise' | 'records';
  argument: unknown;
}

export type ShardReply = { id: number; result: unknown } | { id: number; error: string } | { ticks: number };

const port = parentPort!;
let pendingTicks = 0;
// Progress crosses threads in batches: one message per document would cost more than the work.
const shard = new IngestShard(workerData.thesaurus as string | undefined, () => {
  if (++pendingTicks === 25) flushTicks();
});
function flushTicks() {
  if (pendingTicks) port.postMessage({ ticks: pendingTicks } satisfies ShardReply);
  pendingTicks = 0;
}

port.on('message', ({ id, stage, argument }: ShardRequest) => {
  try {
    const result = (shard[stage] as (argument: unknown) => unknown).call(shard, argument);
    flushTicks();
    port.postMessage({ id, result } satisfies ShardReply);
  } catch (error) {
    port.postMessage({ id, error: (error as Error).message } satisfies ShardReply);
  }
});
