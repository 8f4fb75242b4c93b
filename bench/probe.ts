/**
 * The in-page half of `scripts/bench.ts`: bundled into one script and evaluated on a fresh
 * load of each page. Each function measures one contender and returns plain numbers.
 */
import Mark from 'mark.js/dist/mark.es6.js';
import { createHighlighter } from '@/annotator/highlighter';
import { scanInSlices } from '@/annotator/scanner';
import type { CompiledMatcher } from '@/core/match';
import type { MatchWorkerReply, MatchWorkerRequest } from './match-worker';

/** bench/match-worker.ts, bundled by scripts/bench.ts and defined at build time. */
declare const MATCH_WORKER_SOURCE: string;

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
  /** scanInSlices until done, wall clock, waits for the matcher thread included. */
  totalMs: number;
  /** The same less the waits for the matcher thread: what the page's main thread spent. */
  mainMs: number;
  /** The matcher thread's own time on the page's texts (the background's share). */
  matcherMs: number;
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

/**
 * The least a scanner pays that must see the page's elements (to skip menus, form fields and
 * editors, and to tell blocks apart): a bare TreeWalker over elements and text nodes, reading
 * each element's name and each text node's data, deciding nothing. Each element it reaches gets
 * a wrapper in the script's world, which the floor's text-only walk never makes.
 */
export function elementWalk(): FloorResult {
  collectGarbage();
  const start = performance.now();
  const walker = document.createTreeWalker(document, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  let chars = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) chars += node.nodeType === Node.TEXT_NODE ? (node as Text).data.length : (node as Element).localName.length;
  return { ms: performance.now() - start, chars };
}

/** A thread that stands for the background: the matcher loaded and warmed before the page is timed. */
async function startMatcherThread(dictionaryUrl: string, warmUp: string) {
  // Against the page's origin, not its base URL: a saved page's <base href> points at its own site.
  const compiled = (await (await fetch(new URL(dictionaryUrl, location.origin))).json()) as CompiledMatcher;
  const worker = new Worker(URL.createObjectURL(new Blob([MATCH_WORKER_SOURCE], { type: 'text/javascript' })));
  const next = () => new Promise<MatchWorkerReply>((resolve) => worker.addEventListener('message', ({ data }) => resolve(data as MatchWorkerReply), { once: true }));
  const ask = (request: MatchWorkerRequest) => {
    const replied = next();
    worker.postMessage(request);
    return replied;
  };
  await ask({ compiled, warmUp });
  let waitMs = 0;
  let matcherMs = 0;
  return {
    /** What the content script's page/find does, timed: the wait is the main thread's free time. */
    async find(texts: string[]) {
      const start = performance.now();
      const reply = (await ask({ texts })) as Extract<MatchWorkerReply, { matches: unknown }>;
      waitMs += performance.now() - start;
      matcherMs += reply.ms;
      return reply.matches;
    },
    totals: () => ({ waitMs, matcherMs }),
    stop: () => worker.terminate(),
  };
}

/** Every per-page cost of the content script, with the heartbeat and the long-task observer running. */
export async function ours(dictionaryUrl: string, warmUp: string): Promise<OursResult> {
  const matcherThread = await startMatcherThread(dictionaryUrl, warmUp);
  const longTasks: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries()));
  observer.observe({ type: 'longtask' });
  collectGarbage();
  const heapBefore = performance.memory.usedJSHeapSize;
  const heartbeat = startHeartbeat();
  await heartbeat.firstBeat;

  const start = performance.now();
  const highlighter = createHighlighter(document);
  await scanInSlices([document.body], matcherThread.find, highlighter);
  const end = performance.now();

  const longestGapMs = heartbeat.stop();
  // Long tasks are reported after they end: give the observer a turn to deliver them.
  await new Promise((resolve) => setTimeout(resolve, 0));
  longTasks.push(...observer.takeRecords());
  observer.disconnect();
  // The first task began before `start` (it resumed us after the first beat): keep overlaps.
  const longTasksMs = longTasks.filter((entry) => entry.startTime + entry.duration > start).map((entry) => entry.duration);
  const { waitMs, matcherMs } = matcherThread.totals();
  matcherThread.stop();
  keepAlive(highlighter);
  collectGarbage();
  const retainedHeapBytes = performance.memory.usedJSHeapSize - heapBefore;
  return { totalMs: end - start, mainMs: end - start - waitMs, matcherMs, matches: highlighter.annotations.length, longestGapMs, longTasksMs, retainedHeapBytes };
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
