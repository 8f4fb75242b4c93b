/**
 * A small, safe subset of Markdown for the reader's notes: paragraphs, lists, emphasis, strong,
 * inline code and http(s) links. It parses to a tree that components/Markdown.tsx renders as
 * Preact elements; nothing is ever interpreted as HTML (a "<b>" in a note stays those three
 * characters). Full CommonMark libraries render to HTML strings, which is what we avoid.
 */
export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'em' | 'strong'; children: Inline[] }
  | { kind: 'link'; href: string; children: Inline[] };

export type Block = { kind: 'paragraph'; children: Inline[] } | { kind: 'list'; ordered: boolean; items: Inline[][] };

const BULLET = /^\s*[-*+]\s+/;
const NUMBER = /^\s*\d{1,9}[.)]\s+/;

export function parseMarkdown(source: string): Block[] {
  return source
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((chunk) => chunk.replace(/^\n+|\n+$/g, ''))
    .filter((chunk) => chunk.trim())
    .flatMap(parseBlock);
}

function parseBlock(chunk: string): Block[] {
  const lines = chunk.split('\n');
  for (const [marker, ordered] of [[BULLET, false], [NUMBER, true]] as const) {
    if (lines.every((line) => marker.test(line))) return [{ kind: 'list', ordered, items: lines.map((line) => parseInline(line.replace(marker, ''))) }];
  }
  return [{ kind: 'paragraph', children: parseInline(chunk) }];
}

/** Delimited spans, tried in this order at each position; unmatched delimiters stay text. */
const SPANS: { pattern: RegExp; make(match: RegExpExecArray): Inline | null }[] = [
  { pattern: /`([^`\n]+)`/y, make: (m) => ({ kind: 'code', text: m[1] }) },
  { pattern: /\*\*(?=\S)([\s\S]*?\S)\*\*/y, make: (m) => ({ kind: 'strong', children: parseInline(m[1]) }) },
  { pattern: /__(?=\S)([\s\S]*?\S)__/y, make: (m) => ({ kind: 'strong', children: parseInline(m[1]) }) },
  { pattern: /\*(?=\S)([\s\S]*?\S)\*/y, make: (m) => ({ kind: 'em', children: parseInline(m[1]) }) },
  { pattern: /_(?=\S)([\s\S]*?\S)_(?![\p{L}\p{N}])/uy, make: (m) => ({ kind: 'em', children: parseInline(m[1]) }) },
  { pattern: /\[([^\]\n]+)\]\(([^)\s]+)\)/y, make: (m) => (safeHref(m[2]) ? { kind: 'link', href: safeHref(m[2])!, children: parseInline(m[1]) } : null) },
];

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let plain = '';
  let i = 0;
  outer: while (i < text.length) {
    if ('`*_['.includes(text[i])) {
      for (const { pattern, make } of SPANS) {
        pattern.lastIndex = i;
        const match = pattern.exec(text);
        const node = match && make(match);
        if (!node) continue;
        if (plain) out.push({ kind: 'text', text: plain });
        plain = '';
        out.push(node);
        i = pattern.lastIndex;
        continue outer;
      }
    }
    plain += text[i++];
  }
  if (plain) out.push({ kind: 'text', text: plain });
  return out;
}

/** Only absolute http(s) links: no javascript:, data: or relative URLs into the extension. */
export function safeHref(href: string): string | null {
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
