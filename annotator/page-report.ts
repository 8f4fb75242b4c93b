/**
 * What the side panel asks of a page: which entities it shows and how often, and "take me to
 * the next one" (scroll there and flash it).
 */
import './page-report.css';
import type { PageReport } from '@/core/messages';
import { createReader } from './ambiguity';
import { inReadingOrder, type Highlighter } from './highlighter';

export const FLASH_HIGHLIGHT = 'contesto-flash';
const FLASH_MS = 1_500;

export function pageReport(highlighter: Highlighter, url: string): PageReport {
  const rows = new Map<string, PageReport['entities'][number]>();
  const read = createReader(highlighter.annotations);
  for (const annotation of inReadingOrder(highlighter.annotations)) {
    // Words that name several entities the page does not tell apart are no one's occurrence.
    const reading = read(annotation);
    if (!('entityId' in reading)) continue;
    const { entityId, type } = reading;
    const row = rows.get(entityId);
    if (row) row.count++;
    else rows.set(entityId, { entityId, type, count: 1 });
  }
  return { url, entities: [...rows.values()] };
}

/** Shows the entity's occurrences one after the other, on each call the next one (wrapping around). */
export function createRevealer(doc: Document) {
  const last = new Map<string, Range>();
  let flashTimer: ReturnType<typeof setTimeout> | undefined;

  function flash(range: Range) {
    if (typeof CSS === 'undefined' || !('highlights' in CSS)) return;
    clearTimeout(flashTimer);
    CSS.highlights.set(FLASH_HIGHLIGHT, new Highlight(range));
    flashTimer = setTimeout(() => CSS.highlights.delete(FLASH_HIGHLIGHT), FLASH_MS);
  }

  return {
    reveal(highlighter: Highlighter, entityId: string): boolean {
      const occurrences = inReadingOrder(highlighter.annotations.filter((a) => a.entityId === entityId));
      if (occurrences.length === 0) return false;
      // The occurrence revealed last may have left the page since: then start again from the first.
      const previous = last.get(entityId)?.startContainer.isConnected ? last.get(entityId) : undefined;
      const next = (previous && occurrences.find((a) => a.range.compareBoundaryPoints(Range.START_TO_START, previous) > 0)) || occurrences[0];
      last.set(entityId, next.range);
      const rect = next.range.getBoundingClientRect();
      doc.defaultView?.scrollBy({ top: rect.top - doc.defaultView.innerHeight / 2, behavior: 'instant' });
      flash(next.range);
      return true;
    },
  };
}
