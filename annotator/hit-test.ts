/**
 * Which annotation is under a point: the caret position finds the text node, rectangles confirm.
 * The caret misses text under another box (a headline's link stretched over its card, an overlay)
 * and at a word's last letter (it lands in the next node), so the text directly inside each
 * element under the point is tried next, topmost first.
 */
import type { Annotation, Highlighter } from './highlighter';

/** Boxes under the point worth reading: past a few, it is the page's containers. */
const LAYERS = 6;

export function annotationAt(doc: Document, highlighter: Pick<Highlighter, 'at'>, x: number, y: number): Annotation | null {
  for (const node of textNodesAt(doc, x, y)) {
    for (const annotation of highlighter.at(node)) {
      for (const rect of annotation.range.getClientRects()) {
        if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) return annotation;
      }
    }
  }
  return null;
}

function* textNodesAt(doc: Document, x: number, y: number): Generator<Node> {
  const caret = caretNodeAt(doc, x, y);
  if (caret) yield caret;
  for (const element of doc.elementsFromPoint(x, y).slice(0, LAYERS)) {
    for (const child of element.childNodes) if (child.nodeType === Node.TEXT_NODE && child !== caret) yield child;
  }
}

function caretNodeAt(doc: Document, x: number, y: number): Node | null {
  if (doc.caretPositionFromPoint) return doc.caretPositionFromPoint(x, y)?.offsetNode ?? null;
  // Older Chromium has only the non-standard caretRangeFromPoint.
  return (doc as Document & { caretRangeFromPoint?(x: number, y: number): Range | null }).caretRangeFromPoint?.(x, y)?.startContainer ?? null;
}
