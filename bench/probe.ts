/**
 * The in-page half of `scripts/bench.ts`: bundled into one script and evaluated on a fresh
 * load of each page. Each function measures one contender and returns plain numbers.
 */
import Mark from 'mark.js/dist/mark.es6.js';
import { createHighlighter } from '@/annotator/highlighter';
import { scanInSlices } from '@/annotator/scanner';
import { loadMatcher, type CompiledMatcher } from '@/core/match';

declare global {
  interface Performance {
    /** Chromium only; byte-precise with --enable-precise-memory-info. */
    memory: { usedJSHeapSize: number };
  }
}

export interface PageText {
  /** Characters in text nodes outside <script> and <style>. */
  readableChars: number;
  textNodes: number;
}

export interface FloorResult {
  ms: number;
  /** Characters read, all text nodes included. */
  chars: number;
}

export interface OursResult {
  /** Receiving (structuredClone), loadMatcher and scanInSlices until done. */
  totalMs: number;
  /** scanInSlices alone. */
  scanMs: number;
  matches: number;
  /** Largest gap between heartbeat pings: an upper bound of our longest task. */
  longestGapMs: number;
  /** Durations of the 'longtask' entries (> 50 ms) that overlap our run. */
  longTasksMs: number[];
  /** JS heap still held after a full GC: the matcher, the highlighter and its ranges. */
  retainedHeapBytes: number;
}

export interface MarkResult {
  ms: number;
  marks: number;
}

/** A full GC before each measure, so that none lands inside it by chance. */
function collectGarbage() {
  if (!globalThis.gc) throw new Error('gc() is missing: launch Chromium with --js-flags=--expose-gc');
  globalThis.gc();
}

export function pageText(): PageText {
  const walker = document.createTreeWalker(document, NodeFilter.SHOW_TEXT);
  let readableChars = 0;
  let textNodes = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    textNodes++;
    if (!node.parentElement?.closest('script, style')) readableChars += (node as Text).data.length;
  }
  return { readableChars, textNodes };
}

/** The floor: the least any text scanner pays, a TreeWalker reading every text node's data. */
export function floor(): FloorResult {
  collectGarbage();
  const start = performance.now();
  const walker = document.createTreeWalker(document, NodeFilter.SHOW_TEXT);
  let chars = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) chars += (node as Text).data.length;
  return { ms: performance.now() - start, chars };
}

/** Every per-page cost of the content script, with the heartbeat and the long-task observer running. */
export async function ours(dictionaryUrl: string): Promise<OursResult> {
  // As delivered by the background: already parsed, outside the timed section.
  const delivered = (await (await fetch(dictionaryUrl)).json()) as CompiledMatcher;
  const longTasks: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries()));
  observer.observe({ type: 'longtask' });
  collectGarbage();
  const heapBefore = performance.memory.usedJSHeapSize;
  const heartbeat = startHeartbeat();
  await heartbeat.firstBeat;

  const start = performance.now();
  const received = structuredClone(delivered);
  const matcher = loadMatcher(received);
  const highlighter = createHighlighter(document);
  const scanStart = performance.now();
  await scanInSlices(document.body, matcher, highlighter);
  const end = performance.now();

  const longestGapMs = heartbeat.stop();
  // Long tasks are reported after they end: give the observer a turn to deliver them.
  await new Promise((resolve) => setTimeout(resolve, 0));
  longTasks.push(...observer.takeRecords());
  observer.disconnect();
  // The first task began before `start` (it resumed us after the first beat): keep overlaps.
  const longTasksMs = longTasks.filter((entry) => entry.startTime + entry.duration > start).map((entry) => entry.duration);
  keepAlive(delivered, matcher, highlighter);
  collectGarbage();
  const retainedHeapBytes = performance.memory.usedJSHeapSize - heapBefore;
  return { totalMs: end - start, scanMs: end - scanStart, matches: highlighter.annotations.length, longestGapMs, longTasksMs, retainedHeapBytes };
}

/** mark.js with one combined expression, compiled here because a page pays for it on every load. */
export function markRegExp(source: string, flags: string): Promise<MarkResult> {
  collectGarbage();
  const start = performance.now();
  const regexp = new RegExp(source, flags);
  return new Promise((resolve) => new Mark(document.body).markRegExp(regexp, { done: (marks: number) => resolve({ ms: performance.now() - start, marks }) }));
}

/** mark.js given the aliases themselves: one expression and one document pass per alias. */
export function markArray(aliases: string[]): Promise<MarkResult> {
  collectGarbage();
  const start = performance.now();
  return new Promise((resolve) =>
    new Mark(document.body).mark(aliases, {
      separateWordSearch: false,
      accuracy: 'exactly',
      done: (marks: number) => resolve({ ms: performance.now() - start, marks }),
    }),
  );
}

/**
 * Pings itself through a MessageChannel, a task per ping with no timer clamping, so the longest
 * gap between two pings bounds the longest task that ran in between.
 */
function startHeartbeat() {
  const channel = new MessageChannel();
  let last = 0;
  let longestGap = 0;
  let running = true;
  let onFirstBeat: () => void;
  const firstBeat = new Promise<void>((resolve) => (onFirstBeat = resolve));
  channel.port1.onmessage = () => {
    const now = performance.now();
    if (last === 0) onFirstBeat();
    else longestGap = Math.max(longestGap, now - last);
    last = now;
    if (running) channel.port2.postMessage(null);
  };
  channel.port2.postMessage(null);
  return {
    firstBeat,
    stop() {
      running = false;
      // The gap from the last ping to now is ours too (the scan's last task).
      const longest = Math.max(longestGap, performance.now() - last);
      channel.port1.close();
      return longest;
    },
  };
}

/** Holds what the content script would hold, so the heap measure after GC counts it. */
function keepAlive(...objects: unknown[]) {
  (globalThis as { contestoBenchKept?: unknown[] }).contestoBenchKept = objects;
}
