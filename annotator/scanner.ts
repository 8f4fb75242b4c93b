/**
 * Finds known names in a subtree and hands them to the highlighter, in slices of a few
 * milliseconds so that no task of ours holds the page's main thread for long.
 */
import type { Matcher } from '@/core/match';
import { matchSegments } from '@/core/match';
import type { Annotation, Highlighter } from './highlighter';
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
const yieldToPage = () =>
  new Promise<void>((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });

/** Scans `root` and adds what it finds to `highlighter`; resolves when done or aborted. */
export async function scanInSlices(root: Node, matcher: Matcher, highlighter: Highlighter, { sliceMs = 8, signal }: ScanOptions = {}): Promise<void> {
  const doc = root.ownerDocument ?? (root as Document);
  // Start in a task of our own, apart from receiving and preparing the dictionary.
  await yieldToPage();
  if (signal?.aborted) return;
  let sliceStart = performance.now();
  let found: Annotation[] = [];
  for (const run of textRuns(root)) {
    for (const match of matchSegments(matcher, run.nodes.map((node) => node.data))) {
      const range = doc.createRange();
      range.setStart(run.nodes[match.start.segment], match.start.offset);
      range.setEnd(run.nodes[match.end.segment], match.end.offset);
      const nodes = run.nodes.slice(match.start.segment, match.end.segment + 1);
      found.push({ range, entityId: match.entityId, type: match.type, nodes, ...(match.entityIds.length > 1 ? { candidates: match.entityIds } : {}) });
    }
    if (performance.now() - sliceStart > sliceMs) {
      highlighter.add(found);
      found = [];
      await yieldToPage();
      if (signal?.aborted) return;
      sliceStart = performance.now();
    }
  }
  highlighter.add(found);
}
