/**
 * Documents in real Chromium with the built extension: a collection's documents listed and opened
 * from the options page; a card's source sentence opened in the document view, scrolled to and
 * marked; the side panel's entity view and timeline open the same view; deleting a document
 * takes the entities only it named off an open page and keeps a note on one, shown as orphaned.
 * In Firefox, a card's source opens a tab (WebDriver BiDi cannot show an extension page there).
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import type { ChromiumWithExtension } from '@/scripts/lib/browsers';
import { newNoteId } from '@/core/notes';
import { openExtensionPage, sendRequest, severeViolations, storedNotes, storedRows, tabIdOf } from './extension-pages';
import { openFirstSourceFromKeyboard } from './firefox-pages';
import { highlightedTexts, hoverForPopover, test, waitForHighlights, withPopoverRoot, type FixtureServer } from './harness';

const COLLECTION = 'Desk';
const ARCHIVE = 'tests/fixtures/archive';
const MUGABE_DOCUMENT = /^Zimbabwe coup: Robert Mugabe/;

/** Two real articles (one given a web address as its source) and a memo whose source is a `javascript:` address. */
async function deskFiles() {
  const obama = (await readFile(`${ARCHIVE}/obama.md`, 'utf8')).replace('lang: en\n', 'lang: en\nsource: https://news.example/obama-interview\n');
  return [
    { name: 'zimbabwe.txt', mimeType: 'text/plain', buffer: await readFile(`${ARCHIVE}/zimbabwe.txt`) },
    { name: 'obama.md', mimeType: 'text/markdown', buffer: Buffer.from(obama) },
    { name: 'memo.txt', mimeType: 'text/plain', buffer: Buffer.from('source javascript:alert(document.domain)\nA memo\n\nThe committee met on Tuesday to discuss the budget.') },
  ];
}

const collection = (options: Page) => options.getByRole('listitem', { name: COLLECTION, exact: true });

/** The collection's document rows as the options page shows them, its table opened. */
async function documentRows(options: Page): Promise<string[][]> {
  const item = collection(options);
  if ((await item.count()) === 0) return [];
  if (!(await item.locator('details').evaluate((details: HTMLDetailsElement) => details.open))) await item.getByText(`Documents of ${COLLECTION}`).click();
  const rows = item.locator('tbody tr');
  return Promise.all((await rows.all()).map(async (row) => (await row.locator('td').allInnerTexts()).map((cell) => cell.trim())));
}

/** The id of the stored entity named `name`. */
const entityIdNamed = async (page: Page, name: string) => (await storedRows<{ id: string; name: string }>(page, 'entities')).find((entity) => entity.name === name)?.id;

/** The page written for this test, naming people of both articles, highlighted. */
async function openTestPage(chromium: ChromiumWithExtension, server: FixtureServer): Promise<Page> {
  const page = await chromium.context.newPage();
  await page.goto(`${server.origin}/documents.html`);
  await waitForHighlights(page);
  return page;
}

/** Where the marked sentence of a document view is, and whether the reader sees it (evaluated in the page). */
function markedSentenceIn() {
  const mark = document.querySelector('mark.sentence');
  if (!mark) return null;
  const rect = mark.getBoundingClientRect();
  return { text: mark.textContent, inView: rect.top >= 0 && rect.bottom <= innerHeight, focused: document.activeElement === mark, scrolled: scrollY };
}

const markedSentence = (view: Page) => view.evaluate(markedSentenceIn);

