import { describe, expect, it } from 'vitest';
import { notesToMarkdown, type NoteRecord } from '@/core/web-annotation';

const note = (body: string, title = 'A page'): NoteRecord => ({
  id: 'n1',
  target: { kind: 'page', url: 'https://news.example/a', title },
  body,
  tags: ['<b>tag</b>'],
  created: '2026-01-01T00:00:00.000Z',
  updated: '2026-01-01T00:00:00.000Z',
});

describe('the Markdown export of untrusted notes', () => {
  it('shows markup, javascript: links and link definitions to anything but the web as text in a Markdown viewer', () => {
    const body = [
      '<script>alert(1)</script> <img src=x onerror=alert(2)> <!-- hidden --> <javascript:alert(3)>',
      '[open me](javascript:alert(4)) [data](data:text/html,hi) [ok](https://example.org/a) [mail](mailto:a@example.org) [here](#top)',
      '[ref]: javascript:alert(5)',
      '[web]: https://example.org/b',
      'a < b, x<5 and 2 > 1 stay as written; \u202Egnp.exe\u202C too',
    ].join('\n');
    const exported = notesToMarkdown([note(body, '<img src=x onerror=alert(6)>')], () => undefined);
    expect(exported).toContain(
      [
        '\\<script>alert(1)\\</script> \\<img src=x onerror=alert(2)> \\<!-- hidden --> \\<javascript:alert(3)>',
        '[open me]\\(javascript:alert(4)) [data]\\(data:text/html,hi) [ok](https://example.org/a) [mail](mailto:a@example.org) [here](#top)',
        '\\[ref]: javascript:alert(5)',
        '[web]: https://example.org/b',
        'a < b, x<5 and 2 > 1 stay as written; \u202Egnp.exe\u202C too',
      ].join('\n'),
    );
    // The page's title and the tags were escaped already.
    expect(exported).toContain('## \\<img src=x onerror=alert(6)\\> · <https://news.example/a>');
    expect(exported).toContain('Tags: #\\<b\\>tag\\</b\\>');
    // Nothing that could open a tag is left unescaped.
    expect(exported.match(/(?<!\\)<(?=[A-Za-z/!?])(?!https:\/\/news\.example)/g)).toBeNull();
  });

  it('leaves a body without markup as the reader wrote it', () => {
    const body = '**Check** the date — see [the report](https://example.org/r).\n\n- one\n- two';
    expect(notesToMarkdown([note(body)], () => undefined)).toContain(`\n${body}\n`);
  });
});
