/**
 * The reader's corrections in real Chromium, from a card's "Wrong?": "Not an entity" stops the
 * entity's highlights on every open page at once and after a reload; "Don't highlight … on <site>"
 * stops those words on that site only. In the side panel's entity view, another type, "Not an
 * entity" again with its own Undo, another name, a name given or taken, "Same as" another, and a
 * name split off into an entity of its own. The options page lists each, and its Undo brings the highlights back.
 */
import type { Page } from 'playwright-core';
import type { ChromiumWithExtension } from '@/scripts/lib/browsers';
import { describe, expect } from 'vitest';
import { openExtensionPage, storedRows, tabIdOf } from './extension-pages';
import { highlightedTexts, hoverForPopover, popoverText, settledHighlightCount, test, withPopoverRoot } from './harness';

/** A document of the reader's that names the entity corrected in the first test. */
const BRIEFING =
  'White House briefing\n\nJohn Kirby, the spokesman of the National Security Council, said on Monday that Vladimir Putin had asked Pyongyang for shells. John Kirby spoke again on Tuesday.\n';

const highlightsOf = async (page: Page, type: string) => (await highlightedTexts(page))[type] ?? [];

/** A highlighted page, and beside it the options page and a side panel describing that page's tab. */
async function pageWithPanel(chromium: ChromiumWithExtension, url: string): Promise<{ page: Page; options: Page; panel: Page }> {
  const page = await highlightedPage(chromium, url);
  const options = await openExtensionPage(chromium.context, chromium.extensionId, 'options.html');
  const panel = await openExtensionPage(chromium.context, chromium.extensionId, `sidepanel.html?tab=${await tabIdOf(options, url)}`);
  return { page, options, panel };
}

/** A page in a tab of its own, once its highlights have settled. */
async function highlightedPage(chromium: ChromiumWithExtension, url: string): Promise<Page> {
  const page = await chromium.context.newPage();
  await page.goto(url);
  await settledHighlightCount(page);
  return page;
}

/**
 * Counts, at every frame the page renders from now on, the ranges its highlights hold; the
 * function returned stops and tells how many frames, the fewest ranges in one, and the last count.
 */
