/**
 * The content script's side of the side panel and the notes: answers the extension's questions
 * about the page (validated, and only from the extension itself), keeps the selection notes
 * anchored, and tells the extension when the page's entities change.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { describeSpan } from '@/core/anchoring';
import { NOTES_CHANGED, validateTabMessage, type Reply, type TabMessage, type TabResponseTypes } from '@/core/messages';
import { pageUrl } from '@/core/page-url';
import { request } from '@/services/rpc';
import type { Highlighter } from './highlighter';
import { createNotesLayer } from './notes-layer';
import { createRevealer, pageReport } from './page-report';
import { readPageText, spanOfRange } from './page-text';

/** Reports the page's entities once a burst of highlighting settles, not after every slice. */
const REPORT_DELAY_MS = 300;
/** Waits for a burst of DOM changes to settle before anchoring notes again. */
const REANCHOR_DELAY_MS = 1_000;
const MAX_QUOTE = 20_000;

export function connectReaderTools(ctx: ContentScriptContext, doc: Document) {
  let highlighter: Highlighter | undefined;
  let notes: ReturnType<typeof createNotesLayer> | undefined;
  const revealer = createRevealer(doc);

  const answer: { [T in TabMessage['type']]: (message: TabMessage<T>) => TabResponseTypes[T] } = {
    'tab/page-report': () => (highlighter ? pageReport(highlighter, location.href) : null),
    'tab/reveal': ({ payload }) => ({ found: highlighter ? revealer.reveal(highlighter, payload.entityId) : false }),
    'tab/selection': () => currentSelection(doc),
  };

  const onMessage = (message: unknown, sender: { id?: string }): Promise<Reply<unknown>> | undefined => {
    if (sender.id !== browser.runtime.id) return undefined;
    const type = (message as { type?: unknown })?.type;
    if (type === NOTES_CHANGED) {
      void notes?.refresh();
      return undefined;
    }
    if (typeof type !== 'string' || !type.startsWith('tab/')) return undefined;
    const checked = validateTabMessage(message);
    if ('error' in checked) return Promise.resolve({ ok: false, error: checked.error });
    const handler = answer[checked.message.type] as (message: TabMessage) => unknown;
    return Promise.resolve({ ok: true, value: handler(checked.message) });
  };
  browser.runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));

  // Report the number of entities shown when it changes, for the badge and the side panel.
  let reported = -1;
  let reportTimer: ReturnType<typeof setTimeout> | undefined;
  let unsubscribe: (() => void) | undefined;
  function report() {
    const entities = highlighter ? new Set(highlighter.annotations.map((a) => a.entityId)).size : 0;
    const signature = highlighter ? highlighter.annotations.length * 100_000 + entities : -1;
    if (signature === reported) return;
    reported = signature;
    void request('page/entities-changed', { entities }).catch(() => {});
  }
  const scheduleReport = () => {
    clearTimeout(reportTimer);
    reportTimer = setTimeout(report, REPORT_DELAY_MS);
  };

  let reanchorTimer: ReturnType<typeof setTimeout> | undefined;
  const observer = new MutationObserver(() => {
    // Only pages with selection notes need anchoring again when they change.
    if (!notes?.hasNotes) return;
    clearTimeout(reanchorTimer);
    reanchorTimer = setTimeout(() => void notes?.refresh(), REANCHOR_DELAY_MS);
  });
  ctx.addEventListener(window, 'wxt:locationchange', () => void notes?.refresh());

  function detach() {
    unsubscribe?.();
    unsubscribe = undefined;
    highlighter = undefined;
    scheduleReport();
    notes?.destroy();
    notes = undefined;
    observer.disconnect();
    clearTimeout(reanchorTimer);
  }
  ctx.onInvalidated(() => {
    detach();
    clearTimeout(reportTimer);
  });

  return {
    /** Contesto runs on the page: answer for these highlights and show the notes. */
    attach(pageHighlighter: Highlighter) {
      highlighter = pageHighlighter;
      unsubscribe?.();
      unsubscribe = pageHighlighter.onChange(scheduleReport);
      scheduleReport();
      notes ??= createNotesLayer(doc, {
        loadNotes: () => request('notes/for-page', { url: pageUrl(location.href) }),
        report: (found, lost) => request('notes/anchored', { found, lost }),
      });
      observer.observe(doc.body, { childList: true, subtree: true, characterData: true });
      return notes.refresh();
    },
    /** Contesto was turned off on the page. */
    detach,
  };
}

/** The reader's selection as a note target, or null when nothing is selected in the page's text. */
function currentSelection(doc: Document): TabResponseTypes['tab/selection'] {
  const selection = doc.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const page = readPageText(doc.body);
  const span = spanOfRange(page, selection.getRangeAt(0));
  if (!span) return null;
  const { quote, position } = describeSpan(page.text, { start: span.start, end: Math.min(span.end, span.start + MAX_QUOTE) });
  return { kind: 'selection', url: pageUrl(location.href), quote, position };
}
