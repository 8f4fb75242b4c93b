/**
 * The reader's archive in Firefox ESR (the .output/firefox-mv2 build): the options page, reached
 * through a tab the extension opened (tests/e2e/firefox-pages.ts), reads the folder of mixed files
 * in its worker (PDF.js and linkedom under Firefox), names every file in its summary, stores the
 * entities (a page naming one lights it up), and removes the collection only when asked, with Undo.
 */
import type { ElementHandle, Page } from 'puppeteer-core';
import { expect } from 'vitest';
import { archiveFiles, EXPECTED_PEOPLE, EXPECTED_SUMMARY, summaryRowsUnder } from './archive-folder';
import { readTable } from './extension-pages';
import { openFirefoxExtensionPage } from './firefox-pages';
import { readHighlights, test } from './harness';

const summaryRows = (options: Page, heading: string) => options.evaluate(summaryRowsUnder, heading);
const storedPeople = async (options: Page) =>
  ((await options.evaluate(readTable, 'entities')) as { name: string; type: string }[]).filter((entity) => entity.type === 'person').map((entity) => entity.name);
/** The collections the options page lists, by name. */
const collections = (options: Page) => options.evaluate(() => [...document.querySelectorAll('ul.collections > li')].map((item) => item.getAttribute('aria-label')));
/** Clicks, with the mouse, the button inside `scope` that reads `name`. */
async function clickButton(options: Page, scope: string, name: string) {
  const button = await options.waitForFunction((within, label) => [...document.querySelectorAll(`${within} button`)].find((candidate) => candidate.textContent?.trim() === label), {}, scope, name);
  await (button as ElementHandle<HTMLButtonElement>).click();
}

test('Firefox: a folder of mixed files is read in the options page, each file named in the summary, its people stored and highlighted on a page; removing asks and can be undone', async ({
  firefox,
  server,
}) => {
  const options = await openFirefoxExtensionPage(firefox, server, 'options.html');
  const picker = (await options.waitForSelector('input[type=file][multiple]'))!;
  await picker.uploadFile(...(await archiveFiles()));
  await options.type('input[list="collection-names"]', 'Archive');
  await clickButton(options, 'form', 'Add to my knowledge base');

  await expect.poll(() => summaryRows(options, 'Added'), { timeout: 60_000 }).toHaveLength(4);
  expect(await summaryRows(options, 'Added')).toEqual(EXPECTED_SUMMARY.added);
  expect(await summaryRows(options, 'Skipped as duplicates')).toEqual(EXPECTED_SUMMARY.duplicates);
  expect(await summaryRows(options, 'Not added')).toEqual(EXPECTED_SUMMARY.failed);
  expect(await storedPeople(options)).toEqual(expect.arrayContaining(EXPECTED_PEOPLE));
  await expect.poll(() => collections(options)).toEqual(['Archive']);
  // A page that names a person of the folder lights the name up.
  const page = await firefox.browser.newPage();
  await page.goto(`${server.origin}/documents.html`);
  await expect.poll(async () => (await page.evaluate(readHighlights)).person ?? [], { timeout: 20_000 }).toContain('Robert Mugabe');
  await page.close();

  // Nothing goes before the reader confirms; Undo puts the collection and its people back.
  await clickButton(options, 'ul.collections', 'Remove');
  await clickButton(options, '[role=alertdialog]', 'Cancel');
  expect(await collections(options)).toEqual(['Archive']);
  await clickButton(options, 'ul.collections', 'Remove');
  await clickButton(options, '[role=alertdialog]', 'Remove');
  // Removing a collection deletes its documents and what only they named, then the page lists again: on a busy machine more than a second.
  await expect.poll(() => collections(options), { timeout: 15_000 }).toEqual([]);
  expect(await storedPeople(options)).not.toContain('Robert Mugabe');
  await clickButton(options, 'body', 'Undo');
  await expect.poll(() => collections(options), { timeout: 15_000 }).toEqual(['Archive']);
  expect(await storedPeople(options)).toEqual(expect.arrayContaining(EXPECTED_PEOPLE));
  await options.close();
});
