/** Keyboard: Alt+Shift+J / Alt+Shift+K move to the next / previous highlight and explain it; Esc closes the popover. */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { inReadingOrder, type Annotation, type Highlighter } from './highlighter';
import type { Popover, PopoverAnchor } from './popover';

export const NEXT_HIGHLIGHT_KEY = 'KeyJ';
export const PREVIOUS_HIGHLIGHT_KEY = 'KeyK';

export function watchKeyboard(ctx: ContentScriptContext, popover: Popover, highlighter: Pick<Highlighter, 'annotations'>, anchorFor: (annotation: Annotation) => PopoverAnchor) {
  let index = -1;

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
    index = (index + step + annotations.length) % annotations.length;
    const annotation = annotations[index];
    annotation.range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    void popover.show(anchorFor(annotation), { focus: true });
  }

  ctx.addEventListener(window, 'keydown', onKeyDown, { capture: true });

  return {
    /** Starts again from the first highlight (after the page was scanned anew). */
    reset() {
      index = -1;
    },
    destroy() {
      window.removeEventListener('keydown', onKeyDown, { capture: true });
    },
  };
}
