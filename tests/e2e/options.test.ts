/**
 * Adding the reader's own documents in the options page (real Chromium, the built extension):
 * ingestion runs in the page, the background stores the result, pages light up with it.
 */
import { readFile } from 'node:fs/promises';
import { expect } from 'vitest';
import { openExtensionPage } from './extension-pages';
import { highlightedTexts, test, waitForHighlights } from './harness';

test('adds documents the reader chose, highlights their entities on pages, reports a bad file, and removes them again', async ({ chromium, server }) => {
  // A page already open when the documents are added lights up without a reload.
  const page = await chromium.context.newPage();
  await page.goto(`${server.origin}/readers-own.html`);
  await waitForHighlights(page);
  expect((await highlightedTexts(page)).person ?? []).toEqual([]);

  const options = await openExtensionPage(chromium.context, chromium.extensionId, 'options.html');
  await options.getByLabel('Documents').setInputFiles([
    { name: 'university.md', mimeType: 'text/markdown', buffer: await readFile('tests/fixtures/ingest/university.md') },
    { name: 'broken.txt', mimeType: 'text/plain', buffer: Buffer.from([0, 159, 146, 150, 0, 1]) },
  ]);
  await options.getByLabel('Name for this collection').fill('Climate desk');
  await options.getByRole('button', { name: 'Add to my knowledge base' }).click();
  const status = options.getByRole('status');
  await expect.poll(() => status.innerText(), { timeout: 15_000 }).toMatch(/Climate desk: \d+ entities, \d+ events added/);
  expect(await status.innerText()).toMatch(/broken\.txt: .*binary/);
  await expect.poll(() => options.getByRole('listitem').filter({ hasText: 'Climate desk' }).count()).toBe(1);

  await expect.poll(async () => (await highlightedTexts(page)).person ?? [], { timeout: 10_000 }).toEqual(expect.arrayContaining(['Samuel Okafor', 'Harriet Colby']));
  expect((await highlightedTexts(page)).place).toEqual(expect.arrayContaining(['Leeds']));

  await options.getByRole('listitem').filter({ hasText: 'Climate desk' }).getByRole('button', { name: 'Remove' }).click();
  await expect.poll(() => options.getByRole('listitem').count()).toBe(0);
  // Moscow comes from the bundled corpus and stays; the reader's people go, without a reload.
  await expect.poll(async () => (await highlightedTexts(page)).person ?? [], { timeout: 10_000 }).toEqual([]);
  expect((await highlightedTexts(page)).place).toEqual(['Moscow']);
  await Promise.all([page.close(), options.close()]);
});
