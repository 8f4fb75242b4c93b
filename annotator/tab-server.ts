/**
 * Answers the extension's questions about the page (tab/* messages, validated): which entities
 * it shows, "take me to the next one", the reader's selection as a note target, the page
 * itself for "Add this page", and how far its first scan has got.
 */
import { describeSpan } from '@/core/anchoring';
import { validateTabMessage, type Reply, type TabMessage, type TabResponseTypes } from '@/core/messages';
import { pageTitle } from '@/core/notes';
import { pageUrl } from '@/core/page-url';
import type { Annotator } from './annotator';
import { createRevealer, pageReport } from './page-report';
import { readPageText, spanOfRange } from './page-text';

const MAX_QUOTE = 20_000;

/**
 * Returns the reply to a tab/* message, or undefined for any other message; `shown` is what runs on
 * the page, undefined while Contesto is off there; `onReport` hears of every page report given.
 */
export function createTabServer(doc: Document, shown: () => Pick<Annotator, 'highlighter' | 'firstScan'> | undefined, onReport: () => void) {
  const revealer = createRevealer(doc);

  const answer: { [T in TabMessage['type']]: (message: TabMessage<T>) => TabResponseTypes[T] } = {
    'tab/page-report': () => {
      onReport();
      const highlighter = shown()?.highlighter;
      return highlighter ? pageReport(highlighter, location.href) : null;
    },
    'tab/reveal': ({ payload }) => {
      const highlighter = shown()?.highlighter;
      return { found: highlighter ? revealer.reveal(highlighter, payload.entityId) : false };
    },
    'tab/selection': () => currentSelection(doc),
    'tab/page-html': () => ({ html: serializedPage(doc, location.href), url: location.href, title: doc.title }),
    'tab/scan-state': () => shown()?.firstScan() ?? null,
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

/**
 * The page as the reader sees it (after its scripts ran), as HTML for ingestion, which finds the
 * article in it (Readability, in the import worker). A page that names no canonical address is
 * given its own, so the stored document keeps where it came from. The page itself is not touched.
 */
function serializedPage(doc: Document, url: string): string {
  const html = `<!DOCTYPE html>\n${doc.documentElement.outerHTML}`;
  if (doc.querySelector('link[rel="canonical"]')) return html;
  const link = `<link rel="canonical" href="${url.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`)}">`;
  return html.replace(/<head(\s[^>]*)?>/i, (head) => head + link);
}
