/**
 * Draws matches with the CSS Custom Highlight API: one Highlight per entity type, registered
 * as `contesto-<type>` (past REGISTER_ALL_UP_TO matches, only those near the viewport). The
 * page's DOM and text stay as they were. Only where the API is missing are matches wrapped in
 * <contesto-mark> elements (which keeps the text, not the tree).
 */
import type { EntityType } from '@/core/pack';
import { NearViewport } from './near-viewport';

export interface Annotation {
  range: Range;
  entityId: string;
  type: EntityType;
  /** Every entity the matched words name, when they name more than one (see ambiguity.ts). */
  candidates?: string[];
  /** The text nodes the range covers, for hit-testing without walking the range. */
  nodes: Text[];
}

export const HIGHLIGHT_PREFIX = 'contesto-';

export interface Highlighter {
  add(annotations: Annotation[]): void;
  /** Forgets annotations whose text left the document. */
  pruneDetached(): void;
  /** Removes the annotations inside any of `roots` (before they are scanned again). */
  removeWithin(roots: readonly Node[]): void;
  /** The live annotations, in the order they were added. */
  readonly annotations: readonly Annotation[];
  /** The annotations that cover a text node. */
  at(node: Node): readonly Annotation[];
  clear(): void;
  /** Calls `listener` after every change to the annotations; returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
}

/**
 * Runs a change of the page's DOM made by Contesto itself, so that whoever watches the page
 * (the annotator's MutationObserver) can tell it apart from the page's own changes.
 */
export type OwnDomChange = (change: () => void) => void;

export function createHighlighter(doc: Document, ownDomChange: OwnDomChange = (change) => change()): Highlighter {
  return typeof CSS !== 'undefined' && 'highlights' in CSS ? new CssHighlighter() : new MarkElementHighlighter(doc, ownDomChange);
}

/** Bookkeeping both ways of drawing share: the list, the per-node index, removal. */
abstract class AnnotationSet implements Highlighter {
  private list: Annotation[] = [];
  private byNode = new Map<Node, Annotation[]>();
  private listeners = new Set<() => void>();

  get annotations(): readonly Annotation[] {
    return this.list;
  }

  protected abstract draw(annotations: Annotation[]): void;
  protected abstract erase(annotations: Annotation[]): void;
  protected abstract eraseAll(): void;

  add(annotations: Annotation[]) {
    if (annotations.length === 0) return;
    this.draw(annotations);
    for (const annotation of annotations) {
      this.list.push(annotation);
      for (const node of annotation.nodes) {
        const bucket = this.byNode.get(node);
        if (bucket) bucket.push(annotation);
        else this.byNode.set(node, [annotation]);
      }
    }
    this.changed();
  }

  onChange(listener: () => void) {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private changed() {
    for (const listener of this.listeners) listener();
  }

  at(node: Node): readonly Annotation[] {
    return this.byNode.get(node) ?? [];
  }

  pruneDetached() {
    this.removeWhere((a) => !isAttached(a.range));
  }

  removeWithin(roots: readonly Node[]) {
    // One walk up from each annotation's nodes, remembered per node, rather than one contains() per root and annotation:
    // a page that changes in many places at once hands over hundreds of roots.
    const inside = new Map<Node, boolean>(roots.map((root) => [root, true]));
    const within = (node: Node | null): boolean => {
      if (!node) return false;
      let known = inside.get(node);
      if (known === undefined) inside.set(node, (known = within(node.parentNode)));
      return known;
    };
    this.removeWhere((a) => within(a.range.startContainer) || within(a.range.endContainer));
  }

  clear() {
    this.eraseAll();
    this.list = [];
    this.byNode.clear();
    this.changed();
  }

  private removeWhere(doomed: (annotation: Annotation) => boolean) {
    const removed = this.list.filter(doomed);
    if (removed.length === 0) return;
    this.erase(removed);
    const gone = new Set(removed);
    this.list = this.list.filter((a) => !gone.has(a));
    for (const annotation of removed) {
      for (const node of annotation.nodes) {
        const rest = this.byNode.get(node)?.filter((a) => !gone.has(a)) ?? [];
        if (rest.length > 0) this.byNode.set(node, rest);
        else this.byNode.delete(node);
      }
    }
    this.changed();
  }
}

/** Past this many annotations, only those near the viewport are registered (near-viewport.ts): up to here a change still fits in a frame (npm run measure:rebuild). */
export const REGISTER_ALL_UP_TO = 2_000;

class CssHighlighter extends AnnotationSet {
  private byType = new Map<EntityType, Highlight>();
  private nearViewport: NearViewport | undefined;

