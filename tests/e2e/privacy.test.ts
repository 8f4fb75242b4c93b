/**
 * Privacy in real Chromium. (1) While the reader uses everything (highlights, the popover, the
 * side panel, the popup, adding documents in the options page, a note), the profile sends no
 * request anywhere but the test's own page server: every request of every page, extension page
 * and service worker (Playwright reports the service worker's too) is watched. (2) A page's own
 * script, run while the popover shows an entity's description and the reader's note, finds
 * neither, however it looks. (3) The highlight registry tells the page only the types, and holds
 * nothing of ours on a page where Contesto has nothing to show. (4) A page that knows Contesto's
 * extension id neither hears it start nor switches it off, nor hears its own navigations reported.
 */
import { readFile } from 'node:fs/promises';
import type { Page, Request } from 'playwright-core';
import { expect } from 'vitest';
import { openExtensionPage, packageOrigins, sendRequest, storedNotes, tabIdOf } from './extension-pages';
import { bundledPack, FIXTURE_PAGES, hoverForPopover, test, waitForHighlights, withPopoverRoot } from './harness';
import { settledHighlightCount, untilScanned } from './page-probes';
import { newNoteId } from '@/core/notes';
import type { ChromiumWithExtension } from '@/scripts/lib/browsers';

/** What a page's script can find by every means it has: text, open shadow roots, hit-testing, frames, the highlight registry. */
function harvest(): { texts: string[]; highlightNames: string[]; ourGlobals: string[]; ourResources: string[] } {
  const texts = [document.body.innerText, document.documentElement.outerHTML];
  const walk = (root: Document | ShadowRoot) => {
    for (const element of root.querySelectorAll('*')) {
      if (element.shadowRoot) {
        texts.push(element.shadowRoot.textContent ?? '', element.shadowRoot.innerHTML);
        walk(element.shadowRoot);
      }
      const styled = getComputedStyle(element, '::before').content + getComputedStyle(element, '::after').content;
      if (styled !== 'nonenone') texts.push(styled);
    }
  };
  walk(document);
  for (let x = 0; x < innerWidth; x += 20) {
    for (let y = 0; y < innerHeight; y += 20) {
      for (const element of document.elementsFromPoint(x, y)) texts.push((element as HTMLElement).innerText ?? element.textContent ?? '');
    }
  }
  for (const frame of [...document.querySelectorAll('iframe')]) {
    try {
      texts.push(frame.contentDocument?.documentElement.outerHTML ?? '');
    } catch {
      // A frame of another origin cannot be read: nothing to find there either.
    }
  }
  for (let i = 0; i < window.frames.length; i++) {
    try {
      texts.push(window.frames[i].document.documentElement.outerHTML);
    } catch {
      // As above.
    }
  }
  return {
    texts,
    highlightNames: [...CSS.highlights.keys()],
    ourGlobals: Object.keys(window).filter((key) => /contesto/i.test(key)),
    ourResources: performance
      .getEntriesByType('resource')
      .map((entry) => entry.name)
      .filter((name) => /^(chrome|moz)-extension:/.test(name)),
  };
}

