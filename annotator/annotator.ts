/**
 * Everything Contesto does inside a page, wired together: scan and highlight, follow the page
 * as it changes (dom-watch.ts), and explain a highlight on hover (hover.ts) or from the keyboard
 * (keyboard.ts). Every listener goes through `ctx`, so an invalidated content script (extension
 * reloaded or updated) cleans up.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { FirstScan } from '@/core/messages';
import { matchesToDraw, type PageSettings } from '@/core/settings';
import { createReader } from './ambiguity';
import { watchDom } from './dom-watch';
import { createHighlighter, type Annotation } from './highlighter';
import { annotationAt } from './hit-test';
import { watchHover } from './hover';
import { watchKeyboard } from './keyboard';
import type { Popover, PopoverAnchor } from './popover';
import { scanInSlices, yieldToPage, type FindNames } from './scanner';

/** Most matches drawn in one go (see `drawing`). */
const MAX_BATCH = 5_000;
/** Longest stretch of registering highlights before the page gets its turn. */
const DRAW_SLICE_MS = 5;
/** Matches registered between two looks at the clock. */
const DRAW_STEP = 250;

/** What the focus can go back to when a card closes: the highlight's link or control. */
const FOCUSABLE = 'a[href], button, summary, [tabindex]';

export interface AnnotatorOptions extends Pick<PageSettings, 'hoverDelayMs' | 'highlightTypes' | 'occurrences'> {
  /** Time the pointer may spend between a highlight and the popover before it closes. */
  graceMs?: number;
  /** Batches DOM changes before rescanning what they touched. */
  mutationBatchMs?: number;
  /** Asks for a card while the hover delay runs (card-prefetch.ts). */
  prepareCard?(anchor: PopoverAnchor): void;
}

export type Annotator = ReturnType<typeof createAnnotator>;

