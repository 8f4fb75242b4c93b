// @vitest-environment happy-dom
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Annotation } from '@/annotator/highlighter';
import { watchHover } from '@/annotator/hover';
import { anchorAt, fakePopover } from './fake-popover';

const DELAY = 200;
const GRACE = 300;

/** Stands in for hit-testing (happy-dom lays nothing out): x < 100 is over Moscow, 100 to 200 over Kyiv. */
const moscow = { entityId: 'moscow' } as Annotation;
const kyiv = { entityId: 'kyiv' } as Annotation;
const annotationAt = (x: number) => (x < 100 ? moscow : x < 200 ? kyiv : null);

const ctx = new ContentScriptContext('test');
let popover: ReturnType<typeof fakePopover>;
let hover: ReturnType<typeof watchHover>;

/** Moves the pointer and lets the animation frame that reads it run. */
function pointTo(x: number, target: EventTarget = document.body, buttons = 0) {
  target.dispatchEvent(new PointerEvent('pointermove', { clientX: x, clientY: 5, bubbles: true, buttons }));
  vi.advanceTimersToNextFrame();
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'] });
  popover = fakePopover(document);
  document.body.append(popover.host);
  hover = watchHover(ctx, document, popover, { annotationAt, anchorFor: (annotation) => anchorAt(annotation.entityId) }, { hoverDelayMs: DELAY, graceMs: GRACE });
});

afterEach(() => {
  hover.destroy();
  popover.host.remove();
  vi.useRealTimers();
});

afterAll(() => ctx.notifyInvalidated());

