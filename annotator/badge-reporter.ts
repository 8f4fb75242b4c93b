/**
 * Tells the extension how many entities the page shows whenever that changes (for the toolbar
 * badge and the side panel), once a burst of highlighting settles rather than after every slice.
 */
import type { Highlighter } from './highlighter';

type Followed = Pick<Highlighter, 'annotations' | 'onChange'>;

const REPORT_DELAY_MS = 300;

export function createBadgeReporter(send: (entities: number) => void) {
  let highlighter: Followed | undefined;
  let unsubscribe: (() => void) | undefined;
  let reported = -1;
  let reportTimer: ReturnType<typeof setTimeout> | undefined;

  function report() {
    const entities = highlighter ? new Set(highlighter.annotations.map((a) => a.entityId)).size : 0;
    const signature = highlighter ? highlighter.annotations.length * 100_000 + entities : -1;
    if (signature === reported) return;
    reported = signature;
    send(entities);
  }
  const scheduleReport = () => {
    clearTimeout(reportTimer);
    reportTimer = setTimeout(report, REPORT_DELAY_MS);
  };

  return {
    /** Reports on these highlights from now on; undefined when Contesto was turned off on the page. */
    follow(pageHighlighter: Followed | undefined) {
      unsubscribe?.();
      highlighter = pageHighlighter;
      unsubscribe = pageHighlighter?.onChange(scheduleReport);
      scheduleReport();
    },
    destroy() {
      unsubscribe?.();
      clearTimeout(reportTimer);
    },
  };
}
