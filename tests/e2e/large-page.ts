/**
 * A very large news-like page, made at test time: the bundled corpus's paragraphs, numbered and
 * repeated until the page holds `elements` elements, each paragraph's words spread over inline
 * elements (links, emphasis, spans) as real articles' markup is. Its names are the pack's own.
 */
const INLINE = ['span', 'em', 'a', 'b', 'i', 'strong'];
/** Inline elements in each paragraph: with the <p>, twenty elements a paragraph. */
const INLINE_PER_PARAGRAPH = 19;
const PARAGRAPHS_PER_SECTION = 50;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** One paragraph: its words in `INLINE_PER_PARAGRAPH` consecutive groups, each group in an inline element. */
function paragraphHtml(text: string): string {
  const words = text.split(/\s+/).filter(Boolean);
  const groups = Array.from({ length: INLINE_PER_PARAGRAPH }, (_, i) =>
    words.slice(Math.floor((i * words.length) / INLINE_PER_PARAGRAPH), Math.floor(((i + 1) * words.length) / INLINE_PER_PARAGRAPH)),
  );
  const inner = groups.map((group, i) => {
    const tag = INLINE[i % INLINE.length]!;
    return `<${tag}${tag === 'a' ? ' href="#"' : ''}>${escapeHtml(group.join(' '))}</${tag}>`;
  });
  return `<p>${inner.join(' ')}</p>`;
}

export interface LargePage {
  html: string;
  /** Elements in the page, <html>, <head> and <body> included. */
  elements: number;
  /** Characters of text in the paragraphs. */
  textLength: number;
}

/** `paragraphs` (at least 19 words each) repeated in numbered copies until the page has about `elements` elements. */
export function largePage(paragraphs: string[], elements: number): LargePage {
  const perParagraph = INLINE_PER_PARAGRAPH + 1;
  const count = Math.ceil(elements / perParagraph);
  const sections: string[] = [];
  let textLength = 0;
  for (let first = 0; first < count; first += PARAGRAPHS_PER_SECTION) {
    const body: string[] = [];
    for (let n = first; n < Math.min(count, first + PARAGRAPHS_PER_SECTION); n++) {
      const text = `${n + 1}. ${paragraphs[n % paragraphs.length]}`;
      textLength += text.length;
      body.push(paragraphHtml(text));
    }
    sections.push(`<section>\n${body.join('\n')}\n</section>`);
  }
  const html = `<!doctype html><html lang="it"><head><meta charset="utf-8"><title>A very long page</title><script src="probes.js"></script></head>
<body><article><h1>Archivio</h1>
${sections.join('\n')}
</article></body></html>`;
  // html, head, meta, title, script, body, article, h1, the sections and the paragraphs with their inline elements.
  return { html, elements: 8 + sections.length + count * perParagraph, textLength };
}