describe('hover', () => {
  it('opens the popover on a highlight after the hover delay, not before', () => {
    pointTo(50);
    vi.advanceTimersByTime(DELAY - 1);
    expect(popover.show).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(popover.show).toHaveBeenCalledWith(expect.objectContaining({ entityId: 'moscow' }));
  });

  it('asks for the card while the delay runs, once the pointer rests on a name, and not for names it passes over', () => {
    const prepare = vi.fn();
    hover.destroy();
    hover = watchHover(ctx, document, popover, { annotationAt, anchorFor: (annotation) => anchorAt(annotation.entityId), prepare }, { hoverDelayMs: DELAY, graceMs: GRACE });
    pointTo(50);
    pointTo(150);
    pointTo(300);
    vi.advanceTimersByTime(DELAY);
    expect(prepare).not.toHaveBeenCalled();

    pointTo(50);
    vi.advanceTimersByTime(DELAY / 2);
    expect(prepare).toHaveBeenCalledTimes(1);
    expect(prepare).toHaveBeenCalledWith(expect.objectContaining({ entityId: 'moscow' }));
    expect(popover.show).not.toHaveBeenCalled();
    pointTo(60);
    vi.advanceTimersByTime(DELAY / 2);
    expect(prepare).toHaveBeenCalledTimes(1);
    expect(popover.show).toHaveBeenCalledWith(expect.objectContaining({ entityId: 'moscow' }));
  });

  it('opens nothing when the pointer passes over a highlight without resting', () => {
    pointTo(50);
    vi.advanceTimersByTime(DELAY / 2);
    pointTo(300);
    vi.advanceTimersByTime(DELAY * 2);
    expect(popover.show).not.toHaveBeenCalled();
  });

  it('reads the pointer once per animation frame', () => {
    const annotationAtSpy = vi.fn(annotationAt);
    hover.destroy();
    hover = watchHover(ctx, document, popover, { annotationAt: annotationAtSpy, anchorFor: (annotation) => anchorAt(annotation.entityId) }, { hoverDelayMs: DELAY, graceMs: GRACE });
    for (const x of [10, 20, 150]) document.body.dispatchEvent(new PointerEvent('pointermove', { clientX: x, clientY: 5, bubbles: true }));
    vi.advanceTimersToNextFrame();
    expect(annotationAtSpy.mock.calls).toEqual([[150, 5]]);
  });

  it('closes the popover after the grace time once the pointer leaves the highlight', () => {
    pointTo(50);
    vi.advanceTimersByTime(DELAY);
    pointTo(300);
    vi.advanceTimersByTime(GRACE - 1);
    expect(popover.hide).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(popover.hide).toHaveBeenCalledOnce();
  });

  it('keeps the popover open when the pointer reaches it within the grace time, and closes it when it leaves', () => {
    pointTo(50);
    vi.advanceTimersByTime(DELAY);
    pointTo(300);
    popover.pointerEnter();
    pointTo(300, popover.host);
    vi.advanceTimersByTime(GRACE * 2);
    expect(popover.hide).not.toHaveBeenCalled();
    popover.pointerLeave();
    vi.advanceTimersByTime(GRACE);
    expect(popover.hide).toHaveBeenCalledOnce();
  });

  it('does not show the same entity again, and switches to another one', () => {
    pointTo(50);
    vi.advanceTimersByTime(DELAY);
    pointTo(300);
    pointTo(60);
    vi.advanceTimersByTime(DELAY);
    expect(popover.show).toHaveBeenCalledOnce();
    pointTo(150);
    vi.advanceTimersByTime(DELAY);
    expect(popover.show).toHaveBeenLastCalledWith(expect.objectContaining({ entityId: 'kyiv' }));
  });

  it('closes the popover when its highlight scrolls out of view', () => {
    popover.anchor = anchorAt('moscow', 10);
    window.dispatchEvent(new Event('scroll'));
    expect(popover.hide).not.toHaveBeenCalled();
    popover.anchor = anchorAt('moscow', -100);
    window.dispatchEvent(new Event('scroll'));
    expect(popover.hide).toHaveBeenCalledOnce();
  });

  it('opens no card while the reader selects text: a button held, or text selected', () => {
    pointTo(50, document.body, 1);
    vi.advanceTimersByTime(DELAY * 2);
    document.body.append(document.createTextNode('Some words to select'));
    document.getSelection()!.selectAllChildren(document.body);
    pointTo(150);
    vi.advanceTimersByTime(DELAY * 2);
    expect(popover.show).not.toHaveBeenCalled();
    document.getSelection()!.removeAllRanges();
    pointTo(50);
    vi.advanceTimersByTime(DELAY);
    expect(popover.show).toHaveBeenCalledOnce();
  });

  it('opens no card while the page scrolls, nor for a name that slid under a still pointer', () => {
    pointTo(50);
    window.dispatchEvent(new Event('scroll'));
    vi.advanceTimersByTime(DELAY * 2);
    expect(popover.show).not.toHaveBeenCalled();
    // The browser's pointermove after the page moved: the same point, now over Kyiv.
    hover.destroy();
    const under = { current: moscow };
    hover = watchHover(ctx, document, popover, { annotationAt: () => under.current, anchorFor: (annotation) => anchorAt(annotation.entityId) }, { hoverDelayMs: DELAY, graceMs: GRACE });
    pointTo(50);
    window.dispatchEvent(new Event('scroll'));
    under.current = kyiv;
    pointTo(50);
    vi.advanceTimersByTime(DELAY * 2);
    expect(popover.show).not.toHaveBeenCalled();
    // The reader points.
    pointTo(52);
    vi.advanceTimersByTime(DELAY);
    expect(popover.show).toHaveBeenCalledWith(expect.objectContaining({ entityId: 'kyiv' }));
  });

  it('a press on the page, not in the card, closes it', () => {
    pointTo(50);
    vi.advanceTimersByTime(DELAY);
    popover.host.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    expect(popover.hide).not.toHaveBeenCalled();
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    expect(popover.hide).toHaveBeenCalledOnce();
  });

  it('stops listening and drops its timers once destroyed', () => {
    pointTo(50);
    hover.destroy();
    vi.advanceTimersByTime(DELAY);
    pointTo(150);
    vi.advanceTimersByTime(DELAY);
    expect(popover.show).not.toHaveBeenCalled();
  });
});