async function countHighlightsEveryFrame(page: Page): Promise<() => Promise<{ frames: number; fewest: number; last: number }>> {
  await page.evaluate(() => {
    const counts: number[] = [];
    const state = { counts, running: true };
    (window as unknown as { __frameCounts: typeof state }).__frameCounts = state;
    const tick = () => {
      if (!state.running) return;
      let ranges = 0;
      CSS.highlights.forEach((highlight) => (ranges += highlight.size));
      counts.push(ranges);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  return () =>
    page.evaluate(() => {
      const state = (window as unknown as { __frameCounts: { counts: number[]; running: boolean } }).__frameCounts;
      state.running = false;
      return { frames: state.counts.length, fewest: Math.min(...state.counts), last: state.counts.at(-1) ?? -1 };
    });
}

/** Clicks a button of the open card, found by its text, as the reader's pointer would. */
async function clickCardButton(page: Page, label: RegExp): Promise<void> {
  const centre = await withPopoverRoot<{ x: number; y: number } | null>(
    page,
    `function () {
      const button = [...this.querySelectorAll('button')].find((b) => ${label}.test(b.textContent));
      if (!button) return null;
      const box = button.getBoundingClientRect();
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    }`,
  );
  if (!centre) throw new Error(`The card has no button ${label}`);
  await page.mouse.click(centre.x, centre.y);
}

describe('corrections', () => {
  test('“Not an entity” on a card: its highlights go on every open page, with no frame drawn without the others, after a reload and after a document naming it is added; the options page lists it, and Undo brings them back', async ({
    chromium,
    server,
  }) => {
    const open = () => highlightedPage(chromium, `${server.origin}/demo.html`);
    const [reading, other] = [await open(), await open()];
    expect(await highlightsOf(reading, 'person')).toContain('John Kirby');
    expect(await highlightsOf(other, 'person')).toContain('John Kirby');

    await hoverForPopover(reading, 'John Kirby');
    await clickCardButton(reading, /^(Wrong\?|Sbagliato\?)$/);
    const framesWhileCorrecting = await countHighlightsEveryFrame(reading);
    await clickCardButton(reading, /^(Not an entity|Non è un’entità)$/);
    // Each page reads its text again with the new dictionary and swaps the new highlights in: only that entity goes, the others stay.
    for (const page of [reading, other]) {
      await expect
        .poll(
          async () => {
            const persons = await highlightsOf(page, 'person');
            return !persons.includes('John Kirby') && persons.includes('Kim Jong-un') && persons.includes('Vladimir Putin');
          },
          { timeout: 10_000 },
        )
        .toBe(true);
    }
    // The page never blinks: no frame drew fewer highlights than are left at the end.
    const { frames, fewest, last } = await framesWhileCorrecting();
    expect(frames).toBeGreaterThan(0);
    expect(fewest).toBe(last);
    await reading.reload();
    await settledHighlightCount(reading);
    expect(await highlightsOf(reading, 'person')).not.toContain('John Kirby');

    const options = await openExtensionPage(chromium.context, chromium.extensionId, 'options.html');
    const listed = options.getByRole('region', { name: 'Your corrections' }).getByRole('listitem');
    await expect.poll(() => listed.allInnerTexts()).toEqual([expect.stringMatching(/“John Kirby” \(Person\) is not an entity/)]);

    // A document of the reader's naming him again does not bring him back: the correction is not ingestion's to undo.
    await options.getByLabel('Choose files').setInputFiles([{ name: 'briefing.txt', mimeType: 'text/plain', buffer: Buffer.from(BRIEFING) }]);
    await options.getByLabel('Name for this collection').fill('Briefings');
    await options.getByRole('button', { name: 'Add to my knowledge base' }).click();
    await expect.poll(() => options.getByRole('status').first().innerText(), { timeout: 15_000 }).toMatch(/Added \(1\)\s+briefing\.txt/);
    await reading.reload();
    await settledHighlightCount(reading);
    expect(await highlightsOf(reading, 'person')).not.toContain('John Kirby');
    expect(await highlightsOf(reading, 'person')).toContain('Vladimir Putin');
    expect(await storedRows<{ kind: string; name: string }>(options, 'corrections')).toEqual([expect.objectContaining({ kind: 'not-an-entity', name: 'John Kirby' })]);

    await listed.getByRole('button', { name: 'Undo' }).click();
    for (const page of [reading, other]) await expect.poll(() => highlightsOf(page, 'person'), { timeout: 10_000 }).toContain('John Kirby');
    await expect.poll(() => listed.count()).toBe(0);
    for (const page of [reading, other, options]) await page.close();
  });

  test('“Don’t highlight … on this site”: the words go on the pages of that site only, the options page lists it, and Undo brings them back', async ({ chromium, server }) => {
    const open = (origin: string) => highlightedPage(chromium, `${origin}/demo.html`);
    // The same server under another host name is another site.
    const otherSite = server.origin.replace('127.0.0.1', 'localhost');
    const [reading, sameSite, elsewhere] = [await open(server.origin), await open(server.origin), await open(otherSite)];
    const pyongyang = async (page: Page) => (await highlightsOf(page, 'place')).filter((text) => text === 'Pyongyang').length;
    expect(await pyongyang(reading)).toBe(4);

    await hoverForPopover(reading, 'Pyongyang');
    await clickCardButton(reading, /^(Wrong\?|Sbagliato\?)$/);
    await clickCardButton(reading, /^(Don’t highlight “Pyongyang” on 127\.0\.0\.1|Non evidenziare «Pyongyang» su 127\.0\.0\.1)$/);
    for (const page of [reading, sameSite]) await expect.poll(() => pyongyang(page), { timeout: 10_000 }).toBe(0);
    // The other host's page scans again on the same broadcast (its highlights drawn anew): it keeps the name once that is done.
    await expect.poll(() => pyongyang(elsewhere), { timeout: 10_000 }).toBe(4);
    await expect.poll(() => highlightsOf(reading, 'place'), { timeout: 10_000 }).toContain('Corea del Nord');

    const options = await openExtensionPage(chromium.context, chromium.extensionId, 'options.html');
    const listed = options.getByRole('region', { name: 'Your corrections' }).getByRole('listitem');
    await expect.poll(() => listed.allInnerTexts()).toEqual([expect.stringMatching(/“Pyongyang” is not highlighted on 127\.0\.0\.1/)]);
    await listed.getByRole('button', { name: 'Undo' }).click();
    for (const page of [reading, sameSite]) await expect.poll(() => pyongyang(page), { timeout: 10_000 }).toBe(4);
    for (const page of [reading, sameSite, elsewhere, options]) await page.close();
  });

  test('the side panel’s entity view: another type recolours the page’s highlights, “Not an entity” hides them, and each can be undone', async ({ chromium, server }) => {
    const { page, options, panel } = await pageWithPanel(chromium, `${server.origin}/demo.html`);
    await panel.locator('li', { hasText: 'John Kirby' }).locator('.details').click();
    await expect.poll(() => panel.locator('#entity-name').textContent()).toBe('John Kirby');

    await panel.getByLabel('Type').selectOption('organization');
    await expect.poll(() => highlightsOf(page, 'organization'), { timeout: 10_000 }).toContain('John Kirby');
    expect(await highlightsOf(page, 'person')).not.toContain('John Kirby');
    await expect.poll(() => panel.locator('.entity-view .card-head .type').textContent()).toMatch(/^(Organisation|Organizzazione)$/);
    const listed = options.getByRole('region', { name: 'Your corrections' }).getByRole('listitem');
    await expect.poll(() => listed.allInnerTexts()).toEqual([expect.stringMatching(/“John Kirby”: Organisation, not Person/)]);
    await listed.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => highlightsOf(page, 'person'), { timeout: 10_000 }).toContain('John Kirby');
    await expect.poll(() => panel.getByLabel('Type').inputValue()).toBe('person');

    await panel.getByRole('button', { name: 'Not an entity' }).click();
    await expect.poll(() => highlightsOf(page, 'person'), { timeout: 10_000 }).not.toContain('John Kirby');
    await panel.getByRole('status').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => highlightsOf(page, 'person'), { timeout: 10_000 }).toContain('John Kirby');
    await expect.poll(() => listed.count()).toBe(0);
    for (const opened of [page, options, panel]) await opened.close();
  });

  test('the side panel’s entity view: a new name shows on the card, a name given lights up, a name taken does not, and Undo ends each', async ({ chromium, server }) => {
    const { page, options, panel } = await pageWithPanel(chromium, `${server.origin}/demo.html`);
    const openEntity = async (name: string) => {
      await panel.locator('li', { hasText: name }).locator('.details').click();
      await expect.poll(() => panel.locator('#entity-name').textContent()).toBe(name);
    };

    await openEntity('Andrey Rudenko');
    await panel.getByLabel('Name', { exact: true }).fill('Andrej Rudenko');
    await panel.getByRole('button', { name: 'Rename' }).click();
    await expect.poll(() => panel.locator('#entity-name').textContent()).toBe('Andrej Rudenko');
    await panel.locator('.entity-names summary').click();
    await panel.getByLabel('Another name').fill('viceministro degli Esteri russo');
    await panel.getByRole('button', { name: 'Add name' }).click();
    await expect.poll(() => highlightsOf(page, 'person'), { timeout: 10_000 }).toContain('viceministro degli Esteri russo');
    await hoverForPopover(page, 'Andrey Rudenko', 'Andrej Rudenko');
    expect(await popoverText(page)).toContain('Andrej Rudenko');
    await page.keyboard.press('Escape');

    await panel.getByRole('button', { name: /Back|Indietro/ }).click();
    await openEntity('Pyongyang');
    await panel.locator('.entity-names summary').click();
    await panel.getByRole('button', { name: 'Remove “Pyongyang”' }).click();
    await expect.poll(async () => (await highlightsOf(page, 'place')).filter((text) => text === 'Pyongyang'), { timeout: 10_000 }).toEqual([]);

    const listed = options.getByRole('region', { name: 'Your corrections' }).getByRole('listitem');
    await expect
      .poll(() => listed.allInnerTexts())
      .toEqual([
        expect.stringMatching(/“Pyongyang” is not a name of “Pyongyang”/),
        expect.stringMatching(/“viceministro degli Esteri russo” is a name of “Andrey Rudenko”/),
        expect.stringMatching(/“Andrey Rudenko” is called “Andrej Rudenko”/),
      ]);
    for (let left = 3; left > 0; left--) {
      await listed.first().getByRole('button', { name: 'Undo' }).click();
      await expect.poll(() => listed.count()).toBe(left - 1);
    }
    await expect.poll(async () => (await highlightsOf(page, 'place')).filter((text) => text === 'Pyongyang').length, { timeout: 10_000 }).toBe(4);
    await expect.poll(() => highlightsOf(page, 'person')).not.toContain('viceministro degli Esteri russo');
    await expect.poll(() => panel.locator('#entity-name').textContent()).toBe('Pyongyang');
    for (const opened of [page, options, panel]) await opened.close();
  });

  test('“Same as” in the side panel: the page reads one entity as the other (its type, its card), and Undo parts them', async ({ chromium, server }) => {
    const { page, options, panel } = await pageWithPanel(chromium, `${server.origin}/demo.html`);
    await panel.locator('li', { hasText: 'Cremlino' }).locator('.details').click();
    // The panel names it in the reader's language (the browser's: English).
    await expect.poll(() => panel.locator('#entity-name').textContent()).toBe('Kremlin');

    await panel.getByLabel('Same as').fill('Russia');
    await panel.getByRole('button', { name: 'Merge' }).click();
    await expect.poll(() => highlightsOf(page, 'place'), { timeout: 10_000 }).toContain('Cremlino');
    expect(await highlightsOf(page, 'organization')).not.toContain('Cremlino');
    await expect.poll(() => panel.locator('#entity-name').textContent()).toBe('Russia');
    await hoverForPopover(page, 'Cremlino', 'Russia');

    const listed = options.getByRole('region', { name: 'Your corrections' }).getByRole('listitem');
    await expect.poll(() => listed.allInnerTexts()).toEqual([expect.stringMatching(/“Cremlino” is the same as “Russia”/)]);
    await listed.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => highlightsOf(page, 'organization'), { timeout: 10_000 }).toContain('Cremlino');
    for (const opened of [page, options, panel]) await opened.close();
  });

  test('“Split off” in the side panel: the page’s “Moscow” becomes an entity of its own, and Undo joins it again', async ({ chromium, server }) => {
    const { page, options, panel } = await pageWithPanel(chromium, `${server.origin}/english-context.html`);
    // The list names an entity as stored (Mosca), the entity view in the reader's language (Moscow).
    const listedOnPage = (prefix: string, name: string) => panel.locator(`li[data-entity-id^="${prefix}"]`, { hasText: name });
    await listedOnPage('ent-', 'Mosca').locator('.details').click();
    await expect.poll(() => panel.locator('#entity-name').textContent()).toBe('Moscow');
    await panel.locator('.entity-names summary').click();
    await panel.getByRole('button', { name: 'Split “Moscow” off into an entity of its own' }).click();
    await panel.getByRole('button', { name: /Back|Indietro/ }).click();
    // The page's two "Moscow" now name the new entity, which the panel lists for this page.
    await expect.poll(() => listedOnPage('split-', 'Moscow').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => highlightsOf(page, 'place'), { timeout: 10_000 }).toEqual(expect.arrayContaining(['Moscow', 'Moscow', 'North Korea']));

    const listed = options.getByRole('region', { name: 'Your corrections' }).getByRole('listitem');
    await expect.poll(() => listed.allInnerTexts()).toEqual([expect.stringMatching(/“Moscow” split off from “Mosca”, an entity of its own/)]);
    await listed.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => listedOnPage('split-', 'Moscow').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => listedOnPage('ent-', 'Mosca').count(), { timeout: 10_000 }).toBe(1);
    for (const opened of [page, options, panel]) await opened.close();
  });
});
