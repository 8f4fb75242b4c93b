/**
 * A clean console in real Chromium: while the reader adds documents (real news pages among them)
 * in the options page, writes a note in the side panel and removes the collection again, neither
 * Contesto's pages (options, popup, side panel), its content script nor the background log an
 * error or a warning.
 */
import { readFile } from 'node:fs/promises';
import type { ConsoleMessage, Worker } from 'playwright-core';
import { expect } from 'vitest';
import { openExtensionPage, tabIdOf } from './extension-pages';
import { FIXTURE_PAGES, test, waitForHighlights } from './harness';

test('the extension logs no error or warning while documents are added, a note is written and the documents are removed', async ({ chromium, server }) => {
  const { context, extensionId } = chromium;
  const ours = `chrome-extension://${extensionId}/`;
  const logged: string[] = [];
  const record = (where: string, message: ConsoleMessage) => {
    if (message.type() === 'error' || message.type() === 'warning') logged.push(`${where} ${message.type()}: ${message.text().slice(0, 300)}`);
  };
  const listenToWorker = (worker: Worker) => worker.on('console', (message) => record('background', message));
  // The background may be stopped and started again while the test runs.
  context.serviceWorkers().forEach(listenToWorker);
  context.on('serviceworker', listenToWorker);
  // Every page of the context: Contesto's own, and the content script's messages in the web page.
  context.on('console', (message) => {
    const page = message.page()?.url() ?? '';
    if (page.startsWith(ours) || message.location().url.startsWith(ours)) record(page, message);
  });
  context.on('weberror', (error) => logged.push(`uncaught: ${error.error().message}`));

  const page = await context.newPage();
  await page.goto(`${server.origin}/demo.html`);
  await waitForHighlights(page);
  const popup = await openExtensionPage(context, extensionId, 'popup.html');
  const tabId = await tabIdOf(popup, `${server.origin}/demo.html`);
  await popup.goto(`${ours}popup.html?tab=${tabId}`);
  const panel = await openExtensionPage(context, extensionId, `sidepanel.html?tab=${tabId}`);
  const counts = popup.locator('.counts');
  await expect.poll(() => counts.textContent()).toMatch(/^\d+ entities · \d+ events · 1 document · 0 notes$/);

  const options = await openExtensionPage(context, extensionId, 'options.html');
  const pages = ['liberation-1.html', 'nytimes-1.html', 'yahoo-2.html'];
  await options
    .getByLabel('Choose files')
    .setInputFiles([
      ...(await Promise.all(pages.map(async (name) => ({ name, mimeType: 'text/html', buffer: await readFile(`${FIXTURE_PAGES}/${name}`) })))),
      { name: 'university.md', mimeType: 'text/markdown', buffer: await readFile('tests/fixtures/ingest/university.md') },
    ]);
  await options.getByLabel('Name for this collection').fill('News desk');
  await options.getByRole('button', { name: 'Add to my knowledge base' }).click();
  await expect.poll(() => options.getByRole('status').first().innerText(), { timeout: 30_000 }).toMatch(/Added \(4\)/);
  const desk = options.getByRole('listitem', { name: 'News desk', exact: true });
  await expect.poll(() => desk.count()).toBe(1);
  await expect.poll(() => counts.textContent()).toMatch(/ · 5 documents · 0 notes$/);

  // A note on the page from the side panel: labelled in the popup by the page's title, its address beside it.
  await panel.getByRole('button', { name: 'Note on this page' }).click();
  await panel.getByRole('textbox', { name: 'Note' }).fill('Read again after the documents were added');
  await panel.getByRole('button', { name: 'Save note' }).click();
  await expect.poll(() => popup.locator('li.note .url').textContent()).toBe(`On the page Contesto demo · ${server.origin}/demo.html`);
  await expect.poll(() => counts.textContent()).toMatch(/ · 1 note$/);

  await desk.getByRole('button', { name: 'Remove' }).click();
  await options.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click();
  await expect.poll(() => desk.count()).toBe(0);
  await expect.poll(() => counts.textContent()).toMatch(/ · 1 document · 1 note$/);
  await page.reload();
  await waitForHighlights(page);
  await page.waitForTimeout(500);

  expect(logged).toEqual([]);
  await Promise.all([page, popup, panel, options].map((opened) => opened.close()));
});
