/** Renders the documents of a knowledge pack as one plain news-like page (text escaped). */
import type { Pack } from '../../core/pack';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function demoPageHtml(pack: Pack): string {
  const articles = pack.documents.map((doc) => {
    const [, ...body] = doc.text
      .split(/\n+/)
      .map((line) => line.trim())
      .filter(Boolean);
    const paragraphs = body.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
    return `<article><h1>${escapeHtml(doc.title)}</h1>${doc.date ? `<p class="date">${escapeHtml(doc.date)}</p>` : ''}\n${paragraphs}</article>`;
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
