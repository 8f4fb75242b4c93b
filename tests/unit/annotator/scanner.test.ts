// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Annotation } from '@/annotator/highlighter';
import { scanInSlices } from '@/annotator/scanner';
import type { FindNames } from '@/annotator/scanner';
import type { Match } from '@/core/match';
import { MAX_FIND_CHARS, MAX_FIND_TEXTS } from '@/core/messages';

/** Finds every occurrence of the given names, as the background would answer; each name's entity is its key. */
function fakeMatcher(names: Record<string, string[]>): FindNames {
  const find = (text: string) => {
    const found: Match[] = [];
    for (const [name, entityIds] of Object.entries(names)) {
      for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + 1)) found.push({ start: at, end: at + name.length, entityId: entityIds[0], entityIds, type: 'person' });
    }
    return found.sort((a, b) => a.start - b.start);
  };
  return async (texts) => texts.map(find);
}

/** Records each batch it is asked to highlight. */
function fakeHighlighter() {
  const batches: Annotation[][] = [];
  return { batches, add: (annotations: Annotation[]) => void batches.push(annotations), all: () => batches.flat() };
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('scanInSlices', () => {
  it('highlights a name split across inline elements as one range over both text nodes', async () => {
    document.body.innerHTML = '<p>Then Kim <b>Jong-un</b> spoke.</p>';
    const highlighter = fakeHighlighter();
    await scanInSlices([document.body], fakeMatcher({ 'Kim Jong-un': ['kim'] }), highlighter);
    const [annotation] = highlighter.all();
    expect(annotation.range.toString()).toBe('Kim Jong-un');
    expect(annotation.nodes.map((node) => node.data)).toEqual(['Then Kim ', 'Jong-un']);
    expect(annotation).toMatchObject({ entityId: 'kim', type: 'person' });
    expect(annotation).not.toHaveProperty('candidates');
  });

  it('does not join text of two blocks, and never offers skipped text to the matcher', async () => {
    document.body.innerHTML = '<p>Kim</p><p>Jong-un</p><nav>Kim Jong-un</nav><script>"Kim Jong-un"</script><p>Kim Jong-un</p>';
    const highlighter = fakeHighlighter();
    await scanInSlices([document.body], fakeMatcher({ 'Kim Jong-un': ['kim'] }), highlighter);
    expect(highlighter.all().map((a) => a.range.startContainer.parentElement!.outerHTML)).toEqual(['<p>Kim Jong-un</p>']);
  });

  it('asks about a run longer than one request takes in pieces cut at a space, and places each match in its own text node', async () => {
    const filler = 'word '.repeat(MAX_FIND_CHARS / 5);
    const text = `Moscow ${filler}Moscow ${filler}Moscow`;
    document.body.innerHTML = '<p></p>';
    document.querySelector('p')!.textContent = text;
    const asked: string[] = [];
    const find = fakeMatcher({ Moscow: ['moscow'] });
    const highlighter = fakeHighlighter();
    await scanInSlices([document.body], (texts) => (asked.push(...texts), find(texts)), highlighter);
    expect(asked.length).toBeGreaterThan(1);
    expect(asked.every((piece) => piece.length <= MAX_FIND_CHARS)).toBe(true);
    expect(asked.join('')).toBe(text);
    const found = highlighter.all();
    expect(found.map((a) => a.range.toString())).toEqual(['Moscow', 'Moscow', 'Moscow']);
    expect(found.map((a) => a.range.startOffset)).toEqual([0, 7 + filler.length, 14 + 2 * filler.length]);
  });

  it('leaves out a run whose text the page changed while the answer travelled, and goes on with the rest', async () => {
    document.body.innerHTML = '<p id="changed">Moscow, said Moscow</p><p>Moscow</p>';
    const find = fakeMatcher({ Moscow: ['moscow'] });
    const highlighter = fakeHighlighter();
    await scanInSlices(
      [document.body],
      async (texts) => {
        const answer = await find(texts);
        // The page shortens the first paragraph: its matches' offsets no longer fit it (and its change is rescanned by dom-watch.ts).
        document.getElementById('changed')!.firstChild!.textContent = 'Kyiv';
        return answer;
      },
      highlighter,
    );
    expect(highlighter.all().map((a) => [a.range.startContainer.parentElement!.id, a.range.toString()])).toEqual([['', 'Moscow']]);
  });

  it('keeps every candidate of words that name several entities', async () => {
    document.body.innerHTML = '<p>Georgia</p>';
    const highlighter = fakeHighlighter();
    await scanInSlices([document.body], fakeMatcher({ Georgia: ['georgia-country', 'georgia-state'] }), highlighter);
    expect(highlighter.all()[0].candidates).toEqual(['georgia-country', 'georgia-state']);
  });

  it('hands over what it found in several slices when a slice runs out of time', async () => {
    document.body.innerHTML = '<p>Moscow</p><p>Moscow</p><p>Moscow</p>';
    const highlighter = fakeHighlighter();
    await scanInSlices([document.body], fakeMatcher({ Moscow: ['moscow'] }), highlighter, { sliceMs: -1 });
    expect(highlighter.batches.filter((batch) => batch.length > 0)).toHaveLength(3);
    expect(highlighter.all()).toHaveLength(3);
  });

  it('places a batch’s matches in slices of their own when placing them runs out of time', async () => {
    document.body.innerHTML = '<p>Moscow</p><p>Moscow</p><p>Moscow</p>';
    const find = fakeMatcher({ Moscow: ['moscow'] });
    let clock = 0;
    const now = vi.spyOn(performance, 'now').mockImplementation(() => clock);
    const asked: number[] = [];
    const highlighter = fakeHighlighter();
    try {
      // The walk takes no time, so one batch holds every run; from the answer on, each look at the clock finds 10 ms gone.
      const answered = (texts: string[]) => ((now.mockImplementation(() => (clock += 10)), asked.push(texts.length)), find(texts));
      await scanInSlices([document.body], answered, highlighter, { sliceMs: 5 });
    } finally {
      now.mockRestore();
    }
    expect(asked).toEqual([3]);
    expect(highlighter.batches.map((batch) => batch.length)).toEqual([1, 1, 1]);
  });

  it('never asks about more runs at once than one request takes', async () => {
    document.body.innerHTML = '<p>a</p>'.repeat(MAX_FIND_TEXTS + 1);
    const find = fakeMatcher({ Moscow: ['moscow'] });
    const asked: number[] = [];
    // The walk takes no time, so only the bound on runs ends the first batch.
    const now = vi.spyOn(performance, 'now').mockReturnValue(0);
    try {
      await scanInSlices([document.body], (texts) => (asked.push(texts.length), find(texts)), fakeHighlighter());
    } finally {
      now.mockRestore();
    }
    expect(asked).toEqual([MAX_FIND_TEXTS, 1]);
  });

  it('stops at the next slice once aborted', async () => {
    document.body.innerHTML = '<p>Moscow</p><p>Moscow</p><p>Moscow</p>';
    const highlighter = fakeHighlighter();
    const scans = new AbortController();
    const scan = scanInSlices([document.body], fakeMatcher({ Moscow: ['moscow'] }), { add: (annotations) => (highlighter.add(annotations), scans.abort()) }, { sliceMs: -1, signal: scans.signal });
    await scan;
    expect(highlighter.all()).toHaveLength(1);
  });

  it('does nothing when aborted before it starts', async () => {
    document.body.innerHTML = '<p>Moscow</p>';
    const highlighter = fakeHighlighter();
    await scanInSlices([document.body], fakeMatcher({ Moscow: ['moscow'] }), highlighter, { signal: AbortSignal.abort() });
    expect(highlighter.batches).toEqual([]);
  });
});
