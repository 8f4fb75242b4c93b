/**
 * Tells the extension how many entities the page shows whenever they change (for the toolbar
 * badge and the side panel), once a burst of highlighting settles rather than after every slice.
 */
import type { Highlighter } from './highlighter';

type Followed = Pick<Highlighter, 'annotations' | 'onChange'>;

const REPORT_DELAY_MS = 300;

export function createBadgeReporter(send: (entities: number) => void) {
  let highlighter: Followed | undefined;
  let unsubscribe: (() => void) | undefined;
  let reported: string | undefined;
  let reportTimer: ReturnType<typeof setTimeout> | undefined;
  // Until the page shows an entity or the side panel reads it, no one holds a state to correct: the browser clears a tab's badge when it loads a page.
  let anyoneTold = false;

  function report() {
    const entities = new Set(highlighter?.annotations.map((a) => a.entityId));
    // Which entities, not only how many: a correction can put one entity in another's place, and the side panel must read the page again.
    const signature = highlighter ? `${highlighter.annotations.length}:${[...entities].sort().join(' ')}` : 'off';
    if (signature === reported) return;
    reported = signature;
    // Most pages show no known name: their load then costs the background nothing.
    if (!anyoneTold && highlighter && entities.size === 0) return;
    anyoneTold = true;
    send(entities.size);
  }
  const scheduleReport = () => {
    clearTimeout(reportTimer);
    reportTimer = setTimeout(report, REPORT_DELAY_MS);
  };

  return {
    /** Reports on these highlights from now on; undefined when Contesto was turned off on the page. */
    follow(pageHighlighter: Followed | undefined) {
      unsubscribe?.();
      // New highlights are always reported once: whoever read the page meanwhile may hold a state that came and went.
      reported = undefined;
      highlighter = pageHighlighter;
      unsubscribe = pageHighlighter?.onChange(scheduleReport);
      scheduleReport();
    },
    /**
     * The side panel read the page's report itself: whatever the highlights settle on next is
     * reported, even a state reported before, since the panel may now hold one the badge never saw.
     */
    wasRead() {
      reported = undefined;
      anyoneTold = true;
    },
    destroy() {
      unsubscribe?.();
      clearTimeout(reportTimer);
    },
  };
}
