/**
 * A small, safe subset of Markdown for the reader's notes: paragraphs, lists, emphasis, strong,
 * inline code and http(s) links. It parses to a tree that components/Markdown.tsx renders as
 * Preact elements; nothing is ever interpreted as HTML (a "<b>" in a note stays those three
 * characters). Full CommonMark libraries render to HTML strings, which is what we avoid.
 */
export type Inline = { kind: 'text'; text: string } | { kind: 'code'; text: string } | { kind: 'em' | 'strong'; children: Inline[] } | { kind: 'link'; href: string; children: Inline[] };

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
  for (const [marker, ordered] of [
    [BULLET, false],
    [NUMBER, true],
  ] as const) {
    if (lines.every((line) => marker.test(line))) return [{ kind: 'list', ordered, items: lines.map((line) => parseInline(line.replace(marker, ''))) }];
  }
  return [{ kind: 'paragraph', children: parseInline(chunk) }];
}

/** Deeper nesting than this is kept as text: it bounds the work at MAX_DEPTH passes over the note. */
const MAX_DEPTH = 8;

export function parseInline(text: string): Inline[] {
  return new InlineParser(text).parse(0, text.length, 0);
}

/**
 * Delimited spans, tried in this order at each position: `code`, **strong**, __strong__, *em*,
 * _em_, [link](http…); an opener with no closer stays text. A closer is found through tables of
 * "next candidate at or after i", built once per note, so no position is ever scanned twice per
 * nesting level: the parse takes time linear in the note's length, whatever its delimiters.
 */
class InlineParser {
  private readonly nextBacktick: Int32Array;
  private readonly nextNewline: Int32Array;
  private readonly nextSpace: Int32Array;
  private readonly nextBracketClose: Int32Array;
  private readonly nextParenClose: Int32Array;
  private readonly nextStarPairCloser: Int32Array;
  private readonly nextUnderscorePairCloser: Int32Array;
  private readonly nextStarCloser: Int32Array;
  private readonly nextUnderscoreCloser: Int32Array;

  constructor(private readonly text: string) {
    const closesAfterText = (j: number) => j > 0 && !isSpace(text[j - 1]!);
    this.nextBacktick = nextWhere(text, (j) => text[j] === '`');
    this.nextNewline = nextWhere(text, (j) => text[j] === '\n');
    this.nextSpace = nextWhere(text, (j) => isSpace(text[j]!));
    this.nextBracketClose = nextWhere(text, (j) => text[j] === ']');
    this.nextParenClose = nextWhere(text, (j) => text[j] === ')');
    this.nextStarPairCloser = nextWhere(text, (j) => text[j] === '*' && text[j + 1] === '*' && closesAfterText(j));
    this.nextUnderscorePairCloser = nextWhere(text, (j) => text[j] === '_' && text[j + 1] === '_' && closesAfterText(j));
    this.nextStarCloser = nextWhere(text, (j) => text[j] === '*' && closesAfterText(j));
    this.nextUnderscoreCloser = nextWhere(text, (j) => text[j] === '_' && closesAfterText(j) && !isWordCharacter(text[j + 1]));
  }

  parse(start: number, end: number, depth: number): Inline[] {
    const out: Inline[] = [];
    let plainFrom = start;
    let i = start;
    while (i < end) {
      const span = '`*_['.includes(this.text[i]!) ? this.spanAt(i, end, depth) : undefined;
      if (!span) {
        i++;
        continue;
      }
      if (plainFrom < i) out.push({ kind: 'text', text: this.text.slice(plainFrom, i) });
      out.push(span.node);
      i = plainFrom = span.end;
    }
    if (plainFrom < end) out.push({ kind: 'text', text: this.text.slice(plainFrom, end) });
    return out;
  }

  private spanAt(i: number, end: number, depth: number): { node: Inline; end: number } | undefined {
    const { text } = this;
    const children = (from: number, to: number): Inline[] => (depth + 1 >= MAX_DEPTH ? [{ kind: 'text', text: text.slice(from, to) }] : this.parse(from, to, depth + 1));
    switch (text[i]) {
      case '`': {
        const close = this.nextBacktick[i + 1]!;
        if (close >= end || close === i + 1 || this.nextNewline[i + 1]! < close) return undefined;
        return { node: { kind: 'code', text: text.slice(i + 1, close) }, end: close + 1 };
      }
      case '*':
      case '_': {
        const star = text[i] === '*';
        if (text[i + 1] === text[i] && i + 2 < end && !isSpace(text[i + 2]!)) {
          const close = (star ? this.nextStarPairCloser : this.nextUnderscorePairCloser)[i + 3]!;
          if (close + 2 <= end) return { node: { kind: 'strong', children: children(i + 2, close) }, end: close + 2 };
        }
        if (i + 1 >= end || isSpace(text[i + 1]!)) return undefined;
        let close = (star ? this.nextStarCloser : this.nextUnderscoreCloser)[i + 2]!;
        // At the end of a nested span, whatever follows the span does not count against the closer.
        if (!star && close >= end && end - 1 >= i + 2 && text[end - 1] === '_' && !isSpace(text[end - 2]!)) close = end - 1;
        if (close >= end) return undefined;
        return { node: { kind: 'em', children: children(i + 1, close) }, end: close + 1 };
      }
      case '[': {
        const close = this.nextBracketClose[i + 1]!;
        if (close + 1 >= end || close === i + 1 || this.nextNewline[i + 1]! < close || text[close + 1] !== '(') return undefined;
        const paren = this.nextParenClose[close + 2]!;
        if (paren >= end || paren === close + 2 || this.nextSpace[close + 2]! < paren) return undefined;
        const href = safeHref(text.slice(close + 2, paren));
        return href ? { node: { kind: 'link', href, children: children(i + 1, close) }, end: paren + 1 } : undefined;
      }
    }
    return undefined;
  }
}

/** table[i] = the first index j >= i where `test(j)` holds, or the text's length when none does. */
function nextWhere(text: string, test: (j: number) => boolean): Int32Array {
  const table = new Int32Array(text.length + 4).fill(text.length);
  for (let j = text.length - 1; j >= 0; j--) table[j] = test(j) ? j : table[j + 1]!;
  return table;
}

function isSpace(character: string): boolean {
  const code = character.charCodeAt(0);
  return code === 32 || (code >= 9 && code <= 13) || (code > 127 && /\s/.test(character));
}

function isWordCharacter(character: string | undefined): boolean {
  return character !== undefined && /[\p{L}\p{N}]/u.test(character);
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
