/**
 * Finds known names in a subtree and hands them to the highlighter, in slices of a few
 * milliseconds so that no task of ours holds the page's main thread for long.
 */
import type { Matcher } from '@/core/match';
import type { Annotation } from './highlighter';
import { locateSpan } from './page-text';
import { textRuns } from './text-walker';

export interface ScanOptions {
  /** Longest slice of work before yielding to the page. */
  sliceMs?: number;
  signal?: AbortSignal;
}

/**
 * Gives the page its turn. Not setTimeout(0): browsers clamp nested timeouts to 4 ms, which
 * would leave the main thread idle between slices; a message-channel task runs at once.
 */
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
export const yieldToPage = () =>
  new Promise<void>((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });

/** Where a scan's matches go; a sink that draws in slices of its own returns a promise, which the scan awaits before it walks on. */
export interface MatchSink {
  add(annotations: Annotation[]): void | Promise<void>;
}

/** Scans `root` and adds what it finds to `sink`; resolves when done or aborted. */
export async function scanInSlices(root: Node, matcher: Matcher, sink: MatchSink, { sliceMs = 5, signal }: ScanOptions = {}): Promise<void> {
  // Start in a task of our own, apart from receiving and preparing the dictionary.
  await yieldToPage();
  if (signal?.aborted) return;
  let sliceStart = performance.now();
  let found: Annotation[] = [];
  for (const run of textRuns(root)) {
    // A run is read as one string ("Kim <b>Jong-un</b>" is "Kim Jong-un"), its matches mapped back to its nodes.
    for (const match of matcher.find(run.text)) {
      const { range, nodes } = locateSpan(run, match);
      found.push({ range, entityId: match.entityId, type: match.type, nodes, ...(match.entityIds.length > 1 ? { candidates: match.entityIds } : {}) });
    }
    if (performance.now() - sliceStart > sliceMs) {
      await sink.add(found);
      found = [];
      await yieldToPage();
      if (signal?.aborted) return;
      sliceStart = performance.now();
    }
  }
  await sink.add(found);
}
