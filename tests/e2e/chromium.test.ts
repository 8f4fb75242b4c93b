/**
 * Contesto in real Chromium: the built extension (.output/chrome-mv3) on pages served from
 * 127.0.0.1, driven as a reader would, with the mouse and the keyboard.
 */
import type { ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumWithExtension } from '@/scripts/lib/browsers';
import { fixtureServer, highlightCentre, highlightedTexts, popoverText, tally, waitForHighlights } from './harness';

let chromium: ChromiumWithExtension;
/** The same browser without Contesto: the oracle for "the page is unchanged". */
let plain: ChromiumWithExtension;
let server: Awaited<ReturnType<typeof fixtureServer>>;
const errors: string[] = [];

beforeAll(async () => {
  server = await fixtureServer();
  [chromium, plain] = await Promise.all([launchChromium(), launchChromium({ extension: null })]);
  chromium.context.on('weberror', (error) => errors.push(`page error: ${error.error().message}`));
});
afterAll(async () => {
  await chromium?.close();
  await plain?.close();
  await server?.close();
});

async function open(path: string): Promise<Page> {
  const page = await chromium.context.newPage();
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') errors.push(`${path}: ${message.text()}`);
  });
  await page.goto(server.origin + path);
  return page;
}

async function textWithoutContesto(path: string): Promise<string> {
  const page = await plain.context.newPage();
  await page.goto(server.origin + path);
  const text = await page.evaluate(() => document.body.innerText);
  await page.close();
  return text;
}

/** Occurrences of a name in text, as a reader would count them (whole words, exact case). */
function occurrences(text: string, name: string): number {
  return text.match(new RegExp(`(?<![\\p{L}\\p{N}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu'))?.length ?? 0;
}

describe('the demo page made from the bundled corpus', () => {
  const gold: Record<string, string[]> = {
    person: ['Kim Jong-un', 'Vladimir Putin', 'Andrey Rudenko', 'John Kirby'],
    organization: ['TASS', 'Cremlino', 'Nazioni Unite', 'Gruppo Wagner'],
    place: ['Mosca', 'Pyongyang', 'Corea del Nord', 'Russia', 'Federazione Russa', 'Ucraina', 'Zaporozhye', 'Kherson', 'Donetsk', 'Lugansk', 'Vladivostok', 'Stati Uniti', 'USA'],
  };

  it('highlights every occurrence of every gold entity, under its type', async () => {
    const page = await open('/demo.html');
    await waitForHighlights(page);
    await page.waitForTimeout(500);
    const text = await page.evaluate(() => document.body.innerText);
    const highlighted = await highlightedTexts(page);
    for (const [type, names] of Object.entries(gold)) {
      const counts = tally(highlighted[type] ?? []);
      for (const name of names) expect(counts.get(name) ?? 0, `${type} "${name}"`).toBe(occurrences(text, name));
    }
    await page.close();
  });

  it('hovering a highlight opens the popover with the description and the events; Esc closes it', async () => {
    const page = await open('/demo.html');
    await waitForHighlights(page);
    const point = await highlightCentre(page, 'Andrey Rudenko');
    await page.mouse.move(point.x, point.y);
    await expect.poll(() => popoverText(page), { timeout: 5_000 }).toContain('Andrey Rudenko');
    const shown = (await popoverText(page))!;
    expect(shown).toContain('viceministro degli Esteri russo');
    expect(shown).toMatch(/2023/);

    const korea = await highlightCentre(page, 'Corea del Nord');
    await page.mouse.move(korea.x, korea.y);
    await expect.poll(() => popoverText(page), { timeout: 5_000 }).toContain('North Korea');
    const events = (await popoverText(page))!;
    expect(events).toMatch(/13 Jul 2022|Jul 13, 2022/);
    await page.keyboard.press('Escape');
    await expect.poll(() => popoverText(page)).toBeNull();
    await page.close();
  });

  it('keeps the page text exactly as it was', async () => {
    const page = await open('/demo.html');
    await waitForHighlights(page);
    expect(await page.evaluate(() => document.body.innerText)).toBe(await textWithoutContesto('/demo.html'));
    await page.close();
  });
});
