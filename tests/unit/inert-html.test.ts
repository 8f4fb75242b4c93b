import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withoutEventHandlers } from '@/core/ingest/inert-html';
import { parseHtml } from '../fixtures/ingest/helpers';

const handlerAttributes = (html: string) => [...parseHtml(html).querySelectorAll('*')].flatMap((element) => element.getAttributeNames().filter((name) => /^on/i.test(name)));

describe('HTML without inline event handlers (what an extension page would report to its CSP)', () => {
  it('takes out every handler, quoted or not, and keeps the other attributes and the text', () => {
    const html = `<p class="a" onclick="go('>')" ONMOUSEOVER='x()' onload=y data-on="kept">one > two <img src="a.png" onerror=z alt="on purpose"><a href="/on" onfocus>link</a></p>`;
    const inert = withoutEventHandlers(html);
    expect(inert).toBe(`<p class="a"    data-on="kept">one > two <img src="a.png"  alt="on purpose"><a href="/on" >link</a></p>`);
    expect(parseHtml(inert).body.textContent).toBe(parseHtml(html).body.textContent);
  });

  it('leaves a page without handlers as it is, and leaves none in the fixture pages', () => {
    expect(withoutEventHandlers('<p>Only <b>text</b> on one line</p>')).toBe('<p>Only <b>text</b> on one line</p>');
    const pages = readdirSync('tests/fixtures/pages').filter((name) => name.endsWith('.html'));
    const withHandlers = pages.filter((name) => handlerAttributes(readFileSync(`tests/fixtures/pages/${name}`, 'utf8')).length > 0);
    expect(withHandlers.length).toBeGreaterThan(0);
    for (const name of withHandlers) expect(handlerAttributes(withoutEventHandlers(readFileSync(`tests/fixtures/pages/${name}`, 'utf8'))), name).toEqual([]);
  });
});
