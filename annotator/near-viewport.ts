/**
 * Keeps registered only the highlights near the viewport, for pages with thousands of them.
 * In the first frame after any change to the highlight registry, Chromium rebuilds the marker
 * of every registered range, about 3.3 µs each (docs/testing.md): with 60,000 ranges every
 * change held the page for 200 ms, and key presses waited. Here each annotation belongs to its
 * block (the nearest element that is not inline); one IntersectionObserver follows the blocks,
 * and a block's ranges are registered while it is within a screen of the viewport.
 */
import type { Annotation } from './highlighter';
import { blockContaining } from './text-walker';

/** A screen above and below the viewport: text scrolled into view is already highlighted. */
const NEAR_MARGIN = '100% 0px 100% 0px';

export interface RangeRegistry {
  show(annotations: Iterable<Annotation>): void;
  hide(annotations: Iterable<Annotation>): void;
}

export type ObserverFactory = (callback: IntersectionObserverCallback) => Pick<IntersectionObserver, 'observe' | 'unobserve' | 'disconnect'>;

const observeNearViewport: ObserverFactory = (callback) => new IntersectionObserver(callback, { rootMargin: NEAR_MARGIN });

export class NearViewport {
  private byBlock = new Map<Element, Set<Annotation>>();
  private blockOf = new Map<Annotation, Element>();
  private near = new Set<Element>();
  private observer;

  constructor(
    private registry: RangeRegistry,
    observe: ObserverFactory = observeNearViewport,
  ) {
    this.observer = observe((entries) => this.moved(entries));
  }

  /**
   * Follows `annotations` from now on. Those in a block known to be near are shown at once; the
   * others wait for the observer's first word on their block, which hides what is registered
   * already but far (so that nothing drawn before blinks while the window is set up).
   */
  add(annotations: readonly Annotation[]) {
    const shown: Annotation[] = [];
    for (const annotation of annotations) {
      const node = annotation.range.startContainer;
      const block = blockContaining(node, node.ownerDocument!.documentElement) as Element;
      this.blockOf.set(annotation, block);
      let inBlock = this.byBlock.get(block);
      if (!inBlock) {
        this.byBlock.set(block, (inBlock = new Set()));
        this.observer.observe(block);
      }
      inBlock.add(annotation);
      if (this.near.has(block)) shown.push(annotation);
    }
    this.registry.show(shown);
  }

  remove(annotations: readonly Annotation[]) {
    this.registry.hide(annotations);
    for (const annotation of annotations) {
      const block = this.blockOf.get(annotation);
      if (!block) continue;
      this.blockOf.delete(annotation);
      const inBlock = this.byBlock.get(block)!;
      inBlock.delete(annotation);
      if (inBlock.size === 0) {
        this.byBlock.delete(block);
        this.near.delete(block);
        this.observer.unobserve(block);
      }
    }
  }

  disconnect() {
    this.observer.disconnect();
    this.byBlock.clear();
    this.blockOf.clear();
    this.near.clear();
  }

  private moved(entries: IntersectionObserverEntry[]) {
    // One frame may report a block twice (it came and went): its last entry is where it is.
    const latest = new Map(entries.map((entry) => [entry.target, entry.isIntersecting]));
    const shown: Annotation[] = [];
    const hidden: Annotation[] = [];
    for (const [block, isNear] of latest) {
      const inBlock = this.byBlock.get(block);
      if (!inBlock) continue;
      if (isNear) this.near.add(block);
      else this.near.delete(block);
      (isNear ? shown : hidden).push(...inBlock);
    }
    this.registry.hide(hidden);
    this.registry.show(shown);
  }
}
