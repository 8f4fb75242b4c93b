/**
 * Follows a dynamic page: collects the DOM changes of a short while and hands over, in one
 * batch, the outermost blocks they touched, for rescanning. Contesto's own UI and marks are
 * not the page's changes and are ignored.
 */
import type { OwnDomChange } from './highlighter';
import { blockContaining, isInsideSkipped, OWN_UI_ATTRIBUTE } from './text-walker';

export function watchDom(doc: Document, rescan: (roots: Node[]) => void, batchMs: number) {
  let dirty = new Set<Node>();
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  const observer = new MutationObserver((records) => onMutations(records));

  function onMutations(records: MutationRecord[]) {
    for (const record of records) {
      const target = record.type === 'characterData' ? record.target.parentNode : record.target;
      if (!target || isOurs(target)) continue;
      if (record.type === 'childList' && [...record.addedNodes].every(isOurs) && [...record.removedNodes].every(isOurs)) continue;
      dirty.add(target);
    }
    if (dirty.size > 0 && flushTimer === undefined) flushTimer = setTimeout(flush, batchMs);
  }

  function flush() {
    flushTimer = undefined;
    const blocks = [...dirty].filter((node) => node.isConnected && !isInsideSkipped(node, doc.body)).map((node) => blockContaining(node, doc.body));
    dirty = new Set();
    rescan(outermost(blocks));
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
    start() {
      observer.observe(doc.body, { childList: true, subtree: true, characterData: true });
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

/** Drops nodes inside another node of the list, so nothing is scanned twice. */
function outermost(nodes: Node[]): Node[] {
  const set = new Set(nodes);
  const hasListedAncestor = (node: Node) => {
    for (let parent = node.parentNode; parent; parent = parent.parentNode) if (set.has(parent)) return true;
    return false;
  };
  return [...set].filter((node) => !hasListedAncestor(node));
}