test('the extension sends nothing anywhere while the reader highlights, hovers, opens the side panel and the popup, adds documents and a note', async ({ chromium, server }) => {
  const { context, extensionId } = chromium;
  const ours = `chrome-extension://${extensionId}/`;
  // Ours, and the per-session address under which the content script loads the card's script.
  const fromPackage = await packageOrigins(context, extensionId);
  const seen: string[] = [];
  // A navigation's frame may not exist yet when its request is seen (Playwright then throws from frame()): such a request is named by what it is.
  const from = (request: Request) => (request.serviceWorker() ? 'service worker' : request.isNavigationRequest() ? 'navigation' : request.frame().url() || 'page');
  const record = (request: Request) => seen.push(`${from(request)} → ${request.url()}`);
  context.on('request', record);

  const page = await context.newPage();
  await page.goto(`${server.origin}/demo.html`);
  await waitForHighlights(page);
  await hoverForPopover(page, 'John Kirby');
  const panel = await openExtensionPage(context, extensionId, 'sidepanel.html');
  const tabId = await tabIdOf(panel, `${server.origin}/demo.html`);
  await panel.goto(`${ours}sidepanel.html?tab=${tabId}`);
  await panel.getByRole('button', { name: 'Note on this page' }).click();
  await panel.getByRole('textbox', { name: 'Note' }).fill('Seen on the demo page');
  await panel.getByRole('button', { name: 'Save note' }).click();
  await expect.poll(async () => (await storedNotes(panel)).filter((note) => note.body === 'Seen on the demo page').length).toBe(1);
  const popup = await openExtensionPage(context, extensionId, `popup.html?tab=${tabId}`);
  await expect.poll(() => popup.locator('li.note').count()).toBeGreaterThan(0);
  const options = await openExtensionPage(context, extensionId, 'options.html');
  await options.getByLabel('Choose files').setInputFiles([{ name: 'nytimes-1.html', mimeType: 'text/html', buffer: await readFile(`${FIXTURE_PAGES}/nytimes-1.html`) }]);
  await options.getByLabel('Name for this collection').fill('Watched');
  await options.getByRole('button', { name: 'Add to my knowledge base' }).click();
  await expect.poll(() => options.getByRole('status').first().innerText(), { timeout: 30_000 }).toMatch(/Added \(1\)\s+nytimes-1\.html/);
  await page.reload();
  await waitForHighlights(page);
  context.off('request', record);

  const elsewhere = seen.filter((line) => {
    const url = line.slice(line.indexOf(' → ') + 3);
    return !url.startsWith(`${server.origin}/`) && !fromPackage.some((origin) => url.startsWith(origin));
  });
  expect(elsewhere).toEqual([]);
  // The watch saw the pages' and the extension's own requests, so it was listening.
  expect(seen.some((line) => line.includes(`→ ${server.origin}/demo.html`))).toBe(true);
  expect(seen.some((line) => line.includes(`→ ${ours}`))).toBe(true);

  await options.getByRole('listitem', { name: 'Watched', exact: true }).getByRole('button', { name: 'Remove' }).click();
  await options.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click();
  for (const note of (await storedNotes(panel)).filter((stored) => stored.body === 'Seen on the demo page')) await sendRequest(panel, 'notes/delete', { id: note.id });
  await Promise.all([page, panel, popup, options].map((opened) => opened.close()));
});

test('a page script finds neither the description in the open popover, nor the reader’s notes, nor the note being written, and the highlight registry names only types', async ({
  chromium,
  server,
}) => {
  const { context, extensionId } = chromium;
  const kirby = (await bundledPack()).entities.find((entity) => entity.name === 'John Kirby')!;
  const note = `Private note on Kirby ${Date.now()}`;
  const extension = await openExtensionPage(context, extensionId, 'popup.html');
  expect(await sendRequest(extension, 'notes/add', { id: newNoteId(), target: { kind: 'entity', entityId: kirby.id }, body: note, tags: ['private-tag'] })).toMatchObject({ ok: true });

  const page = await context.newPage();
  // A same-origin frame too, so the script has frames to read.
  server.routes.set('/snooping.html', [
    'text/html; charset=utf-8',
    '<!doctype html><html lang="en"><title>Snooping</title><p>John Kirby spoke for the United States.</p><iframe srcdoc="<p>A frame of the page</p>" width="600" height="200"></iframe>',
  ]);
  await page.goto(`${server.origin}/snooping.html`);
  await waitForHighlights(page);
  await hoverForPopover(page, 'John Kirby');
  // The reader writes a note in the card: its text sits in the card's editor.
  const typed = `Typed in the card ${Date.now()}`;
  await withPopoverRoot(page, `function () { [...this.querySelectorAll('button')].find((button) => /^(Add note|Aggiungi nota)$/.test(button.textContent.trim())).click(); }`);
  await expect.poll(() => withPopoverRoot<string>(page, `function () { return this.activeElement?.tagName ?? ''; }`)).toBe('TEXTAREA');
  await page.keyboard.type(typed);
  const shown = (await withPopoverRoot<string>(page, `function () { return this.querySelector('.popover').textContent + this.querySelector('textarea').value; }`))!;
  expect(shown).toContain(typed);
  expect(shown).toContain('Your notes: 1');
  const description = kirby.description ?? '';
  expect(description.length).toBeGreaterThan(10);
  expect(shown).toContain(description.slice(0, 40));

  const { texts, highlightNames, ourGlobals, ourResources } = await page.evaluate(harvest);
  // The card's script, loaded for the first card, ran in the content script's world, not the page's, and its
  // address (which holds the extension's per-session id) is not among the page's resource timings.
  expect(ourGlobals).toEqual([]);
  expect(ourResources).toEqual([]);
  const found = texts.join('\n');
  expect(found).toContain('John Kirby spoke');
  expect(found).not.toContain(note);
  expect(found).not.toContain(typed);
  expect(found).not.toContain('private-tag');
  expect(found).not.toContain(description.slice(0, 40));

  // Only types (and Contesto's own marks for notes and the flash), never an entity id or a note.
  expect(highlightNames.length).toBeGreaterThan(0);
  for (const name of highlightNames) expect(name).toMatch(/^contesto-(person|organization|place|event|other|note|flash)$/);
  expect(highlightNames.join(' ')).not.toContain(kirby.id);

  await sendRequest(extension, 'notes/delete', { id: (await storedNotes(extension)).find((stored) => stored.body === note)!.id });
  await Promise.all([page.close(), extension.close()]);
});

