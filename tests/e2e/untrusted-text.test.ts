/**
 * Untrusted text stays text, in real Chromium: a collection whose entity names, descriptions,
 * document titles and sentences hold `<script>`, `<img onerror>`, `javascript:` links, a bidi
 * override and a 1 MB line, and notes that hold the same, are shown literally in the popover, the
 * side panel and the popup; none of them makes an element, and none of their code runs (each
 * payload would set `window.contestoPwned`).
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { PackV1 } from '@/core/pack';
import { openExtensionPage, sendRequest, tabIdOf } from './extension-pages';
import { highlightCentre, popoverText, test, waitForHighlights, withPopoverRoot } from './harness';
import { newNoteId } from '@/core/notes';

const SCRIPT = '<script>window.contestoPwned = "script"</script>';
const IMG = `<img src=x onerror="window.contestoPwned = 'img'">`;
const LINK = '[open me](javascript:window.contestoPwned="link")';
const BIDI = 'the file \u202Egnp.exe\u202C is here';
const LONG_LINE = 'Zorblax '.repeat(131_072); // 1 MB on one line
const HOSTILE = `${SCRIPT} ${IMG} ${LINK} javascript:alert(1) ${BIDI}`;

const SENTENCE = `The Zorblax Institute said ${SCRIPT} and ${IMG}.`;
const pack: PackV1 = {
  format: 'contesto-pack',
  version: 1,
  generatedAt: '2026-01-01T00:00:00.000Z',
  documents: [{ id: 'hostile-doc', title: `Report ${IMG} ${BIDI}`, date: '2024-05', lang: 'en', source: `${SCRIPT}.txt`, text: `${SENTENCE}\n${LONG_LINE}` }],
  // A description may hold 5,000 characters (core/pack.ts): its long line fills the rest.
  entities: [{ id: 'zorblax', name: `Zorblax Institute ${SCRIPT}`, type: 'organization', aliases: ['Zorblax Institute', `Zorblax ${IMG}`], description: `${HOSTILE} ${'Zorblax '.repeat(600)}` }],
  events: [{ id: 'hostile-event', date: '2024-05-01', summary: `Zorblax Institute met ${IMG} ${LINK}`, entities: ['zorblax'], documentId: 'hostile-doc' }],
  // The second mention makes the 1 MB line a source sentence of the entity.
  mentions: [
    { entityId: 'zorblax', documentId: 'hostile-doc', start: 4, end: 21 },
    { entityId: 'zorblax', documentId: 'hostile-doc', start: SENTENCE.length + 1, end: SENTENCE.length + 8 },
  ],
};
/** A note may hold up to 100,000 characters (core/notes.ts): its long line is just under. */
const NOTE = `${HOSTILE}\n\n${'Zorblax '.repeat(12_000)}`;

/** What a surface made of the payloads: elements that could run or load something, and whether any code ran. */
const madeElements = `function () {
  const root = this.querySelector ? this : document;
  return {
    elements: [...root.querySelectorAll('#app script, #app img, #app iframe, #app object, #app embed, .popover script, .popover img, .popover iframe, .popover object, .popover embed')].length,
    javascriptLinks: [...root.querySelectorAll('a[href]')].filter((a) => /^\\s*javascript:/i.test(a.getAttribute('href'))).length,
    handlers: [...root.querySelectorAll('*')].filter((element) => element.getAttributeNames().some((name) => /^on/i.test(name))).length,
    pwned: window.contestoPwned ?? null,
  };
}`;
const INERT = { elements: 0, javascriptLinks: 0, handlers: 0, pwned: null };

const inPage = (page: Page) => page.evaluate(`(${madeElements}).call(document)`);

test('names, descriptions, titles, sentences and notes with markup, javascript: links, bidi overrides and a 1 MB line show as inert text everywhere', async ({ chromium, server }) => {
  const { context, extensionId } = chromium;
  server.routes.set('/untrusted.html', ['text/html; charset=utf-8', '<!doctype html><title>Untrusted</title><main><p>Today the Zorblax Institute opened its doors.</p></main>']);
  const url = `${server.origin}/untrusted.html`;

  const options = await openExtensionPage(context, extensionId, 'options.html');
  expect(await sendRequest(options, 'packs/import', { label: 'Hostile', pack })).toMatchObject({ ok: true });
  expect(await sendRequest(options, 'notes/add', { id: newNoteId(), target: { kind: 'entity', entityId: 'zorblax' }, body: NOTE, tags: ['<b>tag</b>'] })).toMatchObject({ ok: true });
  expect(await sendRequest(options, 'notes/add', { id: newNoteId(), target: { kind: 'entity', entityId: 'zorblax' }, body: LONG_LINE, tags: [] })).toMatchObject({
    ok: false,
    error: expect.stringMatching(/body/),
  });
  expect(await sendRequest(options, 'notes/add', { id: newNoteId(), target: { kind: 'page', url, title: `Untrusted ${SCRIPT}` }, body: `${IMG} ${LINK}`, tags: [] })).toMatchObject({ ok: true });

  // The popover, in the page.
  const page = await context.newPage();
  await page.goto(url);
  await waitForHighlights(page);
  const point = await highlightCentre(page, 'Zorblax Institute');
  await page.mouse.move(point.x, point.y);
  await expect.poll(() => popoverText(page), { timeout: 10_000 }).toContain(SCRIPT);
  const card = (await popoverText(page))!;
  for (const literal of [`Zorblax Institute ${SCRIPT}`, IMG, 'javascript:alert(1)', '\u202Egnp.exe\u202C']) expect(card).toContain(literal);
  expect(await withPopoverRoot(page, madeElements)).toEqual(INERT);
  expect(await inPage(page)).toEqual(INERT);

  // The side panel: the entity in full, its events, its documents and the reader's note.
  const tabId = await tabIdOf(options, url);
  const panel = await openExtensionPage(context, extensionId, `sidepanel.html?tab=${tabId}`);
  await panel.locator('li[data-entity-id="zorblax"] .details').click();
  await expect.poll(() => panel.locator('#entity-name').textContent()).toBe(`Zorblax Institute ${SCRIPT}`);
  const view = await panel.locator('.entity-view').innerText();
  for (const literal of [IMG, LINK, '\u202Egnp.exe\u202C', `Report ${IMG}`, 'Zorblax Zorblax Zorblax']) expect(view).toContain(literal);
  expect(await inPage(panel)).toEqual(INERT);

  // The popup: both notes, the page note under its page's title.
  const popup = await openExtensionPage(context, extensionId, `popup.html?tab=${tabId}`);
  await expect.poll(() => popup.locator('li.note').count()).toBe(2);
  const notes = await popup.locator('main').innerText();
  for (const literal of [SCRIPT, IMG, LINK, '#<b>tag</b>', `Untrusted ${SCRIPT}`, '\u202Egnp.exe\u202C']) expect(notes).toContain(literal);
  expect(await inPage(popup)).toEqual(INERT);

  // Nothing left behind for the other tests of this browser.
  expect(await sendRequest(options, 'packs/remove', { packId: 'user:Hostile' })).toMatchObject({ ok: true });
  for (const id of await popup.evaluate(() => [...document.querySelectorAll('li.note[data-note-id]')].map((li) => li.getAttribute('data-note-id')))) await sendRequest(options, 'notes/delete', { id });
  await Promise.all([page, panel, popup, options].map((opened) => opened.close()));
});
