/**
 * Keyboard: Alt+Shift+J / Alt+Shift+K move to the next / previous highlight and explain it, starting
 * from where the reader is (the highlights in view), not from the top of the page; Esc closes the popover.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { inReadingOrder, type Annotation, type Highlighter } from './highlighter';
import type { Popover, PopoverAnchor } from './popover';

export const NEXT_HIGHLIGHT_KEY = 'KeyJ';
export const PREVIOUS_HIGHLIGHT_KEY = 'KeyK';

type Box = Pick<DOMRect, 'top' | 'bottom'>;

/**
 * Where a move starts when no highlight is chosen, or the chosen one was scrolled out of view: forward,
 * the first highlight in view (else the next below it); backward, the last in view (else the last above).
 * `boxes` are the highlights' rectangles in reading order, relative to the viewport.
 */
export function startIndex(boxes: Box[], step: 1 | -1, viewportHeight: number): number {
  if (step === 1)
    return Math.max(
      0,
      boxes.findIndex((box) => box.bottom >= 0),
    );
  const last = boxes.findLastIndex((box) => box.top <= viewportHeight);
  return last >= 0 ? last : boxes.length - 1;
}

const inView = (box: Box, viewportHeight: number) => box.bottom >= 0 && box.top <= viewportHeight;

export function watchKeyboard(
  ctx: ContentScriptContext,
  popover: Popover,
  highlighter: Pick<Highlighter, 'annotations'>,
  anchorFor: (annotation: Annotation) => PopoverAnchor,
  boxOf: (annotation: Annotation) => Box = (annotation) => annotation.range.getBoundingClientRect(),
) {
  let chosen: Annotation | null = null;

  function onKeyDown(event: KeyboardEvent) {
    // An Esc inside the popover is the popover's (its note editor takes one first).
    if (event.key === 'Escape' && popover.anchor && !popover.contains(event.target)) {
      popover.hide();
      return;
    }
    if (!event.altKey || !event.shiftKey || (event.code !== NEXT_HIGHLIGHT_KEY && event.code !== PREVIOUS_HIGHLIGHT_KEY)) return;
    const annotations = inReadingOrder(highlighter.annotations);
    if (annotations.length === 0) return;
    event.preventDefault();
    const step = event.code === NEXT_HIGHLIGHT_KEY ? 1 : -1;
    const at = chosen ? annotations.indexOf(chosen) : -1;
    const index = at >= 0 && inView(boxOf(chosen!), innerHeight) ? (at + step + annotations.length) % annotations.length : startIndex(annotations.map(boxOf), step, innerHeight);
    chosen = annotations[index]!;
    chosen.range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    void popover.show(anchorFor(chosen), { focus: true });
  }

  ctx.addEventListener(window, 'keydown', onKeyDown, { capture: true });

  return {
    /** Starts again from the highlights in view (after the page was scanned anew). */
    reset() {
      chosen = null;
    },
    destroy() {
      window.removeEventListener('keydown', onKeyDown, { capture: true });
    },
  };
}
