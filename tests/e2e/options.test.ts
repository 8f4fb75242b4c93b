/**
 * Adding the reader's own documents in the options page (real Chromium, the built extension):
 * ingestion runs in the page, the background stores the result, pages light up with it.
 */
import { readFile } from 'node:fs/promises';
import { expect } from 'vitest';
import type { PageReport } from '@/core/messages';
import { openExtensionPage, sendRequest, severeViolations, tabIdOf } from './extension-pages';
import { highlightedTexts, test, waitForHighlights } from './harness';

test('adds documents the reader chose, highlights their entities on pages, reports a bad file, and removes them again', async ({ chromium, server }) => {
  // A page already open when the documents are added lights up without a reload.
  const page = await chromium.context.newPage();
  await page.goto(`${server.origin}/readers-own.html`);
  await waitForHighlights(page);
  expect((await highlightedTexts(page)).person ?? []).toEqual([]);

  const options = await openExtensionPage(chromium.context, chromium.extensionId, 'options.html');
  await options.getByLabel('Choose files').setInputFiles([
    { name: 'university.md', mimeType: 'text/markdown', buffer: await readFile('tests/fixtures/ingest/university.md') },
    { name: 'broken.txt', mimeType: 'text/plain', buffer: Buffer.from([0, 159, 146, 150, 0, 1]) },
  ]);
  await options.getByLabel('Name for this collection').fill('Climate desk');
  await options.getByRole('button', { name: 'Add to my knowledge base' }).click();
  const summary = options.getByRole('status').first();
  await expect.poll(() => summary.innerText(), { timeout: 15_000 }).toMatch(/Added \(1\)\s+university\.md/);
  expect(await summary.innerText()).toMatch(/broken\.txt\s+this looks like binary/);
  const collection = options.getByRole('listitem', { name: 'Climate desk', exact: true });
  await expect.poll(() => collection.count()).toBe(1);

  await expect.poll(async () => (await highlightedTexts(page)).person ?? [], { timeout: 10_000 }).toEqual(expect.arrayContaining(['Samuel Okafor', 'Harriet Colby']));
  await expect.poll(async () => (await highlightedTexts(page)).place ?? []).toEqual(expect.arrayContaining(['Leeds']));

  await collection.getByRole('button', { name: 'Remove' }).click();
  await options.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click();
  await expect.poll(() => collection.count()).toBe(0);
  // Moscow comes from the bundled corpus and stays; the reader's people go, without a reload.
  await expect.poll(async () => (await highlightedTexts(page)).person ?? [], { timeout: 10_000 }).toEqual([]);
  expect((await highlightedTexts(page)).place).toEqual(['Moscow']);
  await Promise.all([page.close(), options.close()]);
});

test('settings apply at once to an open page: a type switched off, only first occurrences, the sites where Contesto is off', async ({ chromium, server }) => {
  const page = await chromium.context.newPage();
  await page.goto(`${server.origin}/demo.html`);
  await waitForHighlights(page);
  const options = await openExtensionPage(chromium.context, chromium.extensionId, 'options.html');
  const tabId = await tabIdOf(options, `${server.origin}/demo.html`);
  const places = () => page.evaluate(() => CSS.highlights.get('contesto-place')?.size ?? 0);
  const counts = async () =>
    ((await options.evaluate((tab) => chrome.tabs.sendMessage(tab, { type: 'tab/page-report', payload: {} }), tabId)) as { value: PageReport }).value.entities.map((row) => row.count);
  expect(await places()).toBeGreaterThan(0);
  const before = await counts();
  expect(Math.max(...before)).toBeGreaterThan(1);

  const place = options.getByRole('checkbox', { name: 'Place' });
  await place.uncheck();
  await expect.poll(places).toBe(0);
  await expect.poll(async () => (await highlightedTexts(page)).person?.length ?? 0).toBeGreaterThan(0);
  await place.check();
  await expect.poll(places).toBeGreaterThan(0);

  await options.getByRole('radio', { name: 'Only the first time on the page' }).check();
  await expect.poll(async () => Math.max(...(await counts()))).toBe(1);
  expect((await counts()).length).toBe(before.length);
  await options.getByRole('radio', { name: 'Every time it occurs' }).check();
  await expect.poll(counts).toEqual(before);

  // Hover delay and languages are stored as typed; a wrong language code is refused where it was typed.
  const delay = options.getByLabel('Delay before the card opens on hover (ms)');
  await delay.fill('200');
  await delay.press('Enter');
  const languages = options.getByLabel('Your languages');
  await languages.fill('it, English');
  await languages.press('Enter');
  await expect.poll(() => languages.getAttribute('aria-invalid')).toBe('true');
  await languages.fill('it, en-GB');
  await languages.press('Enter');
  await expect.poll(() => languages.inputValue()).toBe('it, en');
  const stored = await sendRequest(options, 'settings/update', {});
  expect(stored.value).toMatchObject({ hoverDelayMs: 200, languages: ['it', 'en'], highlightTypes: ['person', 'organization', 'place', 'event', 'other'], occurrences: 'all' });

  // A site turned off (as the popup does) is listed, and removing it turns Contesto back on there.
  await sendRequest(options, 'settings/update', { site: { host: '127.0.0.1', enabled: false } });
  await expect.poll(places).toBe(0);
  expect(await severeViolations(options)).toEqual([]);
  await options.getByRole('button', { name: 'Remove 127.0.0.1 (turn Contesto back on there)' }).click();
  await expect.poll(places).toBeGreaterThan(0);
  await expect.poll(() => options.getByRole('listitem').count()).toBe(0);

  await sendRequest(options, 'settings/update', { hoverDelayMs: 350, languages: [] });
  await Promise.all([page.close(), options.close()]);
});
