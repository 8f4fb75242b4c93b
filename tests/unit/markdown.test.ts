import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseMarkdown, type Inline } from '@/core/markdown';

describe('the safe Markdown subset of notes', () => {
  it('parses paragraphs, lists, emphasis, strong, code and links', () => {
    expect(parseMarkdown('**Kim** met *Putin* in `Vladivostok`.\n\n- one\n- [TASS](https://tass.ru/x)\n\n1. first\n2. second')).toEqual([
      {
        kind: 'paragraph',
        children: [
          { kind: 'strong', children: [{ kind: 'text', text: 'Kim' }] },
          { kind: 'text', text: ' met ' },
          { kind: 'em', children: [{ kind: 'text', text: 'Putin' }] },
          { kind: 'text', text: ' in ' },
          { kind: 'code', text: 'Vladivostok' },
          { kind: 'text', text: '.' },
        ],
      },
      { kind: 'list', ordered: false, items: [[{ kind: 'text', text: 'one' }], [{ kind: 'link', href: 'https://tass.ru/x', children: [{ kind: 'text', text: 'TASS' }] }]] },
      { kind: 'list', ordered: true, items: [[{ kind: 'text', text: 'first' }], [{ kind: 'text', text: 'second' }]] },
    ]);
  });

  it('keeps HTML and unsafe links as plain text', () => {
    expect(parseMarkdown('<img src=x onerror=alert(1)> [x](javascript:alert(1)) [y](data:text/html,hi)')).toEqual([
      { kind: 'paragraph', children: [{ kind: 'text', text: '<img src=x onerror=alert(1)> [x](javascript:alert(1)) [y](data:text/html,hi)' }] },
    ]);
  });

  it('leaves snake_case words and lone asterisks alone', () => {
    expect(parseMarkdown('file_name_here costs 2 * 3')).toEqual([{ kind: 'paragraph', children: [{ kind: 'text', text: 'file_name_here costs 2 * 3' }] }]);
  });
});

describe('the Markdown renderer on any input', () => {
  const INLINE_KINDS = new Set(['text', 'code', 'em', 'strong', 'link']);
  const BLOCK_KINDS = new Set(['paragraph', 'list']);

  /** Every node is of an allowed kind, links are http(s), and no text is invented: returns the text length. */
  function inlineTextLength(nodes: Inline[], problems: string[]): number {
    let length = 0;
    for (const node of nodes) {
      if (!INLINE_KINDS.has(node.kind)) problems.push(`inline kind ${node.kind}`);
      if (node.kind === 'text' || node.kind === 'code') length += node.text.length;
      else {
        if (node.kind === 'link' && !/^https?:\/\//.test(node.href)) problems.push(`link to ${node.href}`);
        length += inlineTextLength(node.children, problems);
      }
    }
    return length;
  }

  function checkBlocks(source: string): void {
    const problems: string[] = [];
    let length = 0;
    for (const block of parseMarkdown(source)) {
      if (!BLOCK_KINDS.has(block.kind)) problems.push(`block kind ${block.kind}`);
      length += block.kind === 'paragraph' ? inlineTextLength(block.children, problems) : block.items.reduce((sum, item) => sum + inlineTextLength(item, problems), 0);
    }
    if (length > source.length) problems.push(`${length} characters of text out of ${source.length}`);
    expect(problems).toEqual([]);
  }

  it('renders nested emphasis, which once never returned', () => {
    expect(parseMarkdown('**a *b* c**')).toEqual([
      {
        kind: 'paragraph',
        children: [
          {
            kind: 'strong',
            children: [
              { kind: 'text', text: 'a ' },
              { kind: 'em', children: [{ kind: 'text', text: 'b' }] },
              { kind: 'text', text: ' c' },
            ],
          },
        ],
      },
    ]);
    expect(parseMarkdown('***x***')).toEqual([
      {
        kind: 'paragraph',
        children: [
          { kind: 'strong', children: [{ kind: 'text', text: '*x' }] },
          { kind: 'text', text: '*' },
        ],
      },
    ]);
    expect(parseMarkdown('[a [b](https://x.example)](https://y.example)')[0]).toMatchObject({
      children: [
        { kind: 'link', href: 'https://x.example/' },
        { kind: 'text', text: '](https://y.example)' },
      ],
    });
  });

  it('keeps only allowed node kinds and invents no text, for random strings of delimiters', () => {
    const alphabet = fc.constantFrom('*', '**', '_', '__', '`', '[', ']', '(', ')', 'https://a.example', 'javascript:x', ' ', '\n', '\n\n', '- ', '1. ', 'a', 'b c', 'é');
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 300 }).map((parts) => parts.join('')),
        checkBlocks,
      ),
      { numRuns: 500 },
    );
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 500 }), checkBlocks), { numRuns: 300 });
  });

  // A termination check, not a timing goal: the old parser never came back from inputs like these.
  it('returns on adversarial notes of 200,000 characters', () => {
    for (const unit of ['*', '_', '[', '`', '**a *b ', '[x](', '*_', '__a _b ', '[`*_']) {
      const source = unit.repeat(Math.ceil(200_000 / unit.length));
      checkBlocks(source);
    }
  });
});
