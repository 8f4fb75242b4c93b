/**
 * Finds known names in a subtree and hands them to the highlighter. The page only walks its
 * text, in slices of a few milliseconds so that no task of ours holds its main thread for long;
 * each slice's runs of text go to `find` (the background's matcher, whose code and dictionary
 * stay warm there) and come back as matches.
 */
import type { Match } from '@/core/match';
import { MAX_FIND_CHARS, MAX_FIND_TEXTS } from '@/core/messages';
import type { Annotation } from './highlighter';
import { locateSpan } from './page-text';
import { textRuns, type TextRun } from './text-walker';

/** The matches in each of `texts`, in order. */
export type FindNames = (texts: string[]) => Promise<Match[][]>;

export interface ScanOptions {
  /** Longest slice of walking before the slice's text is matched and the page gets its turn. */
  sliceMs?: number;
  signal?: AbortSignal;
}

/** Most text asked about at once, so that an answer comes back soon even on a very long page. */
const BATCH_CHARS = 64_000;

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

/** A piece of a run as `find` reads it: runs longer than it takes are cut at a space. */
interface Piece {
  run: TextRun;
  offset: number;
  text: string;
}

function* piecesOf(run: TextRun): Generator<Piece> {
  let offset = 0;
  while (run.text.length - offset > MAX_FIND_CHARS) {
    const space = run.text.lastIndexOf(' ', offset + MAX_FIND_CHARS - 1);
    const end = space > offset ? space + 1 : offset + MAX_FIND_CHARS;
    yield { run, offset, text: run.text.slice(offset, end) };
    offset = end;
  }
  yield { run, offset, text: offset === 0 ? run.text : run.text.slice(offset) };
}

function* runsOf(roots: readonly Node[]): Generator<TextRun> {
  for (const root of roots) yield* textRuns(root);
}

/** Scans `roots` in turn and adds what it finds to `sink`; resolves when done or aborted. Their text is asked about together, a slice at a time. */
export async function scanInSlices(roots: readonly Node[], find: FindNames, sink: MatchSink, { sliceMs = 5, signal }: ScanOptions = {}): Promise<void> {
  // Start in a task of our own, apart from whatever made the scan start.
  await yieldToPage();
  const runs = runsOf(roots);
  for (let done = false; !done && !signal?.aborted;) {
    // A run is read as one string ("Kim <b>Jong-un</b>" is "Kim Jong-un"), its matches mapped back to its nodes.
    const batch: Piece[] = [];
    let chars = 0;
    const sliceStart = performance.now();
    while (batch.length === 0 || (chars < BATCH_CHARS && batch.length < MAX_FIND_TEXTS && performance.now() - sliceStart <= sliceMs)) {
      const next = runs.next();
      if (next.done) {
        done = true;
        break;
      }
      for (const piece of piecesOf(next.value)) {
        batch.push(piece);
        chars += piece.text.length;
      }
    }
    if (batch.length === 0) break;
    const found = await find(batch.map((piece) => piece.text));
    if (signal?.aborted || !(await placeInSlices(batch, found, sink, sliceMs, signal))) return;
  }
}

/**
 * Turns a batch's matches into ranges and hands them to `sink`, in slices of its own: a batch of a
 * long page's text holds thousands of names. Resolves to false when aborted.
 */
async function placeInSlices(batch: Piece[], found: Match[][], sink: MatchSink, sliceMs: number, signal: AbortSignal | undefined): Promise<boolean> {
  // The page may have changed a run's text while the answer travelled (or between two slices): such a run is left to the rescan its change brings (dom-watch.ts).
  const unchanged = new Map<TextRun, boolean>();
  const stillReads = (run: TextRun) => unchanged.get(run) ?? unchanged.set(run, readsAsBefore(run)).get(run)!;
  let placed: Annotation[] = [];
  let sliceStart = performance.now();
  for (const [i, { run, offset }] of batch.entries()) {
    if (found[i].length > 0 && stillReads(run)) for (const match of found[i]) placed.push(annotationOf(run, match, offset));
    if (performance.now() - sliceStart > sliceMs && i < batch.length - 1) {
      await sink.add(placed);
      placed = [];
      await yieldToPage();
      if (signal?.aborted) return false;
      unchanged.clear();
      sliceStart = performance.now();
    }
  }
  await sink.add(placed);
  return true;
}

function readsAsBefore(run: TextRun): boolean {
  let at = 0;
  for (const node of run.nodes) {
    if (!run.text.startsWith(node.data, at)) return false;
    at += node.data.length;
  }
  return at === run.text.length;
}

function annotationOf(run: TextRun, match: Match, offset: number): Annotation {
  const { range, nodes } = locateSpan(run, { start: match.start + offset, end: match.end + offset });
  return { range, entityId: match.entityId, type: match.type, nodes, ...(match.entityIds.length > 1 ? { candidates: match.entityIds } : {}) };
}
