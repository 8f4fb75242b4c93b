/**
 * The reader's archive in real Chromium with the built extension: a folder of mixed files
 * (tests/fixtures/archive: text, Markdown, HTML, a real PDF, a broken PDF, a binary file, an empty
 * file and a copy) read in the options page's worker, the summary by file name, the entities it
 * found; a collection name that exists is added to, removing and replacing ask first and can be
 * undone; the welcome page opens on install and leads to the options page, as the popup and side panel do.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { ARCHIVE_FOLDER, archiveFiles, EXPECTED_PEOPLE, EXPECTED_SUMMARY, summaryRowsUnder } from './archive-folder';
import { openExtensionPage, storedRows } from './extension-pages';
import { test } from './harness';

/** Rows of one heading of the import summary: "file detail". */
const summaryRows = (options: Page, heading: string) => options.evaluate(summaryRowsUnder, heading);

/** Names of the stored entities. */
const storedEntityNames = async (page: Page) => (await storedRows<{ name: string }>(page, 'entities')).map((entity) => entity.name);

const collection = (options: Page, name: string) => options.getByRole('listitem', { name, exact: true });
const documentTitles = async (options: Page, name: string) => {
  const item = collection(options, name);
  if (!(await item.locator('details').evaluate((details: HTMLDetailsElement) => details.open))) await item.getByText(`Documents of ${name}`).click();
  return item.locator('tbody tr td:first-child').allInnerTexts();
};

test('a folder of mixed files: each file named in the summary with what became of it, the entities stored, the collection listing its documents', async ({ chromium }) => {
  const options = await openExtensionPage(chromium.context, chromium.extensionId, 'options.html');
  // Every file of the folder, as the folder picker and a dropped folder give them (headless Chromium's picker takes no folder).
  await options.getByLabel('Choose files').setInputFiles(await archiveFiles());
  await expect.poll(() => options.getByText('9 files chosen').count()).toBe(1);
  await options.getByLabel('Name for this collection').fill('Archive');
  await options.getByRole('button', { name: 'Add to my knowledge base' }).click();

  await expect.poll(() => summaryRows(options, 'Added'), { timeout: 30_000 }).toHaveLength(4);
  expect(await summaryRows(options, 'Added')).toEqual(EXPECTED_SUMMARY.added);
  expect(await summaryRows(options, 'Skipped as duplicates')).toEqual(EXPECTED_SUMMARY.duplicates);
  expect(await summaryRows(options, 'Not added')).toEqual(EXPECTED_SUMMARY.failed);

  const names = await storedEntityNames(options);
  expect(names).toEqual(expect.arrayContaining(EXPECTED_PEOPLE));
  // The collection's table renders when opened, its entity counts a moment later.
  await expect.poll(() => documentTitles(options, 'Archive')).toHaveLength(4);
  const pdfRow = collection(options, 'Archive').locator('tbody tr', { hasText: 'Netanyahu’s victory' });
  await expect.poll(async () => Number((await pdfRow.locator('td').allInnerTexts())[3])).toBeGreaterThan(3);
  expect((await pdfRow.locator('td').allInnerTexts())[2]).toBe('en');
  await options.close();
});

test('adding under a collection name that exists keeps its documents; removing asks first and can be undone; replacing asks and can be undone', async ({ chromium }) => {
  const options = await openExtensionPage(chromium.context, chromium.extensionId, 'options.html');
  await expect.poll(() => documentTitles(options, 'Archive')).toHaveLength(4);
  const before = await documentTitles(options, 'Archive');

  await options.getByLabel('Choose files').setInputFiles([{ name: 'university.md', mimeType: 'text/markdown', buffer: await readFile('tests/fixtures/ingest/university.md') }]);
  await options.getByLabel('Name for this collection').fill('Archive');
  expect(await options.getByText('“Archive” already holds 4 documents: the new ones are added to it.').count()).toBe(1);
  await options.getByRole('button', { name: 'Add to my knowledge base' }).click();
  await expect.poll(() => documentTitles(options, 'Archive'), { timeout: 30_000 }).toHaveLength(5);
  expect(await documentTitles(options, 'Archive')).toEqual(expect.arrayContaining([...before, 'New climate research centre opens in Leeds with Norwegian partners']));

  // Removing: nothing happens before the reader confirms; Undo puts every document back.
  await collection(options, 'Archive').getByRole('button', { name: 'Remove' }).click();
  const ask = options.getByRole('alertdialog');
  expect(await ask.innerText()).toContain('Remove “Archive” and its 5 documents?');
  await ask.getByRole('button', { name: 'Cancel' }).click();
  expect(await documentTitles(options, 'Archive')).toHaveLength(5);
  await collection(options, 'Archive').getByRole('button', { name: 'Remove' }).click();
  await options.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click();
  await expect.poll(() => collection(options, 'Archive').count()).toBe(0);
  expect(await storedEntityNames(options)).not.toContain('Robert Mugabe');
  await options.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => collection(options, 'Archive').count()).toBe(1);
  await expect.poll(() => documentTitles(options, 'Archive')).toHaveLength(5);
  expect(await storedEntityNames(options)).toContain('Robert Mugabe');

  // Replacing: asked for, done, then undone.
  await options.getByLabel('Choose files').setInputFiles([{ name: 'sindaco.txt', mimeType: 'text/plain', buffer: await readFile('tests/fixtures/ingest/sindaco.txt') }]);
  await options.getByLabel('Name for this collection').fill('Archive');
  await options.getByLabel('Replace its documents instead').check();
  await options.getByRole('button', { name: 'Add to my knowledge base' }).click();
  expect(await options.getByRole('alertdialog').innerText()).toContain('Replace the 5 documents of “Archive” with the new ones?');
  await options.getByRole('alertdialog').getByRole('button', { name: 'Replace' }).click();
  await expect.poll(() => documentTitles(options, 'Archive'), { timeout: 30_000 }).toEqual(['Bergamo, il sindaco inaugura il nuovo polo tecnologico']);
  await options.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => documentTitles(options, 'Archive')).toHaveLength(5);
  expect(await documentTitles(options, 'Archive')).toEqual(expect.arrayContaining(before));
  await options.close();
});

