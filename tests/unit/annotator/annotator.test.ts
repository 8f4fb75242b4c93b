// @vitest-environment happy-dom
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createAnnotator, type Annotator } from '@/annotator/annotator';
import type { Match } from '@/core/match';
import { DEFAULT_SETTINGS } from '@/core/settings';
import { fakePopover } from './fake-popover';

const ctx = new ContentScriptContext('test');
afterAll(() => ctx.notifyInvalidated());

/** What the background's matcher knows: a name per entity, each a place. */
let known: Record<string, string>;
/** Holds the background's answers while it is closed (a request in flight). */
let gate: Promise<void>;
const find = async (texts: string[]): Promise<Match[][]> => {
  // Answers with what was known when asked, once the gate of that moment opens.
  const names = known;
  await gate;
  return texts.map((text) =>
    Object.entries(names).flatMap(([name, entityId]) => {
      const start = text.indexOf(name);
      return start < 0 ? [] : [{ start, end: start + name.length, entityId, entityIds: [entityId], type: 'place' as const }];
    }),
  );
};

const drawn = (annotator: Annotator) => annotator.highlighter.annotations.map((annotation) => annotation.entityId);
const turns = async (count: number) => {
  for (let i = 0; i < count; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

let popover: ReturnType<typeof fakePopover>;
let annotator: Annotator;

beforeEach(async () => {
  document.body.innerHTML = '<p>Talks in Moscow and in Kyiv.</p>';
  known = { Moscow: 'moscow' };
  gate = Promise.resolve();
  popover = fakePopover(document);
  annotator = createAnnotator(ctx, document, find, popover, { ...DEFAULT_SETTINGS, mutationBatchMs: 10 });
  await annotator.start();
});

afterEach(() => annotator.destroy());

describe('annotator', () => {
  it('keeps what it drew while the page is read again after the knowledge changed, then shows the new matches', async () => {
    expect(drawn(annotator)).toEqual(['moscow']);
    known = { Kyiv: 'kyiv' };
    let open!: () => void;
    gate = new Promise((resolve) => (open = resolve));
    const refreshed = annotator.refresh();
    await turns(5);
    expect(drawn(annotator), 'while the background answers').toEqual(['moscow']);
    open();
    await refreshed;
    expect(drawn(annotator)).toEqual(['kyiv']);
  });

  it('leaves an open card open through a refresh', async () => {
    await popover.show({ entityId: 'moscow', words: 'Moscow', getRect: () => new DOMRect() });
    known = { Moscow: 'moscow', Kyiv: 'kyiv' };
    await annotator.refresh();
    expect(drawn(annotator)).toEqual(['moscow', 'kyiv']);
    expect(popover.hide).not.toHaveBeenCalled();
  });

  it('keeps the later of two refreshes when the earlier one is answered last', async () => {
    known = { Kyiv: 'kyiv' };
    let open!: () => void;
    gate = new Promise((resolve) => (open = resolve));
    const earlier = annotator.refresh();
    await turns(5);
    known = { Moscow: 'moscow', Kyiv: 'kyiv' };
    gate = Promise.resolve();
    await annotator.refresh();
    expect(drawn(annotator)).toEqual(['moscow', 'kyiv']);
    open();
    await earlier;
    expect(drawn(annotator), 'after the earlier answer came').toEqual(['moscow', 'kyiv']);
  });

  it('adds no pointer or key listener to a page until something on it is highlighted', async () => {
    annotator.destroy();
    document.body.innerHTML = '<p>Nothing known here.</p>';
    const INPUT = ['keydown', 'pointerdown', 'pointermove', 'scroll'];
    const listened: string[] = [];
    for (const target of [document, window])
      vi.spyOn(target, 'addEventListener').mockImplementation((type: string) => {
        if (INPUT.includes(type)) listened.push(type);
      });
    try {
      annotator = createAnnotator(ctx, document, find, popover, { ...DEFAULT_SETTINGS, mutationBatchMs: 10 });
      await annotator.start();
      expect(listened, 'after the first scan').toEqual([]);
      document.body.insertAdjacentHTML('beforeend', '<p>Later, in Moscow.</p>');
      await vi.waitFor(() => expect(drawn(annotator)).toEqual(['moscow']));
      expect(listened.sort(), 'once a name is highlighted').toEqual(INPUT);
    } finally {
      vi.restoreAllMocks();
    }
  });

  it("tells when its first scan drew and ended, on the page's clock, unmoved by later rescans, and leaves nothing in the page's performance timeline", async () => {
    annotator.destroy();
    const before = performance.now();
    let open!: () => void;
    gate = new Promise((resolve) => (open = resolve));
    annotator = createAnnotator(ctx, document, find, popover, { ...DEFAULT_SETTINGS, mutationBatchMs: 10 });
    const started = annotator.start();
    await turns(5);
    expect(annotator.firstScan(), 'while the background answers').toEqual({ endedAt: null, firstHighlightAt: null, lastHighlightAt: null });
    open();
    await started;
    const { endedAt, firstHighlightAt, lastHighlightAt } = annotator.firstScan();
    expect(firstHighlightAt).toBeGreaterThanOrEqual(before);
    expect(lastHighlightAt).toBeGreaterThanOrEqual(firstHighlightAt!);
    expect(endedAt).toBeGreaterThanOrEqual(lastHighlightAt!);
    known = { Moscow: 'moscow', Kyiv: 'kyiv' };
    document.body.insertAdjacentHTML('beforeend', '<p>Later, in Kyiv.</p>');
    await vi.waitFor(() => expect(drawn(annotator)).toContain('kyiv'));
    expect(annotator.firstScan(), 'after a rescan drew').toEqual({ endedAt, firstHighlightAt, lastHighlightAt });
    // The page's scripts read the timeline: marks there would tell any page that Contesto runs.
    expect(performance.getEntries().filter((entry) => entry.entryType === 'mark' || entry.entryType === 'measure')).toEqual([]);
  });

  it('ends a first scan that finds nothing with no highlight time', async () => {
    annotator.destroy();
    document.body.innerHTML = '<p>Nothing known here.</p>';
    annotator = createAnnotator(ctx, document, find, popover, { ...DEFAULT_SETTINGS, mutationBatchMs: 10 });
    await annotator.start();
    expect(annotator.firstScan()).toEqual({ endedAt: expect.any(Number), firstHighlightAt: null, lastHighlightAt: null });
  });
});
