// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBadgeReporter } from '@/annotator/badge-reporter';
import type { Annotation } from '@/annotator/highlighter';

const REPORT_DELAY_MS = 300;

/** Holds annotations of the given entities and tells its listeners when they change. */
function fakeHighlighter() {
  const listeners = new Set<() => void>();
  const highlighter = {
    annotations: [] as Annotation[],
    onChange: (listener: () => void) => (listeners.add(listener), () => void listeners.delete(listener)),
    show(...entityIds: string[]) {
      highlighter.annotations = entityIds.map((entityId) => ({ entityId }) as Annotation);
      for (const listener of listeners) listener();
    },
  };
  return highlighter;
}

let send: ReturnType<typeof vi.fn<(entities: number) => void>>;
let badge: ReturnType<typeof createBadgeReporter>;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  send = vi.fn();
  badge = createBadgeReporter(send);
});

afterEach(() => {
  badge.destroy();
  vi.useRealTimers();
});

describe('the badge reporter', () => {
  it('reports the number of distinct entities once a burst of changes settles', () => {
    const highlighter = fakeHighlighter();
    badge.follow(highlighter);
    highlighter.show('kyiv');
    vi.advanceTimersByTime(REPORT_DELAY_MS / 2);
    highlighter.show('kyiv', 'kyiv', 'ukraine');
    vi.advanceTimersByTime(REPORT_DELAY_MS - 1);
    expect(send).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(send.mock.calls).toEqual([[2]]);
  });

  it('reports again when the highlights change, not when they stay the same', () => {
    const highlighter = fakeHighlighter();
    badge.follow(highlighter);
    highlighter.show('kyiv');
    vi.advanceTimersByTime(REPORT_DELAY_MS);
    highlighter.show('kyiv');
    vi.advanceTimersByTime(REPORT_DELAY_MS);
    highlighter.show('kyiv', 'kyiv');
    vi.advanceTimersByTime(REPORT_DELAY_MS);
    expect(send.mock.calls).toEqual([[1], [1]]);
  });

  it('reports again when other entities take the place of some, in the same number (a correction splits or merges one)', () => {
    const highlighter = fakeHighlighter();
    badge.follow(highlighter);
    highlighter.show('kyiv', 'moscow');
    vi.advanceTimersByTime(REPORT_DELAY_MS);
    highlighter.show('kyiv', 'split-moscow');
    vi.advanceTimersByTime(REPORT_DELAY_MS);
    expect(send.mock.calls).toEqual([[2], [2]]);
  });

  it('reports a return to the last reported highlights when the side panel read the page in between', () => {
    const highlighter = fakeHighlighter();
    badge.follow(highlighter);
    highlighter.show('moscow');
    vi.advanceTimersByTime(REPORT_DELAY_MS);
    // A split the badge never reports (undone within its delay), which the side panel read meanwhile.
    highlighter.show('split-moscow');
    badge.wasRead();
    highlighter.show('moscow');
    vi.advanceTimersByTime(REPORT_DELAY_MS);
    expect(send.mock.calls).toEqual([[1], [1]]);
  });

  it('reports new highlights once even when they show what was last reported: a reader may have read the page meanwhile', () => {
    const highlighter = fakeHighlighter();
    badge.follow(highlighter);
    highlighter.show('kyiv');
    vi.advanceTimersByTime(REPORT_DELAY_MS);
    const rebuilt = fakeHighlighter();
    badge.follow(rebuilt);
    rebuilt.show('kyiv');
    vi.advanceTimersByTime(REPORT_DELAY_MS);
    expect(send.mock.calls).toEqual([[1], [1]]);
  });

  it('reports 0 once Contesto is turned off, and stops following the old highlights', () => {
    const highlighter = fakeHighlighter();
    badge.follow(highlighter);
    highlighter.show('kyiv');
    vi.advanceTimersByTime(REPORT_DELAY_MS);
    badge.follow(undefined);
    vi.advanceTimersByTime(REPORT_DELAY_MS);
    highlighter.show('kyiv', 'ukraine');
    vi.advanceTimersByTime(REPORT_DELAY_MS);
    expect(send.mock.calls).toEqual([[1], [0]]);
  });

  it('tells no one of a page that shows no entity: the browser cleared its badge when it loaded', () => {
    const highlighter = fakeHighlighter();
    badge.follow(highlighter);
    vi.advanceTimersByTime(REPORT_DELAY_MS);
    highlighter.show();
    vi.advanceTimersByTime(REPORT_DELAY_MS);
    expect(send).not.toHaveBeenCalled();
  });

  it('reports 0 when the entities it reported are gone', () => {
    const highlighter = fakeHighlighter();
    badge.follow(highlighter);
    highlighter.show('kyiv');
    vi.advanceTimersByTime(REPORT_DELAY_MS);
    highlighter.show();
    vi.advanceTimersByTime(REPORT_DELAY_MS);
    expect(send.mock.calls).toEqual([[1], [0]]);
  });

  it('reports 0 once the side panel read the page, which may have shown entities then', () => {
    const highlighter = fakeHighlighter();
    badge.follow(highlighter);
    highlighter.show('kyiv');
    badge.wasRead();
    highlighter.show();
    vi.advanceTimersByTime(REPORT_DELAY_MS);
    expect(send.mock.calls).toEqual([[0]]);
  });

  it('sends nothing once destroyed', () => {
    badge.follow(fakeHighlighter());
    badge.destroy();
    vi.advanceTimersByTime(REPORT_DELAY_MS);
    expect(send).not.toHaveBeenCalled();
  });
});