describe.sequential('documents', () => {
  test('the options page lists a collection’s documents with title, date, language and entity count, each opening in the document view', async ({ chromium }) => {
    const options = await openExtensionPage(chromium.context, chromium.extensionId, 'options.html');
    await options.getByLabel('Choose files').setInputFiles(await deskFiles());
    await options.getByLabel('Name for this collection').fill(COLLECTION);
    await options.getByRole('button', { name: 'Add to my knowledge base' }).click();
    await expect.poll(() => documentRows(options), { timeout: 30_000 }).toHaveLength(3);
    // The entity counts arrive a moment after the table.
    await expect.poll(async () => (await documentRows(options)).find(([title]) => MUGABE_DOCUMENT.test(title!))?.[3]).toMatch(/^[1-9]\d*$/);
    const rows = await documentRows(options);
    expect(rows.map(([title, date, lang]) => [title, date, lang])).toEqual([
      ['A memo', '—', 'en'],
      ["Obama admits US gun laws are his 'biggest frustration'", '2015-07-24', 'en'],
      [expect.stringMatching(MUGABE_DOCUMENT), '2017-11-19', 'en'],
    ]);
    expect(Number(rows[1]![3])).toBeGreaterThan(2);

    // Each title is a link to the document view, in a tab of its own.
    const opened = chromium.context.waitForEvent('page');
    await collection(options).getByRole('link', { name: "Obama admits US gun laws are his 'biggest frustration'" }).click();
    const view = await opened;
    await view.waitForURL(/\/document\.html\?id=/);
    await view.getByRole('heading', { name: "Obama admits US gun laws are his 'biggest frustration'" }).waitFor();
    expect(await view.getByRole('link', { name: 'https://news.example/obama-interview' }).getAttribute('href')).toBe('https://news.example/obama-interview');
    const facts = await view.locator('.document-facts').innerText();
    expect(facts).toMatch(/Jul 24, 2015|24 Jul 2015/);
    expect(facts).toMatch(/Language:?\s*en/);
    expect(facts).toMatch(/Collection:?\s*Desk/);
    // The whole text, as text, with the knowledge base's entities in their types' colours.
    expect(await view.locator('.document-text').innerText()).toContain('greatest frustration of his presidency');
    expect(await view.locator('.document-text .entity-person').allInnerTexts()).toContain('Barack Obama');
    expect(await view.locator('mark').count()).toBe(0);
    expect(await severeViolations(view)).toEqual([]);
    await view.close();

    // A source that is not a web address is shown as text, never as a link.
    const memo = chromium.context.waitForEvent('page');
    await collection(options).getByRole('link', { name: 'A memo' }).click();
    const memoView = await memo;
    await memoView.getByRole('heading', { name: 'A memo' }).waitFor();
    expect(await memoView.locator('.document-facts').innerText()).toContain('javascript:alert(document.domain)');
    expect(await memoView.locator('a[href^="javascript:"]').count()).toBe(0);
    await Promise.all([memoView.close(), options.close()]);
  });

  test('a card’s source sentence opens the document view in a new tab, scrolled to the sentence and marked', async ({ chromium, server }) => {
    const page = await openTestPage(chromium, server);
    await hoverForPopover(page, 'Fidelis Mukonori', 'The priest, Fidelis Mukonori');
    const sentence = await withPopoverRoot<string>(page, `function () { return this.querySelector('.source blockquote').textContent; }`);
    expect(sentence).toMatch(/^The priest, Fidelis Mukonori, is acting as a middle-man/);

    const opened = chromium.context.waitForEvent('page');
    await withPopoverRoot(page, `function () { [...this.querySelectorAll('.source button')].find((button) => button.textContent.trim() === 'Open the document').click(); }`);
    const view = await opened;
    await view.waitForURL(/\/document\.html\?id=[^#]+#\d+-\d+$/);
    await expect.poll(() => markedSentence(view)).toMatchObject({ text: sentence, inView: true, focused: true });
    expect(await view.locator('mark.sentence .entity-person').allInnerTexts()).toContain('Fidelis Mukonori');
    expect(await severeViolations(view)).toEqual([]);

    // On a screen too short for the whole article, the view scrolls down to the sentence.
    await view.setViewportSize({ width: 900, height: 260 });
    await view.reload();
    await expect.poll(() => markedSentence(view)).toMatchObject({ text: sentence, inView: true });
    expect((await markedSentence(view))!.scrolled).toBeGreaterThan(0);
    await Promise.all([view.close(), page.close()]);
  });

  test('the side panel’s entity view and its timeline open the document view at the sentence', async ({ chromium, server }) => {
    const page = await openTestPage(chromium, server);
    const helper = await openExtensionPage(chromium.context, chromium.extensionId, 'popup.html');
    const panel = await openExtensionPage(chromium.context, chromium.extensionId, `sidepanel.html?tab=${await tabIdOf(helper, page.url())}`);
    await helper.close();

    await panel.getByRole('button', { name: 'Details about Fidelis Mukonori' }).click();
    const source = panel.locator('section:has(#entity-documents) .sentence').first();
    const sentence = await source.locator('blockquote').innerText();
    let opened = chromium.context.waitForEvent('page');
    await source.getByRole('link', { name: 'Open the document' }).click();
    let view = await opened;
    await expect.poll(() => markedSentence(view)).toMatchObject({ text: sentence, inView: true });
    await view.close();

    await panel.getByRole('button', { name: 'Timeline' }).click();
    const event = panel.locator('.event-list li[data-event-id]', { hasText: 'Saviour Kasukuwere' }).first();
    const summary = await event.locator('.summary').innerText();
    opened = chromium.context.waitForEvent('page');
    await event.getByRole('link', { name: 'Open the document' }).click();
    view = await opened;
    await expect.poll(() => markedSentence(view)).toMatchObject({ text: summary, inView: true });
    await Promise.all([view.close(), panel.close(), page.close()]);
  });

  test('deleting a document asks first, takes the entities only it named off an open page, keeps a note on one shown as orphaned, and can be undone', async ({ chromium, server }) => {
    const page = await openTestPage(chromium, server);
    await expect.poll(async () => (await highlightedTexts(page)).person ?? []).toEqual(expect.arrayContaining(['Robert Mugabe', 'Fidelis Mukonori', 'Barack Obama']));

    const options = await openExtensionPage(chromium.context, chromium.extensionId, 'options.html');
    const mugabe = await entityIdNamed(options, 'Robert Mugabe');
    expect(mugabe).toBeDefined();
    const added = await sendRequest(options, 'notes/add', { id: newNoteId(), target: { kind: 'entity', entityId: mugabe }, body: 'Ask about the Blue House.' });
    const noteId = (added.value as { id: string }).id;
    // A view of the document stays open while it is deleted.
    await expect.poll(() => documentRows(options)).toHaveLength(3);
    const viewOpened = chromium.context.waitForEvent('page');
    await collection(options).getByRole('link', { name: MUGABE_DOCUMENT }).click();
    const view = await viewOpened;
    await view.getByRole('heading', { name: MUGABE_DOCUMENT }).waitFor();

    const title = (await documentRows(options)).find(([cell]) => MUGABE_DOCUMENT.test(cell!))![0]!;
    await collection(options)
      .getByRole('button', { name: `Delete “${title}”` })
      .click();
    const ask = options.getByRole('alertdialog');
    expect(await ask.innerText()).toContain(`Delete “${title}”?`);
    await ask.getByRole('button', { name: 'Cancel' }).click();
    expect(await documentRows(options)).toHaveLength(3);
    await collection(options)
      .getByRole('button', { name: `Delete “${title}”` })
      .click();
    await options.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => documentRows(options)).toHaveLength(2);

    // The open page loses the people only that document named, without a reload; Obama stays.
    await expect.poll(async () => (await highlightedTexts(page)).person ?? [], { timeout: 10_000 }).toEqual(['Barack Obama']);
    expect(await entityIdNamed(options, 'Robert Mugabe')).toBeUndefined();
    await view.getByRole('alert').filter({ hasText: 'This document is not in your knowledge base' }).waitFor();
    // The note stays, shown as orphaned.
    expect((await storedNotes(options)).map((note) => note.id)).toContain(noteId);
    const popup = await openExtensionPage(chromium.context, chromium.extensionId, 'popup.html');
    const note = popup.locator(`li.note[data-note-id="${noteId}"]`);
    await expect.poll(() => note.innerText()).toMatch(/An entity no longer in your documents\s*·\s*orphaned/);
    expect(await note.innerText()).toContain('Ask about the Blue House.');

    // Undo puts the document back, its names on the page and the note's entity with it.
    await options.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => documentRows(options)).toHaveLength(3);
    await expect.poll(async () => (await highlightedTexts(page)).person ?? [], { timeout: 10_000 }).toEqual(expect.arrayContaining(['Robert Mugabe', 'Fidelis Mukonori']));
    await expect.poll(() => note.innerText()).toMatch(/^Robert Mugabe/);
    await Promise.all([view.close(), popup.close(), options.close(), page.close()]);
  });
});

describe('documents in Firefox', () => {
  test('a card’s source, reached from the keyboard, opens the document view at the sentence', async ({ firefox, server }) => {
    const page = await firefox.browser.newPage();
    await page.goto(`${server.origin}/demo.html`);
    const view = await openFirstSourceFromKeyboard(firefox, page);
    // The tab's address is not shown to the test (listed as about:blank), but its own script may read it.
    await expect.poll(() => view.evaluate(() => location.pathname), { timeout: 10_000 }).toBe('/document.html');
    await expect.poll(() => view.evaluate(() => document.querySelector('mark.sentence')?.textContent ?? ''), { timeout: 10_000 }).not.toBe('');
    await Promise.all([view.close(), page.close()]);
  });
});
