/**
 * Chromium stops an idle MV3 service worker whenever it likes. Here the test stops Contesto's
 * background through the DevTools protocol (`ServiceWorker.stopAllWorkers`), as the browser
 * would, and the reader's next hover, side-panel search and note still work; a note saved at the
 * moment the worker stops is stored once, since the sender repeats a request nobody answered and
 * the note's own id makes the repeat store nothing new.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { stopBackground, workerStopper } from './background';
import { openExtensionPage, sendRequest, storedNotes, storedRows, tabIdOf } from './extension-pages';
import { highlightedTexts, hoverForPopover, popoverText, test, untilScanned, waitForHighlights } from './harness';

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

test('a note saved while the background is being stopped is stored and shown exactly once', async ({ chromium, server }) => {
  const { context, extensionId } = chromium;
  const page = await context.newPage();
  await page.goto(`${server.origin}/demo.html`);
  const panel = await openExtensionPage(context, extensionId, 'sidepanel.html');
  const tabId = await tabIdOf(panel, `${server.origin}/demo.html`);
  const stopper = await workerStopper(context, panel, extensionId);
  const bodies: string[] = [];
  // The save lands at a different moment of the stopping each time. Before the repeat, these
  // saves failed about half the time ("Receiving end does not exist", or "the message channel
  // closed before a response was received"), and a note could be written without an answer.
  for (const offsetMs of [0, 15, 30, 45, 60, 75]) {
    const body = `Saved as the background stopped (${offsetMs} ms) ${Date.now()}`;
    bodies.push(body);
    await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tab=${tabId}`);
    await panel.getByRole('button', { name: 'Note on this page' }).click();
    await panel.getByRole('textbox', { name: 'Note' }).fill(body);
    const stopStopping = stopper.stopRepeatedly();
    await new Promise((resolve) => setTimeout(resolve, offsetMs));
    await panel.getByRole('button', { name: 'Save note' }).click();
    await new Promise((resolve) => setTimeout(resolve, 150));
    await stopStopping();
    await expect.poll(async () => (await storedNotes(panel)).filter((note) => note.body === body).length, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => panel.locator('.note-list .note').filter({ hasText: body }).count(), { timeout: 10_000 }).toBe(1);
    // Saved: the editor closed without an error.
    expect(await panel.locator('.note-editor').count()).toBe(0);
  }
  await stopper.detach();
  // Each note once, and nothing else written meanwhile.
  expect(
    (await storedNotes(panel))
      .filter((note) => bodies.includes(note.body))
      .map((note) => note.body)
      .sort(),
  ).toEqual([...bodies].sort());

  for (const note of (await storedNotes(panel)).filter((stored) => bodies.includes(stored.body))) await sendRequest(panel, 'notes/delete', { id: note.id });
  await Promise.all([page.close(), panel.close()]);
});

interface MatcherCacheRow {
  key: string;
  dictionaries?: { compiled: Record<string, unknown> };
}

test('the compiled dictionary is kept in the store, a woken background highlights the page, and a name hidden before it slept stays hidden', async ({ chromium, server }) => {
  const { context, extensionId } = chromium;
  const page = await context.newPage();
  const panel = await openExtensionPage(context, extensionId, 'popup.html');
  const highlightedAfterWaking = async () => {
    await stopBackground(context, panel, extensionId);
    await page.goto(`${server.origin}/demo.html`);
    await untilScanned(page, panel);
    return Object.values(await highlightedTexts(page)).flat();
  };
  // The sites whose compiled dictionary the store keeps ('' for every site).
  const kept = async () => Object.keys((await storedRows<MatcherCacheRow>(panel, 'matcherCache')).find((row) => row.key === 'dictionaries')?.dictionaries?.compiled ?? {});

  await page.goto(`${server.origin}/demo.html`);
  await waitForHighlights(page);
  await expect.poll(kept).toEqual(['']);
  expect(await highlightedAfterWaking()).toContain('John Kirby');

  // The correction's write stamps the knowledge anew, in its own transaction: the kept dictionary is out of date at once.
  const hidden = await sendRequest(panel, 'corrections/add', { kind: 'hidden-name', name: 'John Kirby' });
  const shown = await highlightedAfterWaking();
  expect(shown).not.toContain('John Kirby');
  expect(shown).toContain('Kim Jong-un');

  await sendRequest(panel, 'corrections/remove', { id: (hidden.value as { correction: { id: string } }).correction.id });
  expect(await highlightedAfterWaking()).toContain('John Kirby');
  await Promise.all([page.close(), panel.close()]);
});

test('a page opened while the background sleeps wakes it while the page is still arriving, and is highlighted once it has', async ({ chromium }) => {
  const { context, extensionId } = chromium;
  // A page whose second half the server holds back until the test lets it go: the document stays in its parsing meanwhile.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const server = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.write(`<!doctype html><html lang="en"><head><title>Arriving</title></head><body><p>Kim Jong-un arrived in Moscow.</p>${' '.repeat(4096)}`);
    void released.then(() => response.end('<p>John Kirby spoke later.</p></body></html>'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const panel = await openExtensionPage(context, extensionId, 'popup.html');
  const stopper = await workerStopper(context, panel, extensionId);
  try {
    await stopper.stop();
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/arriving.html`, { waitUntil: 'commit' });
    await expect.poll(stopper.awake, { timeout: 5_000 }).toBe(true);
    expect(await page.evaluate(() => document.readyState)).toBe('loading');
    release();
    await untilScanned(page, panel);
    expect(Object.values(await highlightedTexts(page)).flat()).toEqual(expect.arrayContaining(['Kim Jong-un', 'John Kirby']));
    await page.close();
  } finally {
    release();
    await stopper.detach();
    await panel.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
