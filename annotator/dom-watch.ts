/**
 * Follows a dynamic page: collects the DOM changes of a short while and hands over, in one
 * batch, the outermost blocks they touched, for rescanning. Contesto's own UI and marks are
 * not the page's changes and are ignored.
 *
 * A page may rewrite itself without pause (a live ticker, an ad rotating in the body), so the
 * work has a budget: one batch is rescanned at a time, never while a whole-page scan runs, and
 * the next batch waits in proportion to what the last one cost, which keeps rescanning to at most
 * a fifth of the page's time however fast it changes.
 */
import type { OwnDomChange } from './highlighter';
import { blockContaining, isSkipped, OWN_UI_ATTRIBUTE } from './text-walker';

/** After a batch that took t ms, the next waits at least BUDGET_FACTOR × t: rescans take at most 1 / (1 + BUDGET_FACTOR) of the time. */
const BUDGET_FACTOR = 4;

export function watchDom(doc: Document, rescan: (roots: Node[]) => Promise<unknown>, batchMs: number) {
  let dirty = new Set<Node>();
  // Nodes left the page: their highlights must go even when nothing is left to scan.
  let removed = false;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let running = 0;
  let lastBatchMs = 0;
  const observer = new MutationObserver((records) => onMutations(records));

  function onMutations(records: MutationRecord[]) {
    for (const record of records) {
      const target = record.type === 'characterData' ? record.target.parentNode : record.target;
      if (!target || isOurs(target)) continue;
      if (record.type === 'childList' && [...record.addedNodes].every(isOurs) && [...record.removedNodes].every(isOurs)) continue;
      if (record.removedNodes.length > 0) removed = true;
      for (const node of touched(record, target)) dirty.add(node);
    }
    schedule();
  }

  function schedule() {
    if ((dirty.size === 0 && !removed) || flushTimer !== undefined || running > 0) return;
    flushTimer = setTimeout(flush, Math.max(batchMs, BUDGET_FACTOR * lastBatchMs));
  }

  async function flush() {
    flushTimer = undefined;
    // A change inside an editor, a form field or page chrome comes down to that element: its highlights go, and nothing in it is scanned.
    const blocks = [...dirty].filter((node) => node.isConnected).map((node) => skippedAround(node, doc.body) ?? blockContaining(node, doc.body));
    dirty = new Set();
    removed = false;
    const started = performance.now();
    // Its cost is known before the next batch is scheduled.
    await hold(rescan(outermost(blocks)).finally(() => (lastBatchMs = performance.now() - started)));
  }

  /** Holds the batches back until `scan` ends (a whole-page scan, a batch's rescan), then lets the next one go. */
  async function hold<T>(scan: Promise<T>): Promise<T> {
    running++;
    try {
      return await scan;
    } finally {
      running--;
      schedule();
    }
  }

  /**
   * Where highlights change the DOM (the <contesto-mark> fallback), those changes must not look
   * like the page's: set aside the page's pending records, drop ours, then handle the page's.
   */
  const ownDomChange: OwnDomChange = (change) => {
    const pagesOwn = observer.takeRecords();
    change();
    observer.takeRecords();
    if (pagesOwn.length > 0) onMutations(pagesOwn);
  };

  return {
    ownDomChange,
    hold,
    start() {
      // contenteditable: a block the page turns into an editor loses its highlights.
      observer.observe(doc.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['contenteditable'] });
    },
    destroy() {
      observer.disconnect();
      clearTimeout(flushTimer);
    },
  };
}

function isOurs(node: Node): boolean {
  const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  return !!element?.closest(`[${OWN_UI_ATTRIBUTE}]`) || node.nodeName === 'CONTESTO-MARK';
}

/**
 * What a change needs rescanned. Blocks added or removed between blocks leave the text around
 * them reading as before, so only the added blocks are scanned (a feed that appends an item, an
 * ad slot in the body, do not cost a rescan of their container); any other change rescans the
 * block around it.
 */
function touched(record: MutationRecord, target: Node): Node[] {
  const changed = [...record.addedNodes, ...record.removedNodes];
  const betweenBlocks = record.type === 'childList' && changed.every(isBlockOrBlank) && isBoundary(record.previousSibling) && isBoundary(record.nextSibling);
  return betweenBlocks ? [...record.addedNodes].filter(isBlock) : [target];
}

const isBlock = (node: Node) => node.nodeType === Node.ELEMENT_NODE && blockContaining(node, node.ownerDocument!.documentElement) === node;
const isBlank = (node: Node) => node.nodeType === Node.TEXT_NODE && !(node as Text).data.trim();
const isBlockOrBlank = (node: Node) => isBlock(node) || isBlank(node);
const isBoundary = (sibling: Node | null) => !sibling || isBlockOrBlank(sibling);

/** The outermost skipped element around `node`, below `root`, if there is one. */
function skippedAround(node: Node, root: Node): Element | undefined {
  let found: Element | undefined;
  for (let el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement; el && el !== root; el = el.parentElement) if (isSkipped(el)) found = el;
  return found;
}

/** Drops nodes inside another node of the list, so nothing is scanned twice. */
function outermost(nodes: Node[]): Node[] {
  const set = new Set(nodes);
  const hasListedAncestor = (node: Node) => {
    for (let parent = node.parentNode; parent; parent = parent.parentNode) if (set.has(parent)) return true;
    return false;
  };
  return [...set].filter((node) => !hasListedAncestor(node));
}
