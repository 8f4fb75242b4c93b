// @vitest-environment happy-dom
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Annotation } from '@/annotator/highlighter';
import { NEXT_HIGHLIGHT_KEY, PREVIOUS_HIGHLIGHT_KEY, startIndex, watchKeyboard } from '@/annotator/keyboard';
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

  it('the first Alt+Shift+K, with nothing chosen, opens the last highlight, not the one before it', () => {
    press(PREVIOUS_HIGHLIGHT_KEY);
    expect(shownEntities()).toEqual(['minsk']);
  });

  it('starts from the highlights in view, and again from there once the chosen one was scrolled away', () => {
    keyboard.destroy();
    // Moscow above the view, Kyiv in it, Minsk below; then the reader scrolls back up to Moscow.
    const tops = new Map([
      ['moscow', -400],
      ['kyiv', 300],
      ['minsk', 2_000],
    ]);
    const boxOf = (annotation: Annotation) => ({ top: tops.get(annotation.entityId)!, bottom: tops.get(annotation.entityId)! + 20 });
    keyboard = watchKeyboard(ctx, popover, { annotations }, (annotation) => anchorAt(annotation.entityId), boxOf);
    press(NEXT_HIGHLIGHT_KEY);
    press(NEXT_HIGHLIGHT_KEY);
    tops.set('moscow', 100).set('kyiv', 1_500).set('minsk', 3_000);
    press(PREVIOUS_HIGHLIGHT_KEY);
    expect(shownEntities()).toEqual(['kyiv', 'minsk', 'moscow']);
  });

  it('an Esc inside the popover is left to the popover', () => {
    press(NEXT_HIGHLIGHT_KEY);
    document.body.append(popover.host);
    popover.host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(popover.hide).not.toHaveBeenCalled();
    popover.host.remove();
  });

  it('stops listening once destroyed', () => {
    keyboard.destroy();
    press(NEXT_HIGHLIGHT_KEY);
    expect(popover.show).not.toHaveBeenCalled();
  });
});

describe('where a move starts', () => {
  const boxes = [-500, -100, 200, 600, 1_500].map((top) => ({ top, bottom: top + 20 }));
  it('forward: the first highlight in view, else the next below it, else the first', () => {
    expect(startIndex(boxes, 1, 800)).toBe(2);
    expect(startIndex(boxes.slice(0, 2), 1, 800)).toBe(0);
    expect(startIndex([{ top: 900, bottom: 920 }], 1, 800)).toBe(0);
  });
  it('backward: the last highlight in view, else the last above it, else the last', () => {
    expect(startIndex(boxes, -1, 800)).toBe(3);
    expect(startIndex(boxes.slice(0, 2), -1, 800)).toBe(1);
    expect(startIndex(boxes.slice(4), -1, 800)).toBe(0);
  });
});
