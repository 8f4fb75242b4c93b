/** Which annotation is under a point: the caret position finds the text node, rectangles confirm. */
import type { Annotation, Highlighter } from './highlighter';

export function annotationAt(doc: Document, highlighter: Highlighter, x: number, y: number): Annotation | null {
  const node = textNodeAt(doc, x, y);
  if (!node) return null;
  for (const annotation of highlighter.at(node)) {
    for (const rect of annotation.range.getClientRects()) {
      if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) return annotation;
    }
  }
  return null;
}

function textNodeAt(doc: Document, x: number, y: number): Node | null {
  if (doc.caretPositionFromPoint) return doc.caretPositionFromPoint(x, y)?.offsetNode ?? null;
  // Older Chromium has only the non-standard caretRangeFromPoint.
  return (doc as Document & { caretRangeFromPoint?(x: number, y: number): Range | null }).caretRangeFromPoint?.(x, y)?.startContainer ?? null;
}
