// @vitest-environment happy-dom
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Annotation } from '@/annotator/highlighter';
import { NEXT_HIGHLIGHT_KEY, PREVIOUS_HIGHLIGHT_KEY, watchKeyboard } from '@/annotator/keyboard';
import { joinText, locateSpan } from '@/annotator/page-text';
import { anchorAt, fakePopover } from './fake-popover';

const ctx = new ContentScriptContext('test');
let popover: ReturnType<typeof fakePopover>;
let annotations: Annotation[];
let keyboard: ReturnType<typeof watchKeyboard>;

function press(code: string, modifiers: KeyboardEventInit = { altKey: true, shiftKey: true }) {
  const event = new KeyboardEvent('keydown', { code, key: code, cancelable: true, bubbles: true, ...modifiers });
  window.dispatchEvent(event);
  return event;
}

const shownEntities = () => popover.show.mock.calls.map(([anchor]) => anchor.entityId);

beforeEach(() => {
  document.body.innerHTML = '<p>Moscow, Kyiv and Minsk</p>';
  const joined = joinText([document.querySelector('p')!.firstChild as Text]);
  const at = (name: string, start: number): Annotation => ({ ...locateSpan(joined, { start, end: start + name.length }), entityId: name.toLowerCase(), type: 'place' });
  // Added out of reading order, as rescans of changed blocks do.
  annotations = [at('Minsk', 17), at('Moscow', 0), at('Kyiv', 8)];
  popover = fakePopover(document);
  keyboard = watchKeyboard(ctx, popover, { annotations }, (annotation) => anchorAt(annotation.entityId));
});

afterEach(() => {
  keyboard.destroy();
});

afterAll(() => ctx.notifyInvalidated());

describe('keyboard navigation', () => {
  it('Alt+Shift+J opens the highlights one after the other in reading order, with focus, wrapping around', () => {
    for (let i = 0; i < 4; i++) press(NEXT_HIGHLIGHT_KEY);
    expect(shownEntities()).toEqual(['moscow', 'kyiv', 'minsk', 'moscow']);
    expect(popover.show.mock.calls[0][1]).toEqual({ focus: true });
  });

  it('Alt+Shift+K goes back to the previous highlight, wrapping around', () => {
    press(NEXT_HIGHLIGHT_KEY);
    press(NEXT_HIGHLIGHT_KEY);
    press(PREVIOUS_HIGHLIGHT_KEY);
    press(PREVIOUS_HIGHLIGHT_KEY);
    press(PREVIOUS_HIGHLIGHT_KEY);
    expect(shownEntities()).toEqual(['moscow', 'kyiv', 'moscow', 'minsk', 'kyiv']);
  });

  it('takes the key from the page only when it moves to a highlight', () => {
    expect(press(NEXT_HIGHLIGHT_KEY).defaultPrevented).toBe(true);
    expect(press(NEXT_HIGHLIGHT_KEY, { altKey: true }).defaultPrevented).toBe(false);
    expect(press(NEXT_HIGHLIGHT_KEY, {}).defaultPrevented).toBe(false);
    annotations.length = 0;
    expect(press(NEXT_HIGHLIGHT_KEY).defaultPrevented).toBe(false);
    expect(popover.show).toHaveBeenCalledOnce();
  });

  it('starts from the first highlight again after reset', () => {
    press(NEXT_HIGHLIGHT_KEY);
    press(NEXT_HIGHLIGHT_KEY);
    keyboard.reset();
    press(NEXT_HIGHLIGHT_KEY);
    expect(shownEntities()).toEqual(['moscow', 'kyiv', 'moscow']);
  });

  it('Esc closes an open popover', () => {
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(popover.hide).not.toHaveBeenCalled();
    press(NEXT_HIGHLIGHT_KEY);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(popover.hide).toHaveBeenCalledOnce();
  });

  it('stops listening once destroyed', () => {
    keyboard.destroy();
    press(NEXT_HIGHLIGHT_KEY);
    expect(popover.show).not.toHaveBeenCalled();
  });
});
