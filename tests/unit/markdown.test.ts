import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '@/core/markdown';

describe('the safe Markdown subset of notes', () => {
  it('parses paragraphs, lists, emphasis, strong, code and links', () => {
    expect(parseMarkdown('**Kim** met *Putin* in `Vladivostok`.\n\n- one\n- [TASS](https://tass.ru/x)\n\n1. first\n2. second')).toEqual([
      { kind: 'paragraph', children: [{ kind: 'strong', children: [{ kind: 'text', text: 'Kim' }] }, { kind: 'text', text: ' met ' }, { kind: 'em', children: [{ kind: 'text', text: 'Putin' }] }, { kind: 'text', text: ' in ' }, { kind: 'code', text: 'Vladivostok' }, { kind: 'text', text: '.' }] },
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
