/**
 * Collects the page's readable text as runs of text nodes that belong to one block, so that
 * a name split across inline elements ("Kim <b>Jong-un</b>") is one string for the matcher,
 * while text in different blocks never joins. The walk takes no filter callback: skipping a
 * subtree is a jump, which keeps the walk close to the cost of reading the text at all. Each
 * element costs one read of its name; only an element with attributes is also matched, natively,
 * against the one selector of attributes that can make it skipped. That check is made as the walk
 * reaches the element, never for the whole page up front: on a page of 200,000 elements one such
 * query is a single task of 20 to 50 ms, which the walk's 5 ms slices cannot split.
 *
 * A block that holds only inline elements and text (most paragraphs) is read in one call, its
 * text nodes looked up only if a name is found in it: every node the walk touches costs a wrapper
 * object in the content script's world, and on a large page those wrappers, not the reading,
 * are most of the walk's cost (young-generation collections, the world's wrapper map growing).
 */
import { joinText, type JoinedText } from './page-text';

/** What the walk does with an element, by name (any name not listed is a block). */
const ElementKind = { block: 0, inline: 1, skipped: 2, maybeChrome: 3 } as const;
type ElementKind = (typeof ElementKind)[keyof typeof ElementKind];

/** Elements whose text is not prose the reader is reading, or is not ours to touch. */
const SKIPPED = ['script', 'style', 'noscript', 'textarea', 'input', 'select', 'option', 'code', 'pre', 'template', 'svg', 'math', 'iframe', 'object', 'canvas', 'head', 'title'];

/** Inline elements: text on either side of them still reads as one run. */
const INLINE = [
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
];

/** Landmarks around the article, not in it: menus, the site's banner and footer, sidebars. */
const CHROME_ELEMENTS = ['nav', 'aside', 'menu'];
/** Blocks that are page chrome or not depending on where they stand and what they hold (isPageChrome). */
const MAYBE_CHROME = ['header', 'footer', 'ul', 'ol'];

const KINDS = new Map<string, ElementKind>([
  ...INLINE.map((name) => [name, ElementKind.inline] as const),
  ...[...SKIPPED, ...CHROME_ELEMENTS].map((name) => [name, ElementKind.skipped] as const),
  ...MAYBE_CHROME.map((name) => [name, ElementKind.maybeChrome] as const),
]);
const kindOf = (element: Element): ElementKind => KINDS.get(element.localName) ?? ElementKind.block;

/** Host elements of Contesto's own UI carry this attribute; the walker never enters them. */
export const OWN_UI_ATTRIBUTE = 'data-contesto-ui';
/** Attributes that can make any element skipped (see isSkipped). */
const SKIPPING_ATTRIBUTES = `[${OWN_UI_ATTRIBUTE}], [contenteditable], [role]`;

/** A run of text nodes read as one string (see page-text.ts). */
export type TextRun = JoinedText;

/** Any descendant that would make a block more than one plain run: a non-inline element, or an attribute that can make it skipped. */
const NOT_PLAIN = `:not(${INLINE.join(', ')}), ${SKIPPING_ATTRIBUTES}`;

/**
 * A block whose descendants are all inline elements and text, read as its `textContent`. Its
 * nodes are looked up from the page as it is when first asked for, so a scanner that finds their
 * text changed (readsAsBefore) leaves the run alone.
 */
class PlainBlockRun implements TextRun {
  #joined: JoinedText | undefined;
  constructor(
    private readonly block: Element,
    readonly text: string,
  ) {}
  get nodes(): Text[] {
    return this.joined().nodes;
  }
  get starts(): number[] {
    return this.joined().starts;
  }
  private joined(): JoinedText {
    return (this.#joined ??= joinText(textNodesIn(this.block)));
  }
}

function textNodesIn(block: Element): Text[] {
  const walker = block.ownerDocument.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) if (node.data.length > 0) nodes.push(node);
  return nodes;
}

