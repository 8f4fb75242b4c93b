/**
 * The side panel, the reader's notes and the popup in real Chromium, on the demo page made
 * from the bundled corpus: the panel's pages are opened as tabs (`?tab=<id>` names the page
 * they describe), as docs/testing.md describes.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { foldAlias } from '@/core/normalize';
import { launchChromium, type ChromiumWithExtension } from '@/scripts/lib/browsers';
import { openExtensionPage, sendRequest, severePopoverViolations, severeViolations, storedNotes, tabIdOf, type StoredNoteRow } from './extension-pages';
import { bundledPack, test as base, highlightedTexts, hoverForPopover, settledHighlightCount, waitForHighlights, withPopoverRoot, type FixtureServer } from './harness';
import { newNoteId } from '@/core/notes';

const pack = await bundledPack();
const entityNamed = (alias: string) => pack.entities.find((entity) => entity.aliases.includes(alias))!;
const demoUrl = (server: FixtureServer) => `${server.origin}/demo.html`;

/** The demo page, highlighted, with the id of its tab. */
async function openDemo(chromium: ChromiumWithExtension, server: FixtureServer): Promise<{ page: Page; tabId: number }> {
  const page = await chromium.context.newPage();
  await page.goto(demoUrl(server));
  await waitForHighlights(page);
  const helper = await openExtensionPage(chromium.context, chromium.extensionId, 'popup.html');
  const tabId = await tabIdOf(helper, demoUrl(server));
  await helper.close();
  return { page, tabId };
}

/**
 * `demo`: the demo page, highlighted, with its tab's id; `panel`: the side panel describing it.
 * Both are closed after the test.
 */
const test = base.extend<{ demo: { page: Page; tabId: number }; panel: Page }>({
  demo: async ({ chromium, server }, use) => {
    const demo = await openDemo(chromium, server);
    await use(demo);
    await demo.page.close();
  },
  panel: async ({ chromium, demo }, use) => {
    const panel = await openExtensionPage(chromium.context, chromium.extensionId, `sidepanel.html?tab=${demo.tabId}`);
    await panel.setViewportSize({ width: 420, height: 900 });
    await use(panel);
    await panel.close();
  },
});

/** Selects `text` on the page the way a reader would drag over it. */
async function select(page: Page, text: string): Promise<void> {
  const found = await page.evaluate((wanted) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const at = node.data.indexOf(wanted);
      if (at === -1) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      return true;
    }
    return false;
  }, text);
  expect(found, `"${text}" on the page`).toBe(true);
}

const withoutOrphanFlag = ({ orphaned: _, ...note }: StoredNoteRow) => note;

const noteHighlights = (page: Page) => page.evaluate(() => [...((CSS.highlights.get('contesto-note') ?? []) as Iterable<Range>)].map((range) => range.toString()));

