/**
 * The page's text as one string, the way selection notes are described and anchored: every
 * text node of the body in document order, outside the elements Contesto skips (scripts,
 * styles, form fields, its own UI). Offsets in this string map back to DOM ranges.
 */
import type { TextSpan } from '@/core/anchoring';
import { isSkipped } from './text-walker';

export interface PageText {
  text: string;
  nodes: Text[];
  /** Offset in `text` where each node starts. */
  starts: number[];
}

export function readPageText(root: Node): PageText {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.nodeType === Node.ELEMENT_NODE ? (isSkipped(node as Element) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP) : NodeFilter.FILTER_ACCEPT),
  });
  const nodes: Text[] = [];
  const starts: number[] = [];
  const parts: string[] = [];
  let length = 0;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (node.data.length === 0) continue;
    nodes.push(node);
    starts.push(length);
    parts.push(node.data);
    length += node.data.length;
  }
  return { text: parts.join(''), nodes, starts };
}

/** Where a DOM range lies in the page text; null when it covers none of it. */
export function spanOfRange(page: PageText, range: Range): TextSpan | null {
  const start = offsetOf(page, range.startContainer, range.startOffset);
  const end = offsetOf(page, range.endContainer, range.endOffset);
  return end > start ? { start, end } : null;
}

/** The text offset of a boundary point: inside one of our text nodes, or before the next one. */
function offsetOf(page: PageText, container: Node, offset: number): number {
  const index = container.nodeType === Node.TEXT_NODE ? page.nodes.indexOf(container as Text) : -1;
  if (index !== -1) return page.starts[index] + offset;
  const point = container.ownerDocument!.createRange();
  point.setStart(container, offset);
  const next = page.nodes.findIndex((node) => point.comparePoint(node, 0) >= 0);
  return next === -1 ? page.text.length : page.starts[next];
}

export function rangeOfSpan(page: PageText, { start, end }: TextSpan): Range {
  const range = page.nodes[0].ownerDocument.createRange();
  const [startNode, startOffset] = locate(page, start, false);
  const [endNode, endOffset] = locate(page, end, true);
  range.setStart(startNode, startOffset);
  range.setEnd(endNode, endOffset);
  return range;
}

/** The node and offset of a text offset; at a boundary between nodes, the end of the earlier node when `atEnd`. */
function locate(page: PageText, offset: number, atEnd: boolean): [Text, number] {
  let low = 0;
  let high = page.nodes.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (page.starts[middle] < offset || (!atEnd && page.starts[middle] === offset)) low = middle;
    else high = middle - 1;
  }
  return [page.nodes[low], offset - page.starts[low]];
}
