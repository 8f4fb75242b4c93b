/**
 * Everything Contesto does inside a page, wired together: scan and highlight, follow the page
 * as it changes, and explain a highlight on hover or from the keyboard. Every listener goes
 * through `ctx`, so an invalidated content script (extension reloaded or updated) cleans up.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Matcher } from '@/core/match';
import { createHighlighter, inReadingOrder, type Annotation } from './highlighter';
import { createReader } from './ambiguity';
import { annotationAt } from './hit-test';
import type { Popover, PopoverAnchor } from './popover';
import { scanInSlices } from './scanner';
import { blockContaining, isInsideSkipped, OWN_UI_ATTRIBUTE } from './text-walker';

export interface AnnotatorOptions {
  hoverDelayMs: number;
  /** Time the pointer may spend between a highlight and the popover before it closes. */
  graceMs?: number;
  /** Batches DOM changes before rescanning what they touched. */
  mutationBatchMs?: number;
}

/** Keyboard: Alt+Shift+J / Alt+Shift+K move to the next / previous highlight and explain it. */
export const NEXT_HIGHLIGHT_KEY = 'KeyJ';
export const PREVIOUS_HIGHLIGHT_KEY = 'KeyK';

export function createAnnotator(ctx: ContentScriptContext, doc: Document, matcher: Matcher, popover: Popover, options: AnnotatorOptions) {
  const { hoverDelayMs, graceMs = 300, mutationBatchMs = 150 } = options;
  // Where highlights change the DOM (the <contesto-mark> fallback), those changes must not look
  // like the page's: set aside the page's pending records, drop ours, then handle the page's.
  const highlighter = createHighlighter(doc, (change) => {
    const pagesOwn = observer.takeRecords();
    change();
    observer.takeRecords();
    if (pagesOwn.length > 0) onMutations(pagesOwn);
  });
  let scans = new AbortController();
  let openTimer: ReturnType<typeof setTimeout> | undefined;
  let closeTimer: ReturnType<typeof setTimeout> | undefined;
  let hovered: Annotation | null = null;
  let keyboardIndex = -1;

  const anchorFor = (annotation: Annotation): PopoverAnchor => {
    const reading = createReader(highlighter.annotations)(annotation);
    return {
      ...('entityId' in reading ? { entityId: reading.entityId } : { entityId: reading.candidates[0]!, candidates: reading.candidates, label: annotation.range.toString() }),
      getRect: () => annotation.range.getClientRects()[0] ?? annotation.range.getBoundingClientRect(),
    };
  };

  function scan(root: Node) {
    return scanInSlices(root, matcher, highlighter, { signal: scans.signal });
  }

  function rescanAll() {
    scans.abort();
    scans = new AbortController();
    popover.hide();
    highlighter.clear();
    keyboardIndex = -1;
    return scan(doc.body);
  }

  // Hover: one listener for the whole page, throttled to animation frames.
  let pendingPointer: PointerEvent | null = null;
  function onPointerMove(event: PointerEvent) {
    if (!pendingPointer) requestAnimationFrame(handlePointer);
    pendingPointer = event;
  }
  function handlePointer() {
    const event = pendingPointer;
    pendingPointer = null;
    if (!event || popover.contains(event.target)) return;
    const annotation = annotationAt(doc, highlighter, event.clientX, event.clientY);
    if (annotation === hovered) return;
    hovered = annotation;
    clearTimeout(openTimer);
    if (annotation) {
      clearTimeout(closeTimer);
      const anchor = anchorFor(annotation);
      if (popover.anchor?.entityId !== anchor.entityId || popover.anchor.label !== anchor.label) openTimer = setTimeout(() => void popover.show(anchor), hoverDelayMs);
    } else if (popover.anchor) {
      closeTimer = setTimeout(() => popover.hide(), graceMs);
    }
  }
  popover.onPointerEnter(() => clearTimeout(closeTimer));
  popover.onPointerLeave(() => {
    hovered = null;
    closeTimer = setTimeout(() => popover.hide(), graceMs);
  });

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape' && popover.anchor) {
      popover.hide();
      return;
    }
    if (!event.altKey || !event.shiftKey || (event.code !== NEXT_HIGHLIGHT_KEY && event.code !== PREVIOUS_HIGHLIGHT_KEY)) return;
    const annotations = inReadingOrder(highlighter.annotations);
    if (annotations.length === 0) return;
    event.preventDefault();
    const step = event.code === NEXT_HIGHLIGHT_KEY ? 1 : -1;
    keyboardIndex = (keyboardIndex + step + annotations.length) % annotations.length;
    const annotation = annotations[keyboardIndex];
    annotation.range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    void popover.show(anchorFor(annotation), { focus: true });
  }

  function onScroll() {
    const anchor = popover.anchor;
    if (!anchor) return;
    const rect = anchor.getRect();
    if (rect.bottom < 0 || rect.top > innerHeight) popover.hide();
  }

  // Dynamic pages: rescan only the blocks that changed, in batches; ignore our own UI.
  let dirty = new Set<Node>();
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  const observer = new MutationObserver((records) => onMutations(records));
  function onMutations(records: MutationRecord[]) {
    for (const record of records) {
      const target = record.type === 'characterData' ? record.target.parentNode : record.target;
      if (!target || isOurs(target)) continue;
      if (record.type === 'childList' && [...record.addedNodes].every(isOurs) && [...record.removedNodes].every(isOurs)) continue;
      dirty.add(target);
    }
    if (dirty.size > 0 && flushTimer === undefined) flushTimer = setTimeout(flush, mutationBatchMs);
  }
  function flush() {
    flushTimer = undefined;
    const blocks = [...dirty].filter((node) => node.isConnected && !isInsideSkipped(node, doc.body)).map((node) => blockContaining(node, doc.body));
    const roots = outermost(blocks);
    dirty = new Set();
    highlighter.pruneDetached();
    for (const root of roots) {
      highlighter.removeWithin(root);
      void scan(root);
    }
  }

  return {
    highlighter,
    async start() {
      ctx.addEventListener(doc, 'pointermove', onPointerMove, { passive: true });
      ctx.addEventListener(window, 'keydown', onKeyDown, { capture: true });
      ctx.addEventListener(window, 'scroll', onScroll, { passive: true, capture: true });
      ctx.addEventListener(window, 'wxt:locationchange', () => void rescanAll());
      observer.observe(doc.body, { childList: true, subtree: true, characterData: true });
      await scan(doc.body);
    },
    destroy() {
      scans.abort();
      observer.disconnect();
      clearTimeout(openTimer);
      clearTimeout(closeTimer);
      clearTimeout(flushTimer);
      popover.remove();
      highlighter.clear();
    },
  };
}

function isOurs(node: Node): boolean {
  const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  return !!element?.closest(`[${OWN_UI_ATTRIBUTE}]`) || node.nodeName === 'CONTESTO-MARK';
}

/** Drops nodes inside another node of the list, so nothing is scanned twice. */
function outermost(nodes: Node[]): Node[] {
  const set = new Set(nodes);
  const hasListedAncestor = (node: Node) => {
    for (let parent = node.parentNode; parent; parent = parent.parentNode) if (set.has(parent)) return true;
    return false;
  };
  return [...set].filter((node) => !hasListedAncestor(node));
}
