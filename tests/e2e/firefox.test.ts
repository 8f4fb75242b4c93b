/**
 * Contesto in Firefox ESR (the .output/firefox-mv2 build), driven over WebDriver BiDi:
 * highlights on the demo page and an English page, hover and Esc, dynamic content, and nothing
 * of ours in the highlight registry of a page where Contesto has nothing to show.
 */
import type { Page } from 'puppeteer-core';
import { describe, expect } from 'vitest';
import { openAndCloseCard, openFirefoxExtensionPage } from './firefox-pages';
import { hasHighlights, readHighlights, settledHighlightCount, test as base } from './harness';
import { untilScanned } from './page-probes';

/** `open(path)`: a fixture page in Firefox, once Contesto has highlighted all of it. */
const test = base.extend<{ open(path: string): Promise<Page> }>({
  open: async ({ firefox, server }, use) => {
    await use(async (path) => {
      const page = await firefox.browser.newPage();
      await page.goto(server.origin + path);
      await page.waitForFunction(hasHighlights, { timeout: 20_000 });
      // Matches are drawn in slices: read them once they have all been drawn.
      await settledHighlightCount(page);
      return page;
    });
  },
});

describe('Contesto in Firefox', () => {
  test('highlights the gold entities of the demo page', async ({ open }) => {
    const page = await open('/demo.html');
    const highlighted = await page.evaluate(readHighlights);
    expect(highlighted.person).toEqual(expect.arrayContaining(['Kim Jong-un', 'Vladimir Putin', 'Andrey Rudenko', 'John Kirby']));
    expect(highlighted.organization).toEqual(expect.arrayContaining(['TASS', 'Cremlino', 'Nazioni Unite', 'Gruppo Wagner']));
    expect(highlighted.place.filter((t) => t === 'Corea del Nord')).toHaveLength(5);
    expect(highlighted.place.filter((t) => t === 'Pyongyang')).toHaveLength(4);
    await page.close();
  });

  test('highlights the English names of the same entities on an English page', async ({ open }) => {
    const page = await open('/english-context.html');
    const highlighted = await page.evaluate(readHighlights);
    expect(highlighted.place).toEqual(expect.arrayContaining(['North Korea', 'Moscow']));
    expect(highlighted.organization).toEqual(expect.arrayContaining(['Kremlin', 'Wagner Group']));
    await page.close();
  });

  test('highlights the article and not the menu, sidebar, tag list or footer around it', async ({ open }) => {
    const page = await open('/page-chrome.html');
    const where = await page.evaluate(() => {
      const ranges = [...CSS.highlights].filter(([name]) => name.startsWith('contesto-')).flatMap(([, highlight]) => [...(highlight as unknown as Iterable<Range>)]);
      const inside = (selector: string) => ranges.filter((range) => range.startContainer.parentElement?.closest(selector)).map((range) => range.toString());
      return { article: inside('article').length, chrome: inside('header.site, nav, [role="complementary"], ul.tags, body > footer') };
    });
    expect(where).toEqual({ article: 7, chrome: [] });
    await page.close();
  });

  test('a page that forges the content script’s start event, with Firefox’s fixed extension id, does not switch Contesto off', async ({ open }) => {
    const page = await open('/demo.html');
    const before = await settledHighlightCount(page);
    // WXT's context stops itself when it hears this event (see scripts/build/content-script-context.mjs); Firefox's id is the same on every install.
    await page.evaluate(() => {
      document.dispatchEvent(new CustomEvent('contesto@contesto.invalid:content:wxt:content-script-started', { detail: { contentScriptName: 'content', messageId: 'forged' } }));
    });
    expect(await settledHighlightCount(page), 'the highlights stay').toBe(before);
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<p>Vladimir Putin ha parlato.</p>'));
    expect(await settledHighlightCount(page), 'a name added afterwards lights up').toBe(before + 1);
    await page.close();
  });

  test('reads the page again after a same-document navigation', async ({ open }) => {
    const page = await open('/demo.html');
    const before = await settledHighlightCount(page);
    await page.evaluate(() => {
      Object.assign(window, { kept: [...CSS.highlights.get('contesto-person')!][0] });
      history.pushState({}, '', '/demo.html?story=2');
    });
    // The range registered before the navigation gives way to a new one (Firefox ESR has no Navigation API: the address is read every second).
    await page.waitForFunction(() => ![...CSS.highlights.values()].some((highlight) => highlight.has((window as unknown as { kept: Range }).kept)), { timeout: 5_000 });
    expect(await settledHighlightCount(page)).toBe(before);
    await page.close();
  });

  test('opens the popover on hover and closes it with Esc', async ({ open }) => {
    const page = await open('/demo.html');
    await openAndCloseCard(page, 'John Kirby');
    await page.close();
  });

  test('opens a card for a name in a headline and one under a link stretched over its teaser', async ({ open }) => {
    const page = await open('/reading.html');
    for (const name of ['Pyongyang', 'Kremlin']) await openAndCloseCard(page, name);
    await page.close();
  });

  test('highlights paragraphs added after load', async ({ open }) => {
    const page = await open('/dynamic.html');
    await page.waitForFunction(() => [...(CSS.highlights.get('contesto-place') ?? [])].some((r) => (r as Range).toString() === 'North Korea'), { timeout: 10_000 });
    await page.close();
  });

  test('registers no highlight and no performance mark on a page where it knows no name and holds no note', async ({ firefox, server }) => {
    const popup = await openFirefoxExtensionPage(firefox, server, 'popup.html');
    const page = await firefox.browser.newPage();
    await page.goto(`${server.origin}/no-known-names.html`);
    await untilScanned(page, popup);
    expect(
      await page.evaluate(() => ({
        highlights: [...CSS.highlights.keys()],
        timeline: performance
          .getEntries()
          .filter((entry) => entry.entryType === 'mark' || entry.entryType === 'measure')
          .map((entry) => entry.name),
      })),
    ).toEqual({ highlights: [], timeline: [] });
    await Promise.all([page.close(), popup.close()]);
  });
});