describe('the side panel', () => {
  test('lists the entities on the page by type, with as many occurrences as the page highlights', async ({ demo, panel }) => {
    const { page } = demo;
    await settledHighlightCount(page);
    const highlighted = await highlightedTexts(page);
    const gold: [string, string[]][] = [
      ['person', ['Kim Jong-un', 'Vladimir Putin', 'Andrey Rudenko', 'John Kirby']],
      ['organization', ['TASS', 'Cremlino', 'Nazioni Unite', 'Gruppo Wagner']],
      ['place', ['Mosca', 'Pyongyang', 'Corea del Nord', 'Russia', 'Ucraina', 'Zaporozhye', 'Kherson', 'Donetsk', 'Lugansk', 'Vladivostok', 'Stati Uniti']],
    ];
    for (const [type, names] of gold) {
      const typeHeading = panel.locator(`#group-${type}`);
      await expect.poll(() => typeHeading.count()).toBe(1);
      for (const name of names) {
        const entity = entityNamed(name);
        const aliases = new Set(entity.aliases.map(foldAlias));
        const expected = (highlighted[type] ?? []).filter((text) => aliases.has(foldAlias(text))).length;
        const row = panel.locator(`section:has(#group-${type}) li[data-entity-id="${entity.id}"]`);
        await expect.poll(() => row.locator('.entity-name').textContent(), { message: name }).toBe(entity.name);
        // The panel opened with the page and follows it as its highlights settle.
        await expect.poll(async () => Number.parseInt((await row.locator('.count').textContent())!, 10), { message: `occurrences of ${name}` }).toBe(expected);
        expect(expected, `${name} is on the demo page`).toBeGreaterThan(0);
      }
    }
  });

  test('scrolls the page to the next occurrence of an entity and flashes it', async ({ demo, panel }) => {
    const { page } = demo;
    const kirby = entityNamed('John Kirby');
    const flashed = () => page.evaluate(() => [...((CSS.highlights.get('contesto-flash') ?? []) as Iterable<Range>)].map((r) => r.toString()));
    await panel.locator(`li[data-entity-id="${kirby.id}"] .entity-name`).click();
    await expect.poll(flashed).toEqual(['John Kirby']);
    const visible = await page.evaluate(() => {
      const range = [...(CSS.highlights.get('contesto-flash') as unknown as Iterable<Range>)][0];
      const rect = range.getBoundingClientRect();
      return rect.top >= 0 && rect.bottom <= innerHeight;
    });
    expect(visible).toBe(true);
  });

  test('opens an entity with its events in date order, related entities, sources and notes', async ({ panel }) => {
    const korea = entityNamed('North Korea');
    await panel.locator(`li[data-entity-id="${korea.id}"] .details`).click();
    // Named in the reader's language (the browser's, English here), as the popover names it.
    await expect.poll(() => panel.locator('#entity-name').textContent()).toBe(korea.names?.en?.[0] ?? korea.name);
    const dates = await panel.locator('.entity-view .timeline time').evaluateAll((times) => times.map((time) => time.getAttribute('datetime')!));
    const expected = pack.events.filter((event) => event.entities.includes(korea.id)).map((event) => event.date);
    expect(dates).toEqual([...expected].sort());
    expect(dates).toContain('2022-07-13');
    expect(await panel.locator('.entity-view').textContent()).toContain('North Korea');
    expect(await panel.locator('#entity-related ~ ul li').count()).toBeGreaterThan(0);
  });

  test('searches the knowledge base: "corea" finds North Korea, "kirby" finds John Kirby', async ({ chromium }) => {
    const panel = await openExtensionPage(chromium.context, chromium.extensionId, 'sidepanel.html');
    await panel.getByRole('button', { name: /^(Search|Cerca)$/ }).click();
    const box = panel.getByRole('searchbox');
    for (const [query, alias] of [
      ['corea', 'North Korea'],
      ['kirby', 'John Kirby'],
    ]) {
      await box.fill(query);
      await expect.poll(() => panel.locator('.search .results .entity-name').allTextContents(), { message: query }).toContain(entityNamed(alias).name);
    }
    await panel.close();
  });

  test('shows the timeline of all events, filtered by entity and date range', async ({ chromium }) => {
    const panel = await openExtensionPage(chromium.context, chromium.extensionId, 'sidepanel.html');
    await panel.getByRole('button', { name: /^(Timeline|Cronologia)$/ }).click();
    const dates = () => panel.locator('.timeline-view .timeline time').evaluateAll((times) => times.map((time) => time.getAttribute('datetime')));
    await expect.poll(dates).toEqual(pack.events.map((event) => event.date).sort());
    await panel.getByLabel(/^(From|Dal)$/).fill('2022');
    await panel.getByLabel(/^(To|Al)$/).fill('2022-12');
    await expect.poll(dates).toEqual(['2022-07-13', '2022-09']);
    await panel.getByLabel(/^(Entity|Entità)$/).fill('North Korea');
    await expect.poll(dates).toEqual(
      pack.events
        .filter((e) => e.entities.includes(entityNamed('North Korea').id) && e.date.startsWith('2022'))
        .map((e) => e.date)
        .sort(),
    );
    await panel.close();
  });
});