/** The block's one run when it is plain (see PlainBlockRun): undefined when it is not, null when it is but holds only white space. */
function plainRun(block: Element): PlainBlockRun | null | undefined {
  if (block.querySelector(NOT_PLAIN)) return undefined;
  const text = block.textContent ?? '';
  return text.trim() ? new PlainBlockRun(block, text) : null;
}

export function isSkipped(element: Element): boolean {
  const kind = kindOf(element);
  if (kind === ElementKind.skipped || element.hasAttribute(OWN_UI_ATTRIBUTE)) return true;
  const editable = element.getAttribute('contenteditable');
  // Landmarks and menus are blocks: inline elements, most of a page's, are spared the check.
  return (editable !== null && editable !== 'false') || (kind !== ElementKind.inline && isPageChrome(element));
}

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
  if (CHROME_ELEMENTS.includes(name)) return true;
  const role = element.getAttribute('role');
  if (role && CHROME_ROLES.has(role)) return true;
  if (name === 'header' || name === 'footer') return !element.parentElement?.closest(SECTIONING);
  return (name === 'ul' || name === 'ol') && isLinkList(element);
}

function isLinkList(list: Element): boolean {
  // Most lists in an article hold no link at all: one native look settles them.
  if (!list.querySelector('a')) return false;
  const items = [...list.children].filter((child) => child.localName === 'li');
  if (items.length < MIN_MENU_ITEMS) return false;
  return items.every((item) => {
    const links = item.getElementsByTagName('a');
    if (links.length === 0) return false;
    let linked = 0;
    for (const link of links) linked += link.textContent!.trim().length;
    return linked > 0 && linked >= item.textContent!.trim().length * 0.8;
  });
}

const isInline = (element: Element) => kindOf(element) === ElementKind.inline;

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
  if (root.nodeType === Node.ELEMENT_NODE) {
    if (isSkipped(root as Element)) return;
    const plain = isInline(root as Element) ? undefined : plainRun(root as Element);
    if (plain !== undefined) {
      if (plain) yield plain;
      return;
    }
  }
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  let run = emptyRun();
  let runBlock: Node | null = null;
  let lastParent: Node | null = null;
  let node = walker.nextNode();
  while (node) {
    if (node.nodeType === Node.ELEMENT_NODE) {
      const element = node as Element;
      const kind = kindOf(element);
      const skipped =
        kind === ElementKind.skipped || (element.hasAttributes() && element.matches(SKIPPING_ATTRIBUTES) && isSkipped(element)) || (kind === ElementKind.maybeChrome && isPageChrome(element));
      if ((skipped || kind !== ElementKind.inline) && run.nodes.length > 0) {
        yield run;
        run = emptyRun();
      }
      const plain = skipped || kind === ElementKind.inline ? undefined : plainRun(element);
      if (plain) yield plain;
      node = skipped || plain !== undefined ? nextAfterSubtree(walker) : walker.nextNode();
      continue;
    }
    const text = node as Text;
    const data = text.data;
    // White space alone never starts a run: most of a page's text nodes end here, unexamined.
    if (run.nodes.length === 0 && !data.trim()) {
      node = walker.nextNode();
      continue;
    }
    // Sibling text nodes share a block; only a new parent needs the walk up to find it.
    const parent = text.parentNode;
    if (parent !== lastParent) {
      lastParent = parent;
      const block = blockContaining(text, root);
      if (block !== runBlock && run.nodes.length > 0) {
        yield run;
        run = emptyRun();
      }
      runBlock = block;
    }
    if (run.nodes.length > 0 || data.trim()) {
      run.starts.push(run.text.length);
      run.nodes.push(text);
      run.text += data;
    }
    node = walker.nextNode();
  }
  if (run.nodes.length > 0) yield run;
}

const emptyRun = (): TextRun => ({ text: '', nodes: [], starts: [] });

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
