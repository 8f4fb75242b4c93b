/**
 * Collects the page's readable text as runs of text nodes that belong to one block, so that
 * a name split across inline elements ("Kim <b>Jong-un</b>") is one string for the matcher,
 * while text in different blocks never joins.
 */

/** Elements whose text is not prose the reader is reading, or is not ours to touch. */
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'CODE', 'PRE', 'TEMPLATE', 'SVG', 'MATH', 'IFRAME', 'OBJECT', 'CANVAS', 'HEAD', 'TITLE']);

/** Inline elements: text on either side of them still reads as one run. */
const INLINE_TAGS = new Set([
  'A', 'ABBR', 'B', 'BDI', 'BDO', 'CITE', 'DATA', 'DFN', 'EM', 'FONT', 'I', 'KBD', 'LABEL', 'MARK', 'Q', 'RUBY', 'RT', 'S', 'SAMP',
  'SMALL', 'SPAN', 'STRONG', 'SUB', 'SUP', 'TIME', 'TT', 'U', 'VAR', 'WBR', 'DEL', 'INS', 'CONTESTO-MARK',
]);

/** Host elements of Contesto's own UI carry this attribute; the walker never enters them. */
export const OWN_UI_ATTRIBUTE = 'data-contesto-ui';

export interface TextRun {
  nodes: Text[];
}

export function isSkipped(element: Element): boolean {
  return (
    SKIPPED_TAGS.has(element.tagName.toUpperCase()) ||
    element.hasAttribute(OWN_UI_ATTRIBUTE) ||
    (element as HTMLElement).isContentEditable === true ||
    element.getAttribute('contenteditable') === 'true' ||
    element.getAttribute('contenteditable') === ''
  );
}

function isInline(element: Element): boolean {
  return INLINE_TAGS.has(element.tagName.toUpperCase());
}

/** True when some element on the path from `node` up to `root` is skipped. */
export function isInsideSkipped(node: Node, root: Node): boolean {
  for (let el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement; el; el = el.parentElement) {
    if (isSkipped(el)) return true;
    if (el === root) break;
  }
  return false;
}

/**
 * Walks `root` in document order and yields runs of text nodes. A run ends at the edge of any
 * non-inline element (entering or leaving it) and at elements such as <br> or <img>.
 */
export function* textRuns(root: Node): Generator<TextRun> {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.nodeType === Node.ELEMENT_NODE && isSkipped(node as Element) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  let run: Text[] = [];
  let runParentBlock: Node | null = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.ELEMENT_NODE) {
      if (!isInline(node as Element) && run.length > 0) {
        yield { nodes: run };
        run = [];
      }
      continue;
    }
    const block = blockContaining(node, root);
    if (run.length > 0 && block !== runParentBlock) {
      yield { nodes: run };
      run = [];
    }
    runParentBlock = block;
    if ((node as Text).data.trim() || run.length > 0) run.push(node as Text);
  }
  if (run.length > 0) yield { nodes: run };
}

/** The nearest ancestor of `node` (up to `root`) that is not an inline element. */
export function blockContaining(node: Node, root: Node): Node {
  let el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  while (el && el !== root && isInline(el)) el = el.parentElement;
  return el ?? root;
}