  protected draw(annotations: Annotation[]) {
    if (this.nearViewport) return this.nearViewport.add(annotations);
    if (this.annotations.length + annotations.length <= REGISTER_ALL_UP_TO) return this.register(annotations);
    this.nearViewport = new NearViewport({ show: (shown) => this.register(shown), hide: (hidden) => this.unregister(hidden) });
    this.nearViewport.add([...this.annotations, ...annotations]);
  }

  protected erase(annotations: Annotation[]) {
    if (this.nearViewport) this.nearViewport.remove(annotations);
    else this.unregister(annotations);
  }

  protected eraseAll() {
    this.nearViewport?.disconnect();
    this.nearViewport = undefined;
    for (const type of this.byType.keys()) CSS.highlights.delete(HIGHLIGHT_PREFIX + type);
    this.byType.clear();
  }

  private register(annotations: Iterable<Annotation>) {
    for (const annotation of annotations) {
      let highlight = this.byType.get(annotation.type);
      if (!highlight) {
        highlight = new Highlight();
        this.byType.set(annotation.type, highlight);
        CSS.highlights.set(HIGHLIGHT_PREFIX + annotation.type, highlight);
      }
      highlight.add(annotation.range);
    }
  }

  private unregister(annotations: Iterable<Annotation>) {
    for (const annotation of annotations) this.byType.get(annotation.type)?.delete(annotation.range);
  }
}

function isAttached(range: Range): boolean {
  return range.startContainer.isConnected && range.endContainer.isConnected && !range.collapsed;
}

/** Fallback for browsers without CSS.highlights: wraps each text-node piece of a match. */
class MarkElementHighlighter extends AnnotationSet {
  private marks = new Map<Annotation, HTMLElement[]>();

  constructor(
    private doc: Document,
    private ownDomChange: OwnDomChange,
  ) {
    super();
  }

  protected draw(annotations: Annotation[]) {
    this.ownDomChange(() => this.wrap(annotations));
  }

  private wrap(annotations: Annotation[]) {
    // Wrap from last to first so earlier offsets in the same text node stay valid.
    for (const annotation of [...annotations].reverse()) {
      const marks = textPieces(annotation.range)
        .reverse()
        .map((piece) => {
          const mark = this.doc.createElement('contesto-mark');
          mark.dataset.type = annotation.type;
          piece.surroundContents(mark);
          return mark;
        });
      this.marks.set(annotation, marks);
    }
  }

  protected erase(annotations: Annotation[]) {
    this.ownDomChange(() => {
      for (const annotation of annotations) {
        for (const mark of this.marks.get(annotation) ?? []) mark.replaceWith(...mark.childNodes);
        this.marks.delete(annotation);
      }
    });
  }

  protected eraseAll() {
    this.erase([...this.marks.keys()]);
  }
}

/** Splits a range into one range per text node it covers. */
function textPieces(range: Range): Range[] {
  const doc = range.startContainer.ownerDocument!;
  const pieces: Range[] = [];
  const walker = doc.createTreeWalker(range.commonAncestorContainer, NodeFilter.SHOW_TEXT);
  walker.currentNode = range.startContainer;
  for (let node: Node | null = range.startContainer; node; node = walker.nextNode()) {
    if (node.nodeType !== Node.TEXT_NODE) continue;
    const piece = doc.createRange();
    piece.setStart(node, node === range.startContainer ? range.startOffset : 0);
    piece.setEnd(node, node === range.endContainer ? range.endOffset : (node as Text).length);
    if (!piece.collapsed) pieces.push(piece);
    if (node === range.endContainer) break;
  }
  return pieces;
}

/** Annotations in the order a reader meets them on the page. */
export function inReadingOrder(annotations: readonly Annotation[]): Annotation[] {
  // Text the page removed since the last batch is not pruned yet: it has no place in the order, and comparing it throws.
  return annotations.filter((a) => a.range.startContainer.isConnected && a.range.endContainer.isConnected).sort((a, b) => a.range.compareBoundaryPoints(Range.START_TO_START, b.range));
}
