// @vitest-environment happy-dom
// @vitest-environment-options { "url": "https://news.example/story#top" }
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Annotator } from '@/annotator/annotator';
import { createHighlighter } from '@/annotator/highlighter';
import { joinText, locateSpan } from '@/annotator/page-text';
import { createTabServer } from '@/annotator/tab-server';

let shown: Pick<Annotator, 'highlighter' | 'firstScan'> | undefined;
let answer: ReturnType<typeof createTabServer>;
let reported: ReturnType<typeof vi.fn<() => void>>;

beforeEach(() => {
  document.body.innerHTML = '<p>Talks in Kyiv</p>';
  shown = undefined;
  reported = vi.fn();
  answer = createTabServer(document, () => shown, reported);
});

describe('the tab-message server', () => {
  it('leaves messages that are not tab/* to other listeners', () => {
    expect(answer({ broadcast: 'notes/changed', payload: {} })).toBeUndefined();
    expect(answer({ type: 'page/init', payload: {} })).toBeUndefined();
    expect(answer('tab/page-report')).toBeUndefined();
  });

  it('refuses a malformed tab message with an error', async () => {
    expect(await answer({ type: 'tab/reveal', payload: {} })).toMatchObject({ ok: false, error: expect.stringContaining('tab/reveal') });
  });

  it('answers the page report with null while Contesto is off, and with the entities shown once it runs', async () => {
    expect(await answer({ type: 'tab/page-report', payload: {} })).toEqual({ ok: true, value: null });
    expect(await answer({ type: 'tab/reveal', payload: { entityId: 'kyiv' } })).toEqual({ ok: true, value: { found: false } });
    const highlighter = createHighlighter(document);
    shown = { highlighter, firstScan: () => ({ endedAt: null, firstHighlightAt: null, lastHighlightAt: null }) };
    highlighter.add([{ ...locateSpan(joinText([document.querySelector('p')!.firstChild as Text]), { start: 9, end: 13 }), entityId: 'kyiv', type: 'place' }]);
    expect(await answer({ type: 'tab/page-report', payload: {} })).toEqual({
      ok: true,
      value: { url: 'https://news.example/story#top', entities: [{ entityId: 'kyiv', type: 'place', count: 1 }] },
    });
  });

  it("answers how far the page's first scan has got, and null while Contesto is off", async () => {
    expect(await answer({ type: 'tab/scan-state', payload: {} })).toEqual({ ok: true, value: null });
    shown = { highlighter: createHighlighter(document), firstScan: () => ({ endedAt: 12.5, firstHighlightAt: 8, lastHighlightAt: 11 }) };
    expect(await answer({ type: 'tab/scan-state', payload: {} })).toEqual({ ok: true, value: { endedAt: 12.5, firstHighlightAt: 8, lastHighlightAt: 11 } });
    expect(reported, 'not a page report').not.toHaveBeenCalled();
  });

  it('tells whoever listens each time it gives the page report, and only then (the badge reports the next change whatever it is)', async () => {
    await answer({ type: 'tab/reveal', payload: { entityId: 'kyiv' } });
    await answer({ type: 'tab/selection', payload: {} });
    expect(reported).not.toHaveBeenCalled();
    await answer({ type: 'tab/page-report', payload: {} });
    await answer({ type: 'tab/page-report', payload: {} });
    expect(reported).toHaveBeenCalledTimes(2);
  });

  it('hands over the page as it is now for "Add this page", given its own address as canonical when it names none, and leaves the page as it was', async () => {
    document.title = 'Talks';
    const before = document.documentElement.outerHTML;
    const reply = (await answer({ type: 'tab/page-html', payload: {} })) as { ok: true; value: { html: string; url: string; title: string } };
    expect(reply.value).toMatchObject({ url: 'https://news.example/story#top', title: 'Talks' });
    expect(reply.value.html).toMatch(/^<!DOCTYPE html>\n<html/);
    expect(reply.value.html).toContain('<link rel="canonical" href="https://news.example/story#top">');
    expect(reply.value.html).toContain('<p>Talks in Kyiv</p>');
    expect(document.documentElement.outerHTML).toBe(before);

    const canonical = Object.assign(document.createElement('link'), { rel: 'canonical', href: 'https://news.example/story' });
    document.head.append(canonical);
    const again = (await answer({ type: 'tab/page-html', payload: {} })) as typeof reply;
    expect(again.value.html.match(/rel="canonical"/g)).toHaveLength(1);
    canonical.remove();
  });

  it("describes the reader's selection as a note target on the page, without its fragment, with the page's title", async () => {
    document.title = '  Talks\n in Kyiv  — News ';
    expect(await answer({ type: 'tab/selection', payload: {} })).toEqual({ ok: true, value: null });
    const range = document.createRange();
    range.setStart(document.querySelector('p')!.firstChild!, 9);
    range.setEnd(document.querySelector('p')!.firstChild!, 13);
    document.getSelection()!.addRange(range);
    expect(await answer({ type: 'tab/selection', payload: {} })).toEqual({
      ok: true,
      value: {
        kind: 'selection',
        url: 'https://news.example/story',
        title: 'Talks in Kyiv — News',
        quote: { type: 'TextQuoteSelector', exact: 'Kyiv', prefix: 'Talks in ', suffix: '' },
        position: { type: 'TextPositionSelector', start: 9, end: 13 },
      },
    });
  });
});
