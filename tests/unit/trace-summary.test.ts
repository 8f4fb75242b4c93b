import { describe, expect, it } from 'vitest';
import { summarizeTrace, type TraceEvent } from '@/scripts/lib/trace';

const PAGE = 'http://127.0.0.1:8080/story.html';
const EXTENSION = 'chrome-extension://contesto/';
const MAIN = { pid: 10, tid: 1 };

/** A complete event on the page's main thread; times in ms, as the trace's µs. */
const event = (name: string, startMs: number, durMs: number, extra: Partial<TraceEvent> = {}): TraceEvent => ({
  name,
  cat: 'devtools.timeline',
  ph: 'X',
  ts: startMs * 1000,
  dur: durMs * 1000,
  ...MAIN,
  ...extra,
});

describe('the trace summary of a page load', () => {
  const events: TraceEvent[] = [
    event('ParseHTML', 0, 5, { args: { beginData: { url: PAGE } } }),
    // A task of the page's own, then two that ran our script: the longer waited 30 of its 60 ms for a core.
    event('RunTask', 0, 80, { tdur: 78_000 }),
    event('RunTask', 100, 60, { tdur: 30_000 }),
    event('EvaluateScript', 101, 50, { args: { data: { url: `${EXTENSION}content-scripts/content.js` } } }),
    event('RunTask', 200, 10, { tdur: 9_000 }),
    event('FunctionCall', 201, 8, { args: { data: { url: `${EXTENSION}content-scripts/content.js` } } }),
  ];

  it('finds the tasks that ran our script, the longest by its wall time, and the part of it on a core', () => {
    const summary = summarizeTrace(events, PAGE, EXTENSION, []);
    expect(summary.ourTasks).toBe(2);
    expect(summary.ourTaskMs).toBe(70);
    expect(summary.longestOurTaskMs).toBe(60);
    expect(summary.longestOurTaskThreadMs).toBe(30);
    expect(summary.longestOurTaskParts[0]).toEqual({ name: 'EvaluateScript', ms: 50 });
  });

  describe("a task of the page's parser that ran our script", () => {
    const ours = { args: { data: { url: `${EXTENSION}content-scripts/content.js` } } };
    // The parser's task: our document_start script evaluated within its parsing, then our readystatechange listener.
    const parserTask = [
      event('RunTask', 300, 90, { tdur: 85_000 }),
      event('ParseHTML', 300, 40, { args: { beginData: { url: PAGE } } }),
      event('EvaluateScript', 310, 6, { ...ours, tdur: 5_000 }),
      event('EventDispatch', 345, 3),
      event('FunctionCall', 345, 2, { ...ours, tdur: 2_000 }),
      event('Layout', 350, 40),
    ];

    it("counts only our script's events in it, so a longer task of ours stays the longest", () => {
      const summary = summarizeTrace([...events, ...parserTask], PAGE, EXTENSION, []);
      expect(summary.ourTasks).toBe(3);
      expect(summary.ourTaskMs).toBe(60 + 10 + 8);
      expect(summary.longestOurTaskMs).toBe(60);
      expect(summary.longestOurTaskInParserMs).toBeUndefined();
    });

    it('gives our part, its time on a core and the whole task when it is the longest', () => {
      const summary = summarizeTrace(parserTask, PAGE, EXTENSION, []);
      expect(summary.longestOurTaskMs).toBe(8);
      expect(summary.longestOurTaskThreadMs).toBe(7);
      expect(summary.longestOurTaskInParserMs).toBe(90);
      expect(summary.longestOurTaskParts[0]).toEqual({ name: 'Layout', ms: 40 });
    });

    it("counts a task of another document's parser whole", () => {
      const elsewhere = parserTask.map((e) => (e.name === 'ParseHTML' ? { ...e, args: { beginData: { url: 'http://127.0.0.1:8080/ad.html' } } } : e));
      const summary = summarizeTrace([event('ParseHTML', 0, 5, { args: { beginData: { url: PAGE } } }), ...elsewhere], PAGE, EXTENSION, []);
      expect(summary.longestOurTaskMs).toBe(90);
    });
  });

  it('gives no thread time when the trace has none', () => {
    const summary = summarizeTrace(
      events.map(({ tdur: _, ...rest }) => rest),
      PAGE,
      EXTENSION,
      [],
    );
    expect(summary.longestOurTaskMs).toBe(60);
    expect(summary.longestOurTaskThreadMs).toBeUndefined();
  });
});
