/** Renders the documents of a knowledge pack as one plain news-like page (text escaped). */
import type { Pack } from '../../core/pack';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Each document as the page shows it: its title, its date and its paragraphs (the text's first line is the title). */
function demoArticles(pack: Pack): { title: string; date?: string; paragraphs: string[] }[] {
  return pack.documents.map((doc) => {
    const [, ...paragraphs] = doc.text
      .split(/\n+/)
      .map((line) => line.trim())
      .filter(Boolean);
    return { title: doc.title, date: doc.date, paragraphs };
  });
}

/** The demo page's text, block by block (a name never runs from one block into the next). */
export function demoPageBlocks(pack: Pack): string[] {
  return demoArticles(pack).flatMap(({ title, date, paragraphs }) => [title, ...(date ? [date] : []), ...paragraphs]);
}

export function demoPageHtml(pack: Pack): string {
  const articles = demoArticles(pack).map(({ title, date, paragraphs }) => {
    const body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
    return `<article><h1>${escapeHtml(title)}</h1>${date ? `<p class="date">${escapeHtml(date)}</p>` : ''}\n${body}</article>`;
  });
  return `<!doctype html><html lang="${escapeHtml(pack.documents[0]?.lang ?? 'en')}"><head><meta charset="utf-8"><title>Contesto demo</title>
<style>body{font:18px/1.6 Georgia,serif;max-width:46rem;margin:2rem auto;padding:0 1rem}.date{color:#666}</style></head>
<body>${articles.join('\n<hr>\n')}</body></html>`;
}

/** Reads the page's highlights from the page itself: what a reader sees marked, by type. */
export function readHighlights(): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, highlight] of CSS.highlights) {
    if (!name.startsWith('contesto-')) continue;
    result[name.slice('contesto-'.length)] = [...highlight].map((range) => (range as Range).toString());
  }
  return result;
}
