/**
 * "Add this page" in real Chromium: from the popup, the article in the reader's tab joins their
 * documents (collection "Pages I added", with its title, date and address), its names light up on
 * another page at once, and adding it again says it is already there; from the context menu and
 * the keyboard shortcut, the tab's side panel adds it.
 */
import { describe, expect } from 'vitest';
import { openExtensionPage, sendRequest, storedRows, tabIdOf } from './extension-pages';
import { highlightedTexts, settledHighlightCount, test } from './harness';

/** A page that names people and places of the article added, none of them known before. */
const ELSEWHERE = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Elsewhere</title></head><body><article><h1>Letters</h1>
<p>Eric Reeves, who has written about Sudan for years, answered from Khartoum on Friday.</p></article></body></html>`;

describe('Add this page', () => {
  test('the popup adds the article being read: its entities light up on another page, the options page lists it with its address, and a second add says it is there', async ({ chromium, server }) => {
    server.routes.set('/elsewhere.html', ['text/html; charset=utf-8', ELSEWHERE]);
    const elsewhere = await chromium.context.newPage();
    await elsewhere.goto(`${server.origin}/elsewhere.html`);
    await elsewhere.waitForTimeout(1_000);
    expect((await highlightedTexts(elsewhere)).person ?? []).toEqual([]);

    const article = await chromium.context.newPage();
    await article.goto(`${server.origin}/nytimes-1.html`);
    await settledHighlightCount(article);
    const options = await openExtensionPage(chromium.context, chromium.extensionId, 'options.html');
    const popup = await openExtensionPage(chromium.context, chromium.extensionId, `popup.html?tab=${await tabIdOf(options, `${server.origin}/nytimes-1.html`)}`);
    await popup.getByRole('button', { name: 'Add this page to my documents' }).click();
    const status = popup.getByRole('region', { name: 'Add this page to my documents' }).getByRole('status');
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toBe('Added “United States to Lift Sudan Sanctions” to “Pages I added”.');

    // Open tabs follow at once: the other page now shows the article's names.
    await expect.poll(async () => (await highlightedTexts(elsewhere)).person ?? [], { timeout: 10_000 }).toContain('Eric Reeves');
    expect((await highlightedTexts(elsewhere)).place).toEqual(expect.arrayContaining(['Sudan', 'Khartoum']));

    const collection = options.getByRole('listitem', { name: 'Pages I added', exact: true });
    await expect.poll(() => collection.count()).toBe(1);
    await collection.locator('summary').click();
    await expect.poll(() => collection.locator('tbody tr').first().innerText()).toMatch(/United States to Lift Sudan Sanctions\s+2017-01-13\s+en/);
    const opened = chromium.context.waitForEvent('page');
    await collection.getByRole('link', { name: 'United States to Lift Sudan Sanctions' }).click();
    const view = await opened;
    await expect.poll(() => view.getByRole('link', { name: 'https://www.nytimes.com/2017/01/13/world/africa/sudan-sanctions.html' }).count()).toBe(1);

    await popup.reload();
    await popup.getByRole('button', { name: 'Add this page to my documents' }).click();
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toBe('This page is already among your documents.');
    for (const page of [elsewhere, article, options, popup, view]) await page.close();
  });

  test('the context menu item and the shortcut have the tab’s side panel add the page', async ({ chromium, server }) => {
    const worker = chromium.context.serviceWorkers()[0]!;
    expect(await worker.evaluate(() => chrome.contextMenus.update('contesto-add-page', {}).then(() => true))).toBe(true);
    expect(await worker.evaluate(() => chrome.commands.getAll())).toContainEqual(expect.objectContaining({ name: 'add-page', shortcut: 'Alt+Shift+D' }));

    const article = await chromium.context.newPage();
    await article.goto(`${server.origin}/yahoo-2.html`);
    await settledHighlightCount(article);
    const options = await openExtensionPage(chromium.context, chromium.extensionId, 'options.html');
    const tabId = await tabIdOf(options, `${server.origin}/yahoo-2.html`);
    const panel = await openExtensionPage(chromium.context, chromium.extensionId, `sidepanel.html?tab=${tabId}`);
    // What the menu item and the shortcut ask once they have opened the panel, through the same handler.
    expect(await sendRequest(panel, 'documents/add-page', { tabId })).toEqual({ ok: true, value: { requested: true } });
    const status = panel.getByRole('region', { name: 'Add this page to my documents' }).getByRole('status');
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toBe('Added “Russia: Space ship malfunctions, breaks up over Siberia” to “Pages I added”.');
    const added = (await storedRows<{ pack: string; text: string }>(options, 'documents')).filter((document) => document.pack.startsWith('user:Pages I added'));
    expect(added.map((document) => document.text)).toContainEqual(expect.stringContaining('Progress MS-04'));
    for (const page of [article, options, panel]) await page.close();
  });
});