test('Cancel stops between two files and keeps the documents already read', async ({ chromium }) => {
  const page = await readFile(join(ARCHIVE_FOLDER, 'north-africa.html'), 'utf8');
  // Twenty distinct copies of a real page: enough for the import to be under way when Cancel is pressed.
  const files = Array.from({ length: 20 }, (_, index) => ({
    name: `page-${String(index).padStart(2, '0')}.html`,
    mimeType: 'text/html',
    buffer: Buffer.from(page.replace('</article>', `<p>Copy ${index}.</p></article>`)),
  }));
  const options = await openExtensionPage(chromium.context, chromium.extensionId, 'options.html');
  await options.getByLabel('Choose files').setInputFiles(files);
  await options.getByLabel('Name for this collection').fill('Cancelled');
  await options.getByRole('button', { name: 'Add to my knowledge base' }).click();
  await expect.poll(() => options.getByRole('progressbar').getAttribute('aria-label'), { timeout: 20_000 }).toMatch(/^[1-9]\d* of 20 files read/);
  await options.getByRole('button', { name: 'Cancel' }).click();
  await expect.poll(() => options.getByText('Cancelled: the files read before are kept.').count(), { timeout: 30_000 }).toBe(1);
  const added = await summaryRows(options, 'Added');
  const notRead = await summaryRows(options, 'Not read');
  expect(added.length).toBeGreaterThan(0);
  expect(notRead.length).toBeGreaterThan(0);
  expect(added.length + notRead.length).toBe(20);
  await expect.poll(() => documentTitles(options, 'Cancelled')).toHaveLength(added.length);
  await options.close();
});

test('the welcome page opens on install, shows the bundled example and leads to the options page; the popup and side panel lead there too', async ({ chromium }) => {
  const welcome = chromium.context.pages().find((page) => page.url().endsWith('/welcome.html'));
  expect(welcome, 'a welcome tab opened on install').toBeDefined();
  await welcome!.getByRole('heading', { name: 'Welcome to Contesto' }).waitFor();
  await welcome!.getByRole('button', { name: 'Open the example article' }).click();
  expect(await welcome!.getByRole('article').innerText()).toContain('Kim Jong-un');
  expect(await welcome!.locator('article .entity-person').allInnerTexts()).toEqual(expect.arrayContaining(['Kim Jong-un', 'Vladimir Putin']));

  for (const [page, link] of [
    [welcome!, 'Add documents'],
    [await openExtensionPage(chromium.context, chromium.extensionId, 'popup.html'), 'Your documents and settings'],
    [await openExtensionPage(chromium.context, chromium.extensionId, 'sidepanel.html'), 'Your documents and settings'],
  ] as const) {
    // An options tab already open would only be brought forward: each link must open one.
    await Promise.all(
      chromium.context
        .pages()
        .filter((tab) => tab.url().endsWith('/options.html'))
        .map((tab) => tab.close()),
    );
    const opened = chromium.context.waitForEvent('page');
    await page.getByRole('button', { name: link }).click();
    const options = await opened;
    await options.waitForURL(/\/options\.html$/);
    await options.getByRole('heading', { name: 'Your documents' }).waitFor();
    await options.close();
  }
});
