/**
 * HTML with its inline event handlers (`onclick`, `onerror`, …) taken out of every start tag.
 * In an extension page, the browser checks each such attribute against the page's Content
 * Security Policy as soon as a parser creates the element, even in a DOMParser document that
 * never runs anything, and logs a violation per attribute (hundreds per news page). Ingestion
 * reads only text, so the handlers go before the page is parsed.
 *
 * Tags are read as the HTML tokenizer reads them (quoted and unquoted values, `>` inside quotes);
 * a tag-like text inside a script or a comment may lose an attribute too, which no text we keep
 * depends on.
 */
const TAG_START = /<[a-zA-Z][^\s/>]*/g;
const SPACE = /[\s/]*/y;
const NAME = /[^\s/>][^\s/>=]*/y;
const VALUE = /\s*=\s*(?:"[^"]*"?|'[^']*'?|[^\s>]*)/y;
const HANDLER = /^on/i;

export function withoutEventHandlers(html: string): string {
  if (!/\son/i.test(html)) return html;
  const kept: string[] = [];
  let copied = 0;
  for (TAG_START.lastIndex = 0; TAG_START.exec(html);) {
    let at = TAG_START.lastIndex;
    for (;;) {
      at = skip(SPACE, html, at);
      const nameEnd = skip(NAME, html, at);
      if (nameEnd === at) break;
      const end = skip(VALUE, html, nameEnd);
      if (HANDLER.test(html.slice(at, nameEnd))) {
        kept.push(html.slice(copied, at));
        copied = end;
      }
      at = end;
    }
    TAG_START.lastIndex = at;
  }
  kept.push(html.slice(copied));
  return kept.join('');
}

/** Where a sticky expression's match starting at `at` ends (`at` when it does not match). */
function skip(pattern: RegExp, text: string, at: number): number {
  pattern.lastIndex = at;
  return pattern.test(text) ? pattern.lastIndex : at;
}