describe('notes on a selection', () => {
  const quote = 'la Corea del Nord ha riconosciuto l’indipendenza delle Repubbliche popolari';
  const body = 'Da verificare **subito**: fonte TASS 🇰🇵\n\n- Lugansk\n- Donetsk';

  test('has the context menu item and the keyboard shortcut', async ({ chromium }) => {
    const worker = chromium.context.serviceWorkers()[0];
    expect(await worker.evaluate(() => chrome.contextMenus.update('contesto-add-note', {}).then(() => true))).toBe(true);
    expect(
      await worker.evaluate(() =>
        chrome.contextMenus.update('no-such-item', {}).then(
          () => true,
          () => false,
        ),
      ),
    ).toBe(false);
    const commands = await worker.evaluate(() => chrome.commands.getAll());
    expect(commands).toContainEqual(expect.objectContaining({ name: 'add-note', shortcut: 'Alt+Shift+M' }));
  });

  test('stores a note on the selection, shows it in the popup, and re-anchors and highlights it after a reload', async ({ chromium, server, demo, panel }) => {
    const { page, tabId } = demo;
    await select(page, quote);
    // What the context menu and Alt+Shift+M do, through the same handler.
    expect(await sendRequest(panel, 'notes/capture-selection', { tabId })).toEqual({ ok: true, value: { captured: true } });
    const draft = panel.locator('.draft');
    await expect.poll(() => draft.locator('blockquote').textContent()).toBe(quote);
    await draft.getByRole('textbox', { name: /^(Note|Nota)$/ }).fill(body);
    await draft.getByRole('textbox', { name: /^(Tags|Etichette)$/ }).fill('verifica, corea');
    await draft.getByRole('button', { name: /^(Save note|Salva nota)$/ }).click();
    await expect.poll(() => draft.count()).toBe(0);

    const [note] = await storedNotes(panel);
    expect(note).toMatchObject({ body, tags: ['verifica', 'corea'], target: { kind: 'selection', url: demoUrl(server), title: 'Contesto demo', quote: { type: 'TextQuoteSelector', exact: quote } } });
    const target = note.target as { quote: { prefix: string; suffix: string }; position: { start: number; end: number } };
    expect(target.quote.prefix).toMatch(/Il 13 luglio 2022 $/);
    expect(target.position.end - target.position.start).toBe(quote.length);
    await expect.poll(() => noteHighlights(page)).toEqual([quote]);

    const popup = await openExtensionPage(chromium.context, chromium.extensionId, `popup.html?tab=${tabId}`);
    const item = popup.locator(`li.note[data-note-id="${note.id}"]`);
    await expect.poll(() => item.locator('blockquote').textContent()).toBe(quote);
    // Labelled by the page's title, its address beside it.
    expect(await item.locator('.url a').textContent()).toBe('Contesto demo');
    expect(await item.locator('.url').textContent()).toContain(`Contesto demo · ${demoUrl(server)}`);
    expect(await item.locator('.markdown strong').textContent()).toBe('subito');
    expect(await item.locator('.markdown li').allTextContents()).toEqual(['Lugansk', 'Donetsk']);

    await page.reload();
    await waitForHighlights(page);
    await expect.poll(() => noteHighlights(page)).toEqual([quote]);
    await popup.close();
  });

  test('keeps the note when the extension is loaded again (browser restarted on the same profile), and anchors it again', async ({ chromium, profile, server }) => {
    const before = await storedNotes(await openExtensionPage(chromium.context, chromium.extensionId, 'popup.html'));
    expect(before).toHaveLength(1);
    // chrome.runtime.reload() leaves an extension loaded with --load-extension disabled in headless Chromium,
    // so the extension is reloaded the other way: a new browser on the same profile loads it from disk again.
    await chromium.close();
    Object.assign(chromium, await launchChromium({ profile }));
    const popup = await openExtensionPage(chromium.context, chromium.extensionId, 'popup.html');
    expect(await storedNotes(popup)).toEqual(before);
    const { page } = await openDemo(chromium, server);
    await expect.poll(() => noteHighlights(page)).toEqual([quote]);
    await Promise.all([popup.close(), page.close()]);
  });

  test('marks a note whose text left the page as orphaned, and keeps it', async ({ chromium, server }) => {
    const helper = await openExtensionPage(chromium.context, chromium.extensionId, 'popup.html');
    const gone = {
      kind: 'selection',
      url: demoUrl(server),
      quote: { type: 'TextQuoteSelector', exact: 'a sentence this page never had', prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start: 10, end: 40 },
    };
    const added = await sendRequest(helper, 'notes/add', { id: newNoteId(), target: gone, body: 'orphan' });
    const id = (added.value as { id: string }).id;
    // Opened after the note exists: anchoring happens as the page loads.
    const { page, tabId } = await openDemo(chromium, server);
    await expect.poll(async () => (await storedNotes(helper)).find((n) => n.id === id)?.orphaned).toBe(true);
    const popup = await openExtensionPage(chromium.context, chromium.extensionId, `popup.html?tab=${tabId}`);
    await expect.poll(() => popup.locator(`li.note[data-note-id="${id}"] .orphaned`).count()).toBe(1);
    await sendRequest(helper, 'notes/delete', { id });
    await Promise.all([helper.close(), popup.close(), page.close()]);
  });
});

