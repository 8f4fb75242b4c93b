/**
 * Answers the extension's questions about the page (tab/* messages, validated): which entities
 * it shows, "take me to the next one", and the reader's selection as a note target.
 */
import { describeSpan } from '@/core/anchoring';
import { validateTabMessage, type Reply, type TabMessage, type TabResponseTypes } from '@/core/messages';
import { pageTitle } from '@/core/notes';
import { pageUrl } from '@/core/page-url';
import type { Highlighter } from './highlighter';
import { createRevealer, pageReport } from './page-report';
import { readPageText, spanOfRange } from './page-text';

const MAX_QUOTE = 20_000;

/** Returns the reply to a tab/* message, or undefined for any other message; `highlighter` is undefined while Contesto is off on the page. */
export function createTabServer(doc: Document, highlighter: () => Highlighter | undefined) {
  const revealer = createRevealer(doc);

  const answer: { [T in TabMessage['type']]: (message: TabMessage<T>) => TabResponseTypes[T] } = {
    'tab/page-report': () => {
      const shown = highlighter();
      return shown ? pageReport(shown, location.href) : null;
    },
    'tab/reveal': ({ payload }) => {
      const shown = highlighter();
      return { found: shown ? revealer.reveal(shown, payload.entityId) : false };
    },
    'tab/selection': () => currentSelection(doc),
  };

  return (message: unknown): Promise<Reply<unknown>> | undefined => {
    const type = (message as { type?: unknown })?.type;
    if (typeof type !== 'string' || !type.startsWith('tab/')) return undefined;
    const checked = validateTabMessage(message);
    if ('error' in checked) return Promise.resolve({ ok: false, error: checked.error });
    const handler = answer[checked.message.type] as (message: TabMessage) => unknown;
    return Promise.resolve({ ok: true, value: handler(checked.message) });
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
  const url = pageUrl(location.href);
  return { kind: 'selection', url, ...pageTitle(doc.title, url), quote, position };
}
