// @vitest-environment happy-dom
// happy-dom has no CSS Custom Highlight API: the layer then anchors and reports without drawing.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNotesLayer, type NotesLayer } from '@/annotator/notes-layer';
import { describeSpan } from '@/core/anchoring';
import type { SelectionNote } from '@/core/messages';

const REANCHOR_DELAY_MS = 1_000;

/** A note on the first occurrence of `words` in `text`. */
function noteOn(id: string, text: string, words: string): SelectionNote {
  const start = text.indexOf(words);
  return { id, ...describeSpan(text, { start, end: start + words.length }) };
}

let notes: SelectionNote[];
let report: ReturnType<typeof vi.fn<(found: string[], lost: string[]) => Promise<unknown>>>;
let layer: NotesLayer;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  document.body.innerHTML = '<p>The talks in Moscow ended.</p>';
  notes = [];
  report = vi.fn(async () => undefined);
  layer = createNotesLayer(document, { loadNotes: async () => notes, report });
});

afterEach(() => {
  layer.destroy();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the notes layer', () => {
  it('reports which notes are found in the page text and which are orphaned', async () => {
    notes = [noteOn('here', 'The talks in Moscow ended.', 'talks in Moscow'), noteOn('gone', 'A page about Kyiv.', 'about Kyiv')];
    await layer.refresh();
    expect(report).toHaveBeenCalledWith(['here'], ['gone']);
  });

  it('reads nothing and reports nothing when the page has no notes', async () => {
    await layer.refresh();
    expect(report).not.toHaveBeenCalled();
  });

  it('anchors the notes again once the page settles after a change', async () => {
    notes = [noteOn('here', 'The talks in Moscow ended.', 'talks in Moscow')];
    await layer.refresh();
    document.querySelector('p')!.textContent = 'The talks ended.';
    document.body.append(document.createElement('p'));
    await vi.advanceTimersByTimeAsync(REANCHOR_DELAY_MS - 1);
    expect(report).toHaveBeenCalledOnce();
    await vi.advanceTimersByTimeAsync(1);
    expect(report).toHaveBeenCalledTimes(2);
    expect(report).toHaveBeenLastCalledWith([], ['here']);
  });

  it('watches the page for changes only while it holds notes', async () => {
    const observe = vi.spyOn(MutationObserver.prototype, 'observe');
    const fresh = createNotesLayer(document, { loadNotes: async () => notes, report });
    await fresh.refresh();
    expect(observe).not.toHaveBeenCalled();
    notes = [noteOn('here', 'The talks in Moscow ended.', 'talks in Moscow')];
    await fresh.refresh();
    expect(observe).toHaveBeenCalledOnce();
    notes = [];
    await fresh.refresh();
    document.body.append(document.createElement('p'));
    await vi.advanceTimersByTimeAsync(REANCHOR_DELAY_MS);
    expect(report).toHaveBeenCalledOnce();
    fresh.destroy();
    observe.mockRestore();
  });

  it('does not watch the page for changes once destroyed', async () => {
    notes = [noteOn('here', 'The talks in Moscow ended.', 'talks in Moscow')];
    await layer.refresh();
    layer.destroy();
    document.body.append(document.createElement('p'));
    await vi.advanceTimersByTimeAsync(REANCHOR_DELAY_MS);
    expect(report).toHaveBeenCalledOnce();
  });

  it('holds its highlight in the registry only while a note is found, so that a page without one cannot tell Contesto is there', async () => {
    // A stand-in for the registry, which happy-dom lacks: the real one is checked in the browser (tests/e2e/privacy.test.ts).
    const registry = new Map<string, Set<Range>>();
    vi.stubGlobal('CSS', { highlights: registry });
    vi.stubGlobal('Highlight', Set);
    const drawn = createNotesLayer(document, { loadNotes: async () => notes, report });
    await drawn.refresh();
    expect(registry.size).toBe(0);
    notes = [noteOn('here', 'The talks in Moscow ended.', 'talks in Moscow')];
    await drawn.refresh();
    expect([...registry.keys()]).toEqual(['contesto-note']);
    expect([...registry.get('contesto-note')!].map(String)).toEqual(['talks in Moscow']);
    // The page loses the noted words, then the reader deletes the note: either way, nothing of ours is left.
    notes = [noteOn('gone', 'A page about Kyiv.', 'about Kyiv')];
    await drawn.refresh();
    expect(registry.size).toBe(0);
    notes = [noteOn('here', 'The talks in Moscow ended.', 'talks in Moscow')];
    await drawn.refresh();
    notes = [];
    await drawn.refresh();
    expect(registry.size).toBe(0);
    notes = [noteOn('here', 'The talks in Moscow ended.', 'talks in Moscow')];
    await drawn.refresh();
    drawn.destroy();
    expect(registry.size).toBe(0);
  });
});