describe('the popup', () => {
  test('edits a note, deletes it and brings it back with undo', async ({ chromium }) => {
    const popup = await openExtensionPage(chromium.context, chromium.extensionId, 'popup.html');
    const [before] = await storedNotes(popup);
    const item = popup.locator(`li.note[data-note-id="${before.id}"]`);
    await item.getByRole('button', { name: /^(Edit|Modifica)$/ }).click();
    await item.getByRole('textbox', { name: /^(Note|Nota)$/ }).fill('Rivisto: *confermato* ✅');
    await item.getByRole('button', { name: /^(Save note|Salva nota)$/ }).click();
    await expect.poll(async () => (await storedNotes(popup))[0].body).toBe('Rivisto: *confermato* ✅');
    const edited = (await storedNotes(popup))[0];
    expect(edited.updated > before.updated).toBe(true);
    expect(edited.created).toBe(before.created);
    expect(await item.locator('.markdown em').textContent()).toBe('confermato');

    await item.getByRole('button', { name: /^(Delete|Elimina)$/ }).click();
    await expect.poll(() => storedNotes(popup)).toEqual([]);
    await popup.getByRole('button', { name: /^(Undo|Annulla)$/ }).click();
    // Back exactly as the reader wrote it; whether it is orphaned is found again on its page's next visit.
    await expect.poll(async () => (await storedNotes(popup)).map(withoutOrphanFlag)).toEqual([withoutOrphanFlag(edited)]);
    await popup.close();
  });

  test('finds notes by text and tag, and filters them by tag', async ({ chromium }) => {
    const popup = await openExtensionPage(chromium.context, chromium.extensionId, 'popup.html');
    await sendRequest(popup, 'notes/add', { id: newNoteId(), target: { kind: 'entity', entityId: entityNamed('John Kirby').id }, body: 'Portavoce', tags: ['usa'] });
    const shown = () => popup.locator('li.note').count();
    await expect.poll(shown).toBe(2);
    await popup.getByRole('searchbox').fill('#verif');
    await expect.poll(shown).toBe(1);
    await popup.getByRole('searchbox').fill('portavoce');
    await expect.poll(() => popup.locator('li.note .subject').allTextContents()).toEqual(['John Kirby']);
    await popup.getByRole('searchbox').fill('');
    await popup.getByLabel(/^(Tag|Etichetta)$/).selectOption('usa');
    await expect.poll(shown).toBe(1);
    await popup.close();
  });

  test('exports every note as JSON-LD that a fresh profile imports exactly, and refuses a malformed file', async ({ chromium }) => {
    const popup = await openExtensionPage(chromium.context, chromium.extensionId, 'popup.html');
    const notes = await storedNotes(popup);
    expect(notes.length).toBe(2);
    const [download] = await Promise.all([popup.waitForEvent('download'), popup.getByRole('button', { name: /^(Export|Esporta) \(Web Annotation JSON-LD\)$/ }).click()]);
    const exported = await readFile((await download.path())!, 'utf8');
    expect(JSON.parse(exported)).toMatchObject({ type: 'AnnotationCollection', total: 2 });
    const [markdown] = await Promise.all([popup.waitForEvent('download'), popup.getByRole('button', { name: /^(Export|Esporta) \(Markdown\)$/ }).click()]);
    expect(await readFile((await markdown.path())!, 'utf8')).toContain('Rivisto: *confermato* ✅');
    await popup.close();

    const fresh = await launchChromium();
    try {
      const freshPopup = await openExtensionPage(fresh.context, fresh.extensionId, 'popup.html');
      const files = await mkdtemp(join(tmpdir(), 'contesto-export-'));
      const file = join(files, 'notes.jsonld');
      const broken = join(files, 'broken.jsonld');
      await writeFile(file, exported);
      await writeFile(broken, exported.replace('"TextQuoteSelector"', '"TextQuote"'));
      const importInput = freshPopup.getByLabel(/^(Import notes|Importa note)/);

      await importInput.setInputFiles(broken);
      await expect.poll(() => freshPopup.getByRole('alert').textContent()).toMatch(/Annotation \d: target/);
      expect(await storedNotes(freshPopup)).toEqual([]);

      await importInput.setInputFiles(file);
      await expect.poll(() => freshPopup.getByRole('status').last().textContent()).toMatch(/2 (added|aggiunte)/);
      const imported = await storedNotes(freshPopup);
      expect(imported.map(withoutOrphanFlag)).toEqual(notes.map(withoutOrphanFlag));
      await rm(files, { recursive: true, force: true });
    } finally {
      await fresh.close();
    }
  });
});