test('on a page where it knows no name and holds no note, Contesto registers no highlight and adds no element, no global and no performance mark', async ({ chromium, server }) => {
  const page = await chromium.context.newPage();
  await page.goto(`${server.origin}/no-known-names.html`);
  const popup = await openExtensionPage(chromium.context, chromium.extensionId, 'popup.html');
  await untilScanned(page, popup);
  const seen = await page.evaluate(() => ({
    highlights: [...CSS.highlights.keys()],
    elements: [...document.querySelectorAll('body *')].map((element) => element.localName),
    globals: Object.keys(window).filter((key) => /contesto/i.test(key)),
    timeline: performance
      .getEntries()
      .filter((entry) => entry.entryType === 'mark' || entry.entryType === 'measure')
      .map((entry) => entry.name),
  }));
  // The fixture's own elements, and nothing else.
  expect(seen).toEqual({ highlights: [], elements: ['article', 'h1', 'p', 'p'], globals: [], timeline: [] });
  await Promise.all([page.close(), popup.close()]);
});

/**
 * Opens `url` with the page's own script listening, from before anything of Contesto runs, for the
 * event `eventName` on the window and the document (capturing) and for any window message.
 */
async function openListening(chromium: ChromiumWithExtension, url: string, eventName: string): Promise<Page> {
  const page = await chromium.context.newPage();
  await page.addInitScript((name) => {
    const heard: string[] = [];
    Object.assign(window, { heard });
    for (const target of [window, document]) target.addEventListener(name, (event) => heard.push(event.type), true);
    window.addEventListener('message', (event) => heard.push(`message ${JSON.stringify(event.data)}`));
  }, eventName);
  await page.goto(url);
  await waitForHighlights(page);
  return page;
}

const heardByPage = (page: Page) => page.evaluate(() => (window as unknown as { heard: string[] }).heard);

test('a page that knows Contesto’s extension id neither hears the content script start nor switches it off with a forged start event', async ({ chromium, server }) => {
  // WXT's context announces a start by this event on the document and stops itself when it hears another (see scripts/build/content-script-context.mjs).
  const started = `${chromium.extensionId}:content:wxt:content-script-started`;
  const page = await openListening(chromium, `${server.origin}/demo.html`, started);
  const before = await settledHighlightCount(page);
  expect(await heardByPage(page)).toEqual([]);

  await page.evaluate((eventName) => {
    document.dispatchEvent(new CustomEvent(eventName, { detail: { contentScriptName: 'content', messageId: 'forged' } }));
  }, started);
  expect(await settledHighlightCount(page), 'the highlights stay').toBe(before);
  // Still running: a name the page adds afterwards lights up.
  await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<p>Vladimir Putin ha parlato.</p>'));
  expect(await settledHighlightCount(page)).toBe(before + 1);
  await page.close();
});

test('a page that knows Contesto’s extension id does not hear its own navigations reported, and Contesto reads the page again after one', async ({ chromium, server }) => {
  // WXT reports a new address to the content script by this event on the window (see scripts/build/content-script-context.mjs).
  const reported = `${chromium.extensionId}:content:wxt:locationchange`;
  const page = await openListening(chromium, `${server.origin}/demo.html`, reported);
  const before = await settledHighlightCount(page);
  await page.evaluate(() => {
    Object.assign(window, { kept: [...CSS.highlights.get('contesto-person')!][0] });
    history.pushState({}, '', '/demo.html?story=2');
  });
  // Read again: the range registered before the navigation gives way to a new one.
  await expect.poll(() => page.evaluate(() => [...CSS.highlights.values()].some((highlight) => highlight.has((window as unknown as { kept: Range }).kept))), { timeout: 5_000 }).toBe(false);
  expect(await settledHighlightCount(page)).toBe(before);
  expect(await heardByPage(page)).toEqual([]);
  await page.close();
});
