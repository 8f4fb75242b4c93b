/**
 * Chromium stops an idle MV3 service worker whenever it likes. Here the test stops Contesto's
 * background through the DevTools protocol (`ServiceWorker.stopAllWorkers`), as the browser
 * would, and the reader's next hover, side-panel search and note still work.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { openExtensionPage, sendRequest, storedNotes, tabIdOf } from './extension-pages';
import { hoverForPopover, popoverText, test, waitForHighlights } from './harness';

/**
 * Stops every service worker of the profile and waits until the protocol reports Contesto's
 * stopped (Playwright's worker object outlives the worker, so it cannot tell).
 */
async function stopBackground(context: BrowserContext, from: Page, extensionId: string): Promise<void> {
  const cdp = await context.newCDPSession(from);
  try {
    const stopped = new Promise<void>((resolve) =>
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        if (versions.some((version) => version.scriptURL.startsWith(`chrome-extension://${extensionId}/`) && version.runningStatus === 'stopped')) resolve();
      }),
    );
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await stopped;
  } finally {
    await cdp.detach();
  }
}

test('after the background is stopped, hovering, searching in the side panel and adding a note all work', async ({ chromium, server }) => {
  const { context, extensionId } = chromium;
  const page = await context.newPage();
  await page.goto(`${server.origin}/demo.html`);
  await waitForHighlights(page);
  const panel = await openExtensionPage(context, extensionId, 'sidepanel.html');
  const tabId = await tabIdOf(panel, `${server.origin}/demo.html`);

  await stopBackground(context, panel, extensionId);
  await hoverForPopover(page, 'John Kirby');
  expect(await popoverText(page)).toMatch(/Kirby/);
  await page.keyboard.press('Escape');

  await stopBackground(context, panel, extensionId);
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tab=${tabId}`);
  await panel.getByRole('button', { name: /^(Search|Cerca)$/ }).click();
  await panel.getByRole('searchbox').fill('kirby');
  await expect.poll(() => panel.locator('.search .results .entity-name').allTextContents()).toContain('John Kirby');

  await stopBackground(context, panel, extensionId);
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tab=${tabId}`);
  const body = `Written after the background stopped ${Date.now()}`;
  await panel.getByRole('button', { name: 'Note on this page' }).click();
  await panel.getByRole('textbox', { name: 'Note' }).fill(body);
  await panel.getByRole('button', { name: 'Save note' }).click();
  await expect.poll(async () => (await storedNotes(panel)).filter((note) => note.body === body).length).toBe(1);

  for (const note of (await storedNotes(panel)).filter((stored) => stored.body === body)) await sendRequest(panel, 'notes/delete', { id: note.id });
  await Promise.all([page.close(), panel.close()]);
});
