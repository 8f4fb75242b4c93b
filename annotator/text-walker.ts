/**
 * Collects the page's readable text as runs of text nodes that belong to one block, so that
 * a name split across inline elements ("Kim <b>Jong-un</b>") is one string for the matcher,
 * while text in different blocks never joins. The walk takes no filter callback: skipping a
 * subtree is a jump, which keeps the walk close to the cost of reading the text at all.
 */

/** Elements whose text is not prose the reader is reading, or is not ours to touch. */
const SKIPPED = new Set(['script', 'style', 'noscript', 'textarea', 'input', 'select', 'option', 'code', 'pre', 'template', 'svg', 'math', 'iframe', 'object', 'canvas', 'head', 'title']);

/** Inline elements: text on either side of them still reads as one run. */
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'data',
  'dfn',
  'em',
  'font',
  'i',
  'kbd',
  'label',
  'mark',
  'q',
  'ruby',
  'rt',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
  'wbr',
  'del',
  'ins',
  'contesto-mark',
]);

/** Host elements of Contesto's own UI carry this attribute; the walker never enters them. */
export const OWN_UI_ATTRIBUTE = 'data-contesto-ui';

export interface TextRun {
  nodes: Text[];
}

export function isSkipped(element: Element): boolean {
  if (SKIPPED.has(element.localName) || element.hasAttribute(OWN_UI_ATTRIBUTE)) return true;
  const editable = element.getAttribute('contenteditable');
  // Landmarks and menus are blocks: inline elements, most of a page's, are spared the check.
  return (editable !== null && editable !== 'false') || (!INLINE.has(element.localName) && isPageChrome(element));
}

/** Landmarks around the article, not in it: menus, the site's banner and footer, sidebars. */
const CHROME_ELEMENTS = new Set(['nav', 'aside', 'menu']);
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'menu', 'menubar', 'search']);
/** A <header> or <footer> inside these is the article's own (its headline, its byline), not the site's. */
const SECTIONING = 'article, main, section, [role="main"], [role="article"]';
const MIN_MENU_ITEMS = 3;

/**
 * Where the reader does not read: a site menu repeats the same city and section names on every
 * page. Decided by the page's own markup (landmark elements and ARIA roles) and by one shape,
 * a list whose every item is a link; nothing inside an article's text is ever one of these
 * (npm run measure:chrome counts how much article text the rule would hide).
 */
export function isPageChrome(element: Element): boolean {
  const name = element.localName;
  if (CHROME_ELEMENTS.has(name)) return true;
  const role = element.getAttribute('role');
  if (role && CHROME_ROLES.has(role)) return true;
  if (name === 'header' || name === 'footer') return !element.parentElement?.closest(SECTIONING);
  return (name === 'ul' || name === 'ol') && isLinkList(element);
}

function isLinkList(list: Element): boolean {
  const items = [...list.children].filter((child) => child.localName === 'li');
  if (items.length < MIN_MENU_ITEMS) return false;
  return items.every((item) => {
    const text = item.textContent?.trim().length ?? 0;
    const linked = [...item.querySelectorAll('a')].reduce((sum, link) => sum + (link.textContent?.trim().length ?? 0), 0);
    return linked > 0 && linked >= text * 0.8;
  });
}

const isInline = (element: Element) => INLINE.has(element.localName);

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
 * non-inline element (entering or leaving it), at elements such as <br> or <img>, and at
 * skipped elements.
 */
export function* textRuns(root: Node): Generator<TextRun> {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  let run: Text[] = [];
  let runBlock: Node | null = null;
  let lastParent: Node | null = null;
  let node: Node | null = root.nodeType === Node.ELEMENT_NODE && isSkipped(root as Element) ? null : walker.nextNode();
  while (node) {
    if (node.nodeType === Node.ELEMENT_NODE) {
      const element = node as Element;
      const skipped = isSkipped(element);
      if ((skipped || !isInline(element)) && run.length > 0) {
        yield { nodes: run };
        run = [];
      }
      node = skipped ? nextAfterSubtree(walker) : walker.nextNode();
      continue;
    }
    // Sibling text nodes share a block; only a new parent needs the walk up to find it.
    if (node.parentNode !== lastParent) {
      lastParent = node.parentNode;
      const block = blockContaining(node, root);
      if (run.length > 0 && block !== runBlock) {
        yield { nodes: run };
        run = [];
      }
      runBlock = block;
    }
    if (run.length > 0 || (node as Text).data.trim()) run.push(node as Text);
    node = walker.nextNode();
  }
  if (run.length > 0) yield { nodes: run };
}

function nextAfterSubtree(walker: TreeWalker): Node | null {
  for (;;) {
    const sibling = walker.nextSibling();
    if (sibling) return sibling;
    if (!walker.parentNode()) return null;
  }
}

/** The nearest ancestor of `node` (up to `root`) that is not an inline element. */
export function blockContaining(node: Node, root: Node): Node {
  let el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  while (el && el !== root && isInline(el)) el = el.parentElement;
  return el ?? root;
}
