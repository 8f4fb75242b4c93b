// @vitest-environment happy-dom
// The observer is driven by hand here (happy-dom lays nothing out); the real one is checked in Chromium and Firefox by hostile.test.ts.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Annotation } from '@/annotator/highlighter';
import { NearViewport, type ObserverFactory } from '@/annotator/near-viewport';
import { joinText, locateSpan } from '@/annotator/page-text';

/** An annotation over all the text of the element with `id` (its first text node). */
function annotation(id: string): Annotation {
  const text = document.getElementById(id)!.firstChild as Text;
  return { ...locateSpan(joinText([text]), { start: 0, end: text.length }), entityId: id, type: 'place' };
}

/** A NearViewport over a registry that records what is registered, with an observer the test moves by hand. */
function setUp() {
  const registered = new Set<string>();
  const observed = new Set<Element>();
  let report: IntersectionObserverCallback = () => {};
  const observe: ObserverFactory = (callback) => {
    report = callback;
    return { observe: (el: Element) => void observed.add(el), unobserve: (el: Element) => void observed.delete(el), disconnect: () => observed.clear() };
  };
  const window = new NearViewport(
    {
      show: (shown) => {
        for (const a of shown) registered.add(a.entityId);
      },
      hide: (hidden) => {
        for (const a of hidden) registered.delete(a.entityId);
      },
    },
    observe,
  );
  const move = (...blocks: [string, boolean][]) =>
    report(
      blocks.map(([id, isIntersecting]) => ({ target: document.getElementById(id)!, isIntersecting }) as unknown as IntersectionObserverEntry),
      {} as IntersectionObserver,
    );
  return { window, registered, observed, move };
}

beforeEach(() => {
  document.body.innerHTML = '<p id="top"><b id="moscow">Moscow</b> and <i id="kyiv">Kyiv</i></p><p id="bottom"><span id="minsk">Minsk</span></p>';
});

describe('NearViewport', () => {
  it('follows each annotation by its block, the nearest element that is not inline', () => {
    const { window, observed } = setUp();
    window.add(['moscow', 'kyiv', 'minsk'].map(annotation));
    expect([...observed].map((el) => el.id).sort()).toEqual(['bottom', 'top']);
  });

  it('registers a block’s annotations while it is near the viewport, and only then', () => {
    const { window, registered, move } = setUp();
    window.add(['moscow', 'kyiv', 'minsk'].map(annotation));
    expect(registered.size).toBe(0);
    move(['top', true], ['bottom', false]);
    expect([...registered].sort()).toEqual(['kyiv', 'moscow']);
    move(['top', false], ['bottom', true]);
    expect([...registered]).toEqual(['minsk']);
  });

  it('hides what was registered before it took over once the observer finds it far, and keeps what is near', () => {
    const { window, registered, move } = setUp();
    const all = ['moscow', 'kyiv', 'minsk'].map(annotation);
    for (const a of all) registered.add(a.entityId);
    window.add(all);
    expect(registered.size).toBe(3);
    move(['top', true], ['bottom', false]);
    expect([...registered].sort()).toEqual(['kyiv', 'moscow']);
  });

  it('shows at once an annotation added to a block already near', () => {
    const { window, registered, move } = setUp();
    window.add([annotation('moscow')]);
    move(['top', true]);
    window.add([annotation('kyiv')]);
    expect([...registered].sort()).toEqual(['kyiv', 'moscow']);
  });

  it('takes the last of two entries for one block in the same report', () => {
    const { window, registered, move } = setUp();
    window.add([annotation('minsk')]);
    move(['bottom', true], ['bottom', false]);
    expect(registered.size).toBe(0);
  });

  it('unregisters what is removed, and stops observing a block left without annotations', () => {
    const { window, registered, observed, move } = setUp();
    const [moscow, kyiv, minsk] = ['moscow', 'kyiv', 'minsk'].map(annotation);
    window.add([moscow!, kyiv!, minsk!]);
    move(['top', true], ['bottom', true]);
    window.remove([moscow!, minsk!]);
    expect([...registered]).toEqual(['kyiv']);
    expect([...observed].map((el) => el.id)).toEqual(['top']);
    // A late report on the block it stopped observing changes nothing.
    move(['bottom', true]);
    expect([...registered]).toEqual(['kyiv']);
  });

  it('forgets every block on disconnect', () => {
    const { window, observed, registered, move } = setUp();
    window.add([annotation('moscow')]);
    window.disconnect();
    expect(observed.size).toBe(0);
    move(['top', true]);
    expect(registered.size).toBe(0);
  });
});
