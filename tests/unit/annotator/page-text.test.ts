// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { joinText, locateSpan, readPageText, spanOfRange } from '@/annotator/page-text';

beforeEach(() => {
  document.body.innerHTML = '<p>Kim <b>Jong-un</b> met</p><script>skip()</script><p>Putin.</p>';
});

describe('readPageText', () => {
  it('reads every text node outside skipped elements, in document order, with where each starts', () => {
    const page = readPageText(document.body);
    expect(page.text).toBe('Kim Jong-un metPutin.');
    expect(page.nodes.map((node) => node.data)).toEqual(['Kim ', 'Jong-un', ' met', 'Putin.']);
    expect(page.starts).toEqual([0, 4, 11, 15]);
  });
});

describe('joinText', () => {
  it('joins the given nodes and records their start offsets', () => {
    const [kim, jong] = readPageText(document.body).nodes;
    expect(joinText([kim, jong])).toEqual({ text: 'Kim Jong-un', nodes: [kim, jong], starts: [0, 4] });
  });
});

describe('locateSpan', () => {
  it('maps a span across nodes to a DOM range and the nodes it covers', () => {
    const page = readPageText(document.body);
    const { range, nodes } = locateSpan(page, { start: 0, end: 11 });
    expect(range.toString()).toBe('Kim Jong-un');
    expect(nodes.map((node) => node.data)).toEqual(['Kim ', 'Jong-un']);
  });

  it('puts a start on a node boundary in the later node and an end on one in the earlier node', () => {
    const page = readPageText(document.body);
    const { range, nodes } = locateSpan(page, { start: 4, end: 11 });
    expect(range.startContainer).toBe(page.nodes[1]);
    expect(range.startOffset).toBe(0);
    expect(range.endContainer).toBe(page.nodes[1]);
    expect(range.endOffset).toBe(7);
    expect(nodes).toEqual([page.nodes[1]]);
  });
});

describe('spanOfRange', () => {
  it('gives the text offsets of a range in text nodes, the inverse of locateSpan', () => {
    const page = readPageText(document.body);
    const span = { start: 6, end: 18 };
    expect(spanOfRange(page, locateSpan(page, span).range)).toEqual(span);
  });

  it('maps a boundary between elements to the offset of the next text node', () => {
    const page = readPageText(document.body);
    const range = document.createRange();
    range.setStart(document.body, 1);
    range.setEnd(document.body, document.body.childNodes.length);
    expect(spanOfRange(page, range)).toEqual({ start: 15, end: 21 });
  });

  it('is null for a range that covers no page text', () => {
    const page = readPageText(document.body);
    const range = document.createRange();
    range.selectNodeContents(document.querySelector('script')!);
    expect(spanOfRange(page, range)).toBeNull();
  });
});
