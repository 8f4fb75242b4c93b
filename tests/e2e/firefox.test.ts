/**
 * Contesto in Firefox ESR (the .output/firefox-mv2 build), driven over WebDriver BiDi:
 * highlights on the demo page and an English page, hover and Esc, dynamic content.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, type FirefoxWithExtension } from '@/scripts/lib/browsers';
import { fixtureServer } from './harness';

let firefox: FirefoxWithExtension;
let server: Awaited<ReturnType<typeof fixtureServer>>;

beforeAll(async () => {
  server = await fixtureServer();
  firefox = await launchFirefox();
});
afterAll(async () => {
  await firefox?.close();
  await server?.close();
});

const readHighlights = () => {
  const result: Record<string, string[]> = {};
  for (const [name, highlight] of CSS.highlights) {
    if (name.startsWith('contesto-')) result[name.slice(9)] = [...highlight].map((range) => (range as Range).toString());
  }
  return result;
};

async function open(path: string): Promise<Page> {
  const page = await firefox.browser.newPage();
  await page.goto(server.origin + path);
  await page.waitForFunction(() => [...CSS.highlights.keys()].some((name) => name.startsWith('contesto-')), { timeout: 20_000 });
  return page;
}

describe('Contesto in Firefox', () => {
  it('highlights the gold entities of the demo page', async () => {
    const page = await open('/demo.html');
    const highlighted = await page.evaluate(readHighlights);
    expect(highlighted.person).toEqual(expect.arrayContaining(['Kim Jong-un', 'Vladimir Putin', 'Andrey Rudenko', 'John Kirby']));
    expect(highlighted.organization).toEqual(expect.arrayContaining(['TASS', 'Cremlino', 'Nazioni Unite', 'Gruppo Wagner']));
    expect(highlighted.place.filter((t) => t === 'Corea del Nord')).toHaveLength(5);
    expect(highlighted.place.filter((t) => t === 'Pyongyang')).toHaveLength(4);
    await page.close();
  });

  it('highlights the English names of the same entities on an English page', async () => {
    const page = await open('/english-context.html');
    const highlighted = await page.evaluate(readHighlights);
    expect(highlighted.place).toEqual(expect.arrayContaining(['North Korea', 'Moscow']));
    expect(highlighted.organization).toEqual(expect.arrayContaining(['Kremlin', 'Wagner Group']));
    await page.close();
  });

  it('highlights the article and not the menu, sidebar, tag list or footer around it', async () => {
    const page = await open('/page-chrome.html');
    const where = await page.evaluate(() => {
      const ranges = [...CSS.highlights].filter(([name]) => name.startsWith('contesto-')).flatMap(([, highlight]) => [...(highlight as unknown as Iterable<Range>)]);
      const inside = (selector: string) => ranges.filter((range) => range.startContainer.parentElement?.closest(selector)).map((range) => range.toString());
      return { article: inside('article').length, chrome: inside('header.site, nav, [role="complementary"], ul.tags, body > footer') };
    });
    expect(where).toEqual({ article: 7, chrome: [] });
    await page.close();
  });

  it('opens the popover on hover and closes it with Esc', async () => {
    const page = await open('/demo.html');
    const point = await page.evaluate(() => {
      const range = [...(CSS.highlights.get('contesto-person') as unknown as Iterable<Range>)].find((r) => r.toString() === 'John Kirby')!;
      range.startContainer.parentElement!.scrollIntoView({ block: 'center' });
      const rect = range.getClientRects()[0];
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    });
    await page.mouse.move(point.x, point.y);
    // The page cannot see inside the popover, only that Contesto's host element now covers part of the viewport.
    const popoverShown = () =>
      page.evaluate(() => {
        for (let y = 10; y < innerHeight; y += 30) for (let x = 10; x < innerWidth; x += 30) if (document.elementFromPoint(x, y)?.tagName === 'CONTESTO-POPOVER') return true;
        return false;
      });
    await expect.poll(popoverShown, { timeout: 5_000 }).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(popoverShown).toBe(false);
    await page.close();
  });

  it('highlights paragraphs added after load', async () => {
    const page = await open('/dynamic.html');
    await page.waitForFunction(() => [...(CSS.highlights.get('contesto-place') ?? [])].some((r) => (r as Range).toString() === 'North Korea'), { timeout: 10_000 });
    await page.close();
  });
});
