/**
 * Contesto's own pages in Firefox. WebDriver BiDi refuses to navigate to a moz-extension: address,
 * but an extension page the extension opened may navigate itself: a card's source opens the
 * document view (as a reader opens it, from the keyboard), and that tab then goes to the page wanted.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { expect } from 'vitest';
import type { FirefoxWithExtension } from '@/scripts/lib/browsers';
import { centreOfHighlight, hasHighlights, settledHighlightCount, type FixtureServer } from './page-probes';

/** The page cannot see inside the popover, only that Contesto's host element covers part of the viewport. */
function popoverCovers(): boolean {
  for (let y = 10; y < innerHeight; y += 30) for (let x = 10; x < innerWidth; x += 30) if (document.elementFromPoint(x, y)?.tagName === 'CONTESTO-POPOVER') return true;
  return false;
}

/** Points at a name, waits for its card, closes it with Esc. */
export async function openAndCloseCard(page: Page, name: string): Promise<void> {
  const point = (await page.evaluate(centreOfHighlight, name))!;
  await page.mouse.move(point.x, point.y);
  const popoverShown = () => page.evaluate(popoverCovers);
  await expect.poll(popoverShown, { timeout: 5_000 }).toBe(true);
  // The card's script, loaded for this first show, ran in the content script's world: the page's globals hold nothing
  // of it, and its address (which holds the installation's random id) is not among the page's resource timings.
  expect(await page.evaluate(() => Object.keys(window).filter((key) => /contesto/i.test(key)))).toEqual([]);
  expect(
    await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((entry) => entry.name)
        .filter((name) => name.startsWith('moz-extension:')),
    ),
  ).toEqual([]);
  await page.keyboard.press('Escape');
  await expect.poll(popoverShown).toBe(false);
}

/** Opens the first source of the card of the first highlight in view on `page`, from the keyboard; answers the new tab. */
export async function openFirstSourceFromKeyboard(firefox: FirefoxWithExtension, page: Page): Promise<Page> {
  // The reader's keys go to the tab in front: another tab opened since (a blank one) would take the Tab and Enter
  // presses (every miss seen had `document.hasFocus()` false; the keys were once tried three times over, to no avail).
  await page.bringToFront();
  await expect.poll(() => page.evaluate(() => document.hasFocus()), { timeout: 10_000 }).toBe(true);
  await page.waitForFunction(hasHighlights, { timeout: 20_000 });
  // Matches are drawn in slices: the first highlight in view is the right one only once all are drawn.
  await settledHighlightCount(page);
  const before = await firefox.browser.pages();
  const opened = async () => (await firefox.browser.pages()).length > before.length;
  // The card of the first highlight in view takes the focus; its body, then its first source's button, come next.
  await page.keyboard.down('Alt');
  await page.keyboard.down('Shift');
  await page.keyboard.press('KeyJ');
  await page.keyboard.up('Shift');
  await page.keyboard.up('Alt');
  await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toMatch(/^CONTESTO-POPOVER/);
  // The card's sources are drawn once its look-up answers: Tab reaches them only then.
  await cardDrawn(page);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const focus = await focusSeen(page);
  await page.keyboard.press('Enter');
  await expect
    .poll(opened, { timeout: 10_000 })
    .toBe(true)
    .catch(() => {});
  if (!(await opened())) {
    // What the page showed and where the focus was, for whoever reads the failure.
    const path = join(tmpdir(), `contesto-card-${Date.now()}.png`);
    await page.screenshot({ path });
    expect.fail(`no new tab from the card's first source (the page after Tab, Tab: ${focus}; a screenshot: ${path})`);
  }
  return (await firefox.browser.pages()).find((tab) => !before.includes(tab))!;
}

/** Whether the page has the focus (not the browser's own UI), and which of its elements. */
function focusSeen(page: Page): Promise<string> {
  return page.evaluate(() => `${document.hasFocus() ? 'page focused' : 'page not focused'}, on ${document.activeElement?.tagName}`);
}

/** Evaluated in the page: how much of the viewport Contesto's card covers, in points of a 20-pixel grid (the page cannot see inside it). */
function cardCover(): number {
  let covered = 0;
  for (let y = 10; y < innerHeight; y += 20) for (let x = 10; x < innerWidth; x += 20) if (document.elementFromPoint(x, y)?.tagName.startsWith('CONTESTO-POPOVER')) covered++;
  return covered;
}

/** Waits until the card has stopped growing (its content drawn). */
async function cardDrawn(page: Page): Promise<void> {
  // Unchanged over three looks, 300 ms apart: a card still loading can hold one size for a look or two on a busy machine.
  const covers: number[] = [];
  await expect
    .poll(
      async () => {
        covers.push(await page.evaluate(cardCover));
        const lastThree = covers.slice(-3);
        return lastThree.length === 3 && lastThree[0]! > 0 && lastThree.every((cover) => cover === lastThree[0]);
      },
      { timeout: 15_000, interval: 300 },
    )
    .toBe(true);
}

/** Contesto's page at `path` (options.html…) in a tab of its own. */
export async function openFirefoxExtensionPage(firefox: FirefoxWithExtension, server: FixtureServer, path: string): Promise<Page> {
  const page = await firefox.browser.newPage();
  await page.goto(`${server.origin}/demo.html`);
  const tab = await openFirstSourceFromKeyboard(firefox, page);
  await page.close();
  await expect.poll(() => tab.evaluate(() => location.protocol), { timeout: 10_000 }).toBe('moz-extension:');
  await tab.evaluate((to) => void location.assign(`/${to}`), path);
  await expect.poll(() => tab.evaluate(() => location.pathname), { timeout: 10_000 }).toBe(`/${path}`);
  await tab.waitForFunction(() => document.readyState === 'complete' && document.body.childElementCount > 0);
  return tab;
}