describe('a note written in the popover', () => {
  test('keeps the tags typed in its editor, shown in the popup and in the side panel', async ({ chromium, demo, panel }) => {
    const { page } = demo;
    const kirby = entityNamed('John Kirby');
    await page.bringToFront();
    await hoverForPopover(page, 'John Kirby');
    // The popover is in a closed shadow root: the test clicks and focuses through the protocol, and types as a reader would.
    const inPopover = (statement: string) => withPopoverRoot(page, `function () { ${statement}; }`);
    await inPopover(`[...this.querySelectorAll('.actions button')].find((button) => /^(Add note|Aggiungi nota)$/.test(button.textContent)).click()`);
    await inPopover(`this.querySelector('.note-editor textarea').focus()`);
    await page.keyboard.type('Portavoce del Consiglio');
    await inPopover(`this.querySelector('.note-editor input').focus()`);
    await page.keyboard.type('usa, portavoce');
    await inPopover(`this.querySelector('.note-editor button[type="submit"]').click()`);
    const written = async () => (await storedNotes(panel)).find((stored) => stored.body === 'Portavoce del Consiglio');
    await expect.poll(written).toBeDefined();
    // The popover stays open and says so.
    await expect.poll(() => withPopoverRoot(page, `function () { return this.querySelector('.status')?.textContent; }`)).toMatch(/^(Note saved\.|Nota salvata\.)$/);
    const note = (await written())!;
    expect(note).toMatchObject({ target: { kind: 'entity', entityId: kirby.id }, tags: ['usa', 'portavoce'] });
    const popup = await openExtensionPage(chromium.context, chromium.extensionId, 'popup.html');
    await expect.poll(() => popup.locator(`li.note[data-note-id="${note.id}"] .tags li`).allTextContents()).toEqual(['#usa', '#portavoce']);
    await panel.locator(`li[data-entity-id="${kirby.id}"] .details`).click();
    await expect.poll(() => panel.locator(`.entity-view li.note[data-note-id="${note.id}"] .tags li`).allTextContents()).toEqual(['#usa', '#portavoce']);

    await sendRequest(popup, 'notes/delete', { id: note.id });
    await popup.close();
  });
});

describe('a note with nested emphasis', () => {
  // Such a note once hung the Markdown renderer, and with it the popup and the side panel.
  test('renders in the popup and in the side panel', async ({ chromium, panel }) => {
    const korea = entityNamed('North Korea');
    const popup = await openExtensionPage(chromium.context, chromium.extensionId, 'popup.html');
    const added = (await sendRequest(popup, 'notes/add', { id: newNoteId(), target: { kind: 'entity', entityId: korea.id }, body: '**a *b* c** e ***x***' })) as { ok: boolean; value: { id: string } };
    expect(added.ok).toBe(true);
    await popup.reload();
    const item = popup.locator(`li.note[data-note-id="${added.value.id}"]`);
    await expect.poll(() => item.locator('.markdown strong em').textContent()).toBe('b');
    expect(await item.locator('.markdown').textContent()).toBe('a b c e *x*');

    await panel.locator(`li[data-entity-id="${korea.id}"] .details`).click();
    await expect.poll(() => panel.locator('.entity-view .notes .markdown strong em').textContent()).toBe('b');

    await sendRequest(popup, 'notes/delete', { id: added.value.id });
    await popup.close();
  });
});

describe('accessibility (axe-core)', () => {
  test('finds no serious or critical violations in the popup and the side panel (light and dark) or the popover', async ({ chromium, server, demo, panel }) => {
    const { page, tabId } = demo;
    const popup = await openExtensionPage(chromium.context, chromium.extensionId, `popup.html?tab=${tabId}`);
    await sendRequest(popup, 'notes/add', { id: newNoteId(), target: { kind: 'page', url: demoUrl(server) }, body: 'A page note with a [link](https://example.org/)', tags: ['a11y'] });
    await popup.locator('li.note').first().waitFor();
    await panel.locator('.entity-rows li').first().waitFor();
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const extensionPage of [popup, panel]) {
        await extensionPage.emulateMedia({ colorScheme });
        expect(await severeViolations(extensionPage), `${extensionPage.url()} in ${colorScheme}`).toEqual([]);
      }
    }
    await panel.locator('.entity-rows .details').first().click();
    await panel.locator('.entity-view').waitFor();
    expect(await severeViolations(panel)).toEqual([]);
    await panel.getByRole('button', { name: /^(Timeline|Cronologia)$/ }).click();
    await panel.locator('.timeline-view').waitFor();
    expect(await severeViolations(panel)).toEqual([]);

    await hoverForPopover(page, 'Andrey Rudenko');
    expect(await severePopoverViolations(page)).toEqual([]);
    await popup.close();
  });
});