export function createAnnotator(ctx: ContentScriptContext, doc: Document, find: FindNames, popover: Popover, options: AnnotatorOptions) {
  const { hoverDelayMs, graceMs = 300, mutationBatchMs = 150 } = options;
  const domWatch = watchDom(doc, rescanWithin, mutationBatchMs);
  const highlighter = createHighlighter(doc, domWatch.ownDomChange);
  let destroyed = false;
  let scans = new AbortController();

  const anchorFor = (annotation: Annotation): PopoverAnchor => {
    const reading = createReader(highlighter.annotations)(annotation);
    const words = annotation.range.toString();
    return {
      ...('entityId' in reading ? { entityId: reading.entityId } : { entityId: reading.candidates[0]!, candidates: reading.candidates, label: words }),
      words,
      // Every line of the name (it may wrap), so that the card covers none of them.
      getRect: () => annotation.range.getBoundingClientRect(),
      focusTarget: () => annotation.range.startContainer.parentElement?.closest<HTMLElement>(FOCUSABLE) ?? null,
    };
  };
  // Pointer and keys are watched from the first highlight on: a page with nothing to explain adds no listener to it.
  let input: { hover: ReturnType<typeof watchHover>; keyboard: ReturnType<typeof watchKeyboard> } | undefined;
  const watchInput = () =>
    (input ??= {
      hover: watchHover(ctx, doc, popover, { annotationAt: (x, y) => annotationAt(doc, highlighter, x, y), anchorFor, prepare: options.prepareCard }, { hoverDelayMs, graceMs }),
      keyboard: watchKeyboard(ctx, popover, highlighter, anchorFor),
    });

  const firstScan: FirstScan = { endedAt: null, firstHighlightAt: null, lastHighlightAt: null };
  // Only what the reader highlights: the types switched on and, with 'first', entities the page does not show yet.
  // Chromium rebuilds the marks of every registered range in the first frame after any change to the registry
  // (HighlightRegistry::ValidateHighlightMarkers), so matches are drawn in batches as large as what is already
  // drawn, up to MAX_BATCH (and at the end of each scan): fewer changes, and fewer tasks of ours (on the
  // 200,000-element page, 92 against 160 when every slice's matches were drawn at once). Past 2,000 matches only
  // those near the viewport are registered (near-viewport.ts). The cap keeps our own tasks short: without it,
  // first loads of that page held tasks of ours over 50 ms (docs/testing.md).
  // A batch is registered in slices of DRAW_SLICE_MS, each in a task of its own, so that registering thousands
  // of ranges never holds the page for long.
  let pending: Annotation[] = [];
  const drawing = {
    add: (found: Annotation[]) => {
      const shown = options.occurrences === 'first' ? new Set([...highlighter.annotations, ...pending].flatMap((a) => a.candidates ?? [a.entityId])) : undefined;
      pending = pending.concat(matchesToDraw(found, options, shown));
      return pending.length >= Math.min(highlighter.annotations.length, MAX_BATCH) ? drawPending() : undefined;
    },
  };
  async function drawPending() {
    while (pending.length > 0) {
      await yieldToPage();
      drawSlice();
    }
  }
  function drawSlice() {
    const sliceStart = performance.now();
    while (pending.length > 0 && performance.now() - sliceStart < DRAW_SLICE_MS) drawStep(pending.splice(0, DRAW_STEP));
  }
  function drawStep(step: Annotation[]) {
    // What the page removed while it waited is not drawn (Firefox refuses a highlight range outside the document).
    const drawn = step.filter((a) => a.range.startContainer.isConnected && a.range.endContainer.isConnected);
    if (drawn.length === 0) return;
    highlighter.add(drawn);
    watchInput();
    // Draws after the first scan's end are rescans of what the page changed: not the first scan's.
    if (firstScan.endedAt === null) {
      const now = performance.now();
      firstScan.firstHighlightAt ??= now;
      firstScan.lastHighlightAt = now;
    }
  }

  function scan(roots: readonly Node[]) {
    // A scan the background cannot answer (the extension was reloaded or removed) ends quietly, keeping what it drew.
    return scanInSlices(roots, find, drawing, { signal: scans.signal })
      .catch(() => {})
      .finally(drawPending);
  }

  /** Ends the scans under way and what they left to draw; the signal of the scan that starts. */
  function restartScans(): AbortSignal {
    scans.abort();
    scans = new AbortController();
    pending = [];
    return scans.signal;
  }

  function rescanAll() {
    restartScans();
    popover.hide();
    highlighter.clear();
    input?.keyboard.reset();
    return domWatch.hold(scan([doc.body]));
  }

  /**
   * Reads the whole page again (the knowledge changed) and swaps the new matches in for the old in
   * one task: what is drawn stays until then, so open tabs never blink, and an open card stays open.
   */
  function refreshAll() {
    const signal = restartScans();
    const found: Annotation[] = [];
    const collecting = { add: (annotations: Annotation[]) => void found.push(...annotations) };
    const swap = () => {
      if (signal.aborted) return;
      highlighter.clear();
      input?.keyboard.reset();
      pending = matchesToDraw(found, options);
      drawSlice();
      return drawPending();
    };
    return domWatch.hold(
      scanInSlices([doc.body], find, collecting, { signal })
        .then(swap)
        // As scan(): a refresh the background cannot answer keeps what is drawn.
        .catch(() => {}),
    );
  }

  /** Rescans the blocks the page changed, after forgetting what left the page; resolves when done (dom-watch.ts runs one batch at a time). */
  function rescanWithin(roots: Node[]) {
    highlighter.pruneDetached();
    highlighter.removeWithin(roots);
    return scan(roots);
  }

  return {
    highlighter,
    async start() {
      // ctx removes this listener only when the content script is invalidated, not when Contesto is turned off.
      ctx.addEventListener(window, 'wxt:locationchange', () => {
        if (!destroyed) void rescanAll();
      });
      domWatch.start();
      // Changes made while the page is first scanned wait for the scan, so no block is scanned twice at once.
      await domWatch.hold(scan([doc.body]));
      if (destroyed) return;
      firstScan.endedAt = performance.now();
    },
    /** When the first scan drew and ended (tab/scan-state). */
    firstScan: (): FirstScan => ({ ...firstScan }),
    /** Call when the knowledge changed: the page is read with the new dictionary (see refreshAll). */
    refresh: () => (destroyed ? Promise.resolve() : refreshAll()),
    destroy() {
      destroyed = true;
      scans.abort();
      pending = [];
      domWatch.destroy();
      input?.hover.destroy();
      input?.keyboard.destroy();
      popover.remove();
      highlighter.clear();
    },
  };
}
