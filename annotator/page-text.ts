/**
 * Text nodes read as one string, and the one way back from an offset in that string to a text
 * node. The page's text is how selection notes are described and anchored: every text node of
 * the body in document order, outside the elements Contesto skips (scripts, styles, form fields,
 * its own UI). The scanner reads each run of a block's text nodes the same way.
 */
import type { TextSpan } from '@/core/anchoring';
import { isSkipped } from './text-walker';

export interface JoinedText {
  text: string;
  nodes: Text[];
  /** Offset in `text` where each node starts. */
  starts: number[];
}

export function joinText(nodes: Text[]): JoinedText {
  const starts: number[] = [];
  let length = 0;
  for (const node of nodes) {
    starts.push(length);
    length += node.data.length;
  }
  return { text: nodes.length === 1 ? nodes[0].data : nodes.map((node) => node.data).join(''), nodes, starts };
}

export function readPageText(root: Node): JoinedText {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.nodeType === Node.ELEMENT_NODE ? (isSkipped(node as Element) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP) : NodeFilter.FILTER_ACCEPT),
  });
  const nodes: Text[] = [];
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (node.data.length > 0) nodes.push(node);
  }
  return joinText(nodes);
}

/** Where a DOM range lies in the text; null when it covers none of it. */
export function spanOfRange(joined: JoinedText, range: Range): TextSpan | null {
  const start = offsetOf(joined, range.startContainer, range.startOffset);
  const end = offsetOf(joined, range.endContainer, range.endOffset);
  return end > start ? { start, end } : null;
}

/** The text offset of a boundary point: inside one of our text nodes, or before the next one. */
function offsetOf(joined: JoinedText, container: Node, offset: number): number {
  const index = container.nodeType === Node.TEXT_NODE ? joined.nodes.indexOf(container as Text) : -1;
  if (index !== -1) return joined.starts[index] + offset;
  const point = container.ownerDocument!.createRange();
  point.setStart(container, offset);
  const next = joined.nodes.findIndex((node) => point.comparePoint(node, 0) >= 0);
  return next === -1 ? joined.text.length : joined.starts[next];
}

/** The DOM range of a span of the text, and the text nodes it covers. */
export function locateSpan(joined: JoinedText, { start, end }: TextSpan): { range: Range; nodes: Text[] } {
  const first = nodeAt(joined, start, false);
  const last = nodeAt(joined, end, true);
  const range = joined.nodes[0].ownerDocument.createRange();
  range.setStart(joined.nodes[first], start - joined.starts[first]);
  range.setEnd(joined.nodes[last], end - joined.starts[last]);
  return { range, nodes: joined.nodes.slice(first, last + 1) };
}

/**
 * The index of the node that holds a text offset. At a boundary between two nodes, an end
 * (`atEnd`) belongs to the earlier node, so that ranges stay tight.
 */
function nodeAt(joined: JoinedText, offset: number, atEnd: boolean): number {
  let low = 0;
  let high = joined.nodes.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (joined.starts[middle] < offset || (!atEnd && joined.starts[middle] === offset)) low = middle;
    else high = middle - 1;
  }
  return low;
}
