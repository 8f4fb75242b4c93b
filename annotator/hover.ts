/**
 * Pointer hover, in the manner of Wikipedia's page previews: resting on a highlight opens its
 * popover after a delay; leaving it (for somewhere other than the popover) closes the popover after
 * a grace time. No card opens while the reader selects text (a button held, or text selected) or
 * scrolls: a scroll drops a pending card, and only a pointer that moves opens one, never a name that
 * slid under a still pointer. A press elsewhere on the page closes the card, and so does its
 * highlight scrolling out of view.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Annotation } from './highlighter';
import type { Popover, PopoverAnchor } from './popover';

export interface HoverOptions {
  hoverDelayMs: number;
  /** Time the pointer may spend between a highlight and the popover before it closes. */
  graceMs: number;
}

/** How long the pointer rests on a name before its card is asked for, ahead of the delay's end. */
const PREPARE_AFTER_MS = 100;

export interface HoverTargets {
  /** The annotation under a point of the viewport, if any. */
  annotationAt(x: number, y: number): Annotation | null;
  anchorFor(annotation: Annotation): PopoverAnchor;
  /** Called while the delay before a card runs, once the pointer has rested on it: the card can be asked for meanwhile. */
  prepare?(anchor: PopoverAnchor): void;
}

export function watchHover(ctx: ContentScriptContext, doc: Document, popover: Popover, targets: HoverTargets, { hoverDelayMs, graceMs }: HoverOptions) {
  let openTimer: ReturnType<typeof setTimeout> | undefined;
  let closeTimer: ReturnType<typeof setTimeout> | undefined;
  let hovered: Annotation | null = null;
  // Browsers send a pointermove when the page moves under a still pointer: the reader pointed at nothing.
  let lastPoint = { x: NaN, y: NaN };

  const selecting = (event: PointerEvent) => event.buttons !== 0 || doc.getSelection()?.isCollapsed === false;

  // One listener for the whole page, throttled to animation frames.
  let pendingPointer: PointerEvent | null = null;
  function onPointerMove(event: PointerEvent) {
    if (!pendingPointer) requestAnimationFrame(handlePointer);
    pendingPointer = event;
  }
  function handlePointer() {
    const event = pendingPointer;
    pendingPointer = null;
    if (!event || popover.contains(event.target)) return;
    const pointed = event.clientX !== lastPoint.x || event.clientY !== lastPoint.y;
    lastPoint = { x: event.clientX, y: event.clientY };
    const annotation = selecting(event) ? null : targets.annotationAt(event.clientX, event.clientY);
    if (annotation && !pointed) return;
    if (annotation === hovered) return;
    hovered = annotation;
    clearTimeout(openTimer);
    if (annotation) {
      clearTimeout(closeTimer);
      const anchor = targets.anchorFor(annotation);
      if (popover.anchor?.entityId !== anchor.entityId || popover.anchor.label !== anchor.label) {
        // The card is asked for once the pointer has rested a moment, so a pointer passing over names asks for none.
        const rest = Math.min(PREPARE_AFTER_MS, hoverDelayMs);
        openTimer = setTimeout(() => {
          targets.prepare?.(anchor);
          openTimer = setTimeout(() => void popover.show(anchor), hoverDelayMs - rest);
        }, rest);
      }
    } else if (popover.anchor) {
      closeTimer = setTimeout(() => popover.hide(), graceMs);
    }
  }
  popover.onPointerEnter(() => clearTimeout(closeTimer));
  popover.onPointerLeave(() => {
    hovered = null;
    closeTimer = setTimeout(() => popover.hide(), graceMs);
  });

  function onPointerDown(event: PointerEvent) {
    if (popover.contains(event.target)) return;
    clearTimeout(openTimer);
    hovered = null;
    if (popover.anchor) popover.hide();
  }

  function onScroll() {
    clearTimeout(openTimer);
    // The name whose card the scroll dropped opens again when the reader points at it.
    if (!popover.anchor) hovered = null;
    const anchor = popover.anchor;
    if (!anchor) return;
    const rect = anchor.getRect();
    if (rect.bottom < 0 || rect.top > innerHeight) popover.hide();
  }

  ctx.addEventListener(doc, 'pointermove', onPointerMove, { passive: true });
  ctx.addEventListener(doc, 'pointerdown', onPointerDown, { passive: true, capture: true });
  ctx.addEventListener(window, 'scroll', onScroll, { passive: true, capture: true });

  return {
    destroy() {
      doc.removeEventListener('pointermove', onPointerMove);
      doc.removeEventListener('pointerdown', onPointerDown, { capture: true });
      window.removeEventListener('scroll', onScroll, { capture: true });
      pendingPointer = null;
      clearTimeout(openTimer);
      clearTimeout(closeTimer);
    },
  };
}
