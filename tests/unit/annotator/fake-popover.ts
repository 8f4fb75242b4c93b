import { vi } from 'vitest';
import type { Popover, PopoverAnchor } from '@/annotator/popover';

/** A popover that records what it is asked to do; its host is the element to hover "inside" it. */
export function fakePopover(doc: Document) {
  const host = doc.createElement('div');
  const enter: (() => void)[] = [];
  const leave: (() => void)[] = [];
  const popover = {
    host,
    anchor: null as PopoverAnchor | null,
    show: vi.fn(async (anchor: PopoverAnchor, _options?: { focus?: boolean }) => void (popover.anchor = anchor)),
    hide: vi.fn(() => void (popover.anchor = null)),
    contains: (target: EventTarget | null) => target instanceof Node && host.contains(target),
    onPointerEnter: (listener: () => void) => void enter.push(listener),
    onPointerLeave: (listener: () => void) => void leave.push(listener),
    remove: vi.fn(),
    pointerEnter: () => enter.forEach((listener) => listener()),
    pointerLeave: () => leave.forEach((listener) => listener()),
  } satisfies Popover & Record<string, unknown>;
  return popover;
}

/** An anchor whose rectangle is a fixed box. */
export function anchorAt(entityId: string, top = 10): PopoverAnchor {
  return { entityId, words: entityId, getRect: () => ({ top, bottom: top + 20, left: 0, right: 100, width: 100, height: 20, x: 0, y: top, toJSON: () => ({}) }) };
}
