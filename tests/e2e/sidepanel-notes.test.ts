/**
 * The side panel, the reader's notes and the popup in real Chromium, on the demo page made
 * from the bundled corpus: the panel's pages are opened as tabs (`?tab=<id>` names the page
 * they describe), as the recipe in docs/browser-testing.md allows.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldAlias } from '@/core/normalize';
import type { Pack } from '@/core/pack';
import { launchChromium, type ChromiumWithExtension } from '@/scripts/lib/browsers';
import { openExtensionPage, sendRequest, severePopoverViolations, severeViolations, storedNotes, tabIdOf, type StoredNoteRow } from './extension-pages';
import { bundledPack, fixtureServer, highlightCentre, highlightedTexts, popoverText, waitForHighlights } from './harness';

let chromium: ChromiumWithExtension;
let profile: string;
let server: Awaited<ReturnType<typeof fixtureServer>>;
let pack: Pack;
let demoUrl: string;

beforeAll(async () => {
  [server, pack, profile] = await Promise.all([fixtureServer(), bundledPack(), mkdtemp(join(tmpdir(), 'contesto-notes-'))]);
  demoUrl = `${server.origin}/demo.html`;
  chromium = await launchChromium({ profile });
});
afterAll(async () => {
  await chromium?.close();
  await server?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

const entityNamed = (alias: string) => pack.entities.find((entity) => entity.aliases.includes(alias))!;

/** The demo page, highlighted, with the id of its tab. */
async function openDemo(): Promise<{ page: Page; tabId: number }> {
  const page = await chromium.context.newPage();
  await page.goto(demoUrl);
  await waitForHighlights(page);
  const helper = await openExtensionPage(chromium.context, chromium.extensionId, 'popup.html');
  const tabId = await tabIdOf(helper, demoUrl);
  await helper.close();
  return { page, tabId };
}

async function openSidePanel(tabId: number): Promise<Page> {
  const panel = await openExtensionPage(chromium.context, chromium.extensionId, `sidepanel.html?tab=${tabId}`);
  await panel.setViewportSize({ width: 420, height: 900 });
  return panel;
}

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
  it('lists the entities on the page by type, with as many occurrences as the page highlights', async () => {
    const { page, tabId } = await openDemo();
    await page.waitForTimeout(500);
    const panel = await openSidePanel(tabId);
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
        expect(Number.parseInt((await row.locator('.count').textContent())!, 10), `occurrences of ${name}`).toBe(expected);
        expect(expected, `${name} is on the demo page`).toBeGreaterThan(0);
      }
    }
    await panel.close();
    await page.close();
  });

  it('scrolls the page to the next occurrence of an entity and flashes it', async () => {
    const { page, tabId } = await openDemo();
    const panel = await openSidePanel(tabId);
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
    await panel.close();
    await page.close();
  });

  it('opens an entity with its events in date order, related entities, sources and notes', async () => {
    const { page, tabId } = await openDemo();
    const panel = await openSidePanel(tabId);
    const korea = entityNamed('North Korea');
    await panel.locator(`li[data-entity-id="${korea.id}"] .details`).click();
    await expect.poll(() => panel.locator('#entity-name').textContent()).toBe(korea.name);
    const dates = await panel.locator('.entity-view .timeline time').evaluateAll((times) => times.map((time) => time.getAttribute('datetime')!));
    const expected = pack.events.filter((event) => event.entities.includes(korea.id)).map((event) => event.date);
    expect(dates).toEqual([...expected].sort());
    expect(dates).toContain('2022-07-13');
    expect(await panel.locator('.entity-view').textContent()).toContain('North Korea');
    expect(await panel.locator('#entity-related ~ ul li').count()).toBeGreaterThan(0);
    await panel.close();
    await page.close();
  });

  it('searches the knowledge base: "corea" finds North Korea, "kirby" finds John Kirby', async () => {
    const panel = await openExtensionPage(chromium.context, chromium.extensionId, 'sidepanel.html');
    await panel.getByRole('button', { name: /^(Search|Cerca)$/ }).click();
    const box = panel.getByRole('searchbox');
    for (const [query, alias] of [['corea', 'North Korea'], ['kirby', 'John Kirby']]) {
      await box.fill(query);
      await expect.poll(() => panel.locator('.search .results .entity-name').allTextContents(), { message: query }).toContain(entityNamed(alias).name);
    }
    await panel.close();
  });

  it('shows the timeline of all events, filtered by entity and date range', async () => {
    const panel = await openExtensionPage(chromium.context, chromium.extensionId, 'sidepanel.html');
    await panel.getByRole('button', { name: /^(Timeline|Cronologia)$/ }).click();
    const dates = () => panel.locator('.timeline-view .timeline time').evaluateAll((times) => times.map((time) => time.getAttribute('datetime')));
    await expect.poll(dates).toEqual(pack.events.map((event) => event.date).sort());
    await panel.getByLabel(/^(From|Dal)$/).fill('2022');
    await panel.getByLabel(/^(To|Al)$/).fill('2022-12');
    await expect.poll(dates).toEqual(['2022-07-13', '2022-09']);
    await panel.getByLabel(/^(Entity|Entità)$/).fill('North Korea');
    await expect.poll(dates).toEqual(pack.events.filter((e) => e.entities.includes(entityNamed('North Korea').id) && e.date.startsWith('2022')).map((e) => e.date).sort());
    await panel.close();
  });
});

describe('notes on a selection', () => {
  const quote = 'la Corea del Nord ha riconosciuto l’indipendenza delle Repubbliche popolari';
  const body = 'Da verificare **subito**: fonte TASS 🇰🇵\n\n- Lugansk\n- Donetsk';

  it('has the context menu item and the keyboard shortcut', async () => {
    const worker = chromium.context.serviceWorkers()[0];
    expect(await worker.evaluate(() => chrome.contextMenus.update('contesto-add-note', {}).then(() => true))).toBe(true);
    expect(await worker.evaluate(() => chrome.contextMenus.update('no-such-item', {}).then(() => true, () => false))).toBe(false);
    const commands = await worker.evaluate(() => chrome.commands.getAll());
    expect(commands).toContainEqual(expect.objectContaining({ name: 'add-note', shortcut: 'Alt+Shift+M' }));
  });

  it('stores a note on the selection, shows it in the popup, and re-anchors and highlights it after a reload', async () => {
    const { page, tabId } = await openDemo();
    await select(page, quote);
    const panel = await openSidePanel(tabId);
    // What the context menu and Alt+Shift+M do, through the same handler.
    expect(await sendRequest(panel, 'notes/capture-selection', { tabId })).toEqual({ ok: true, value: { captured: true } });
    const draft = panel.locator('.draft');
    await expect.poll(() => draft.locator('blockquote').textContent()).toBe(quote);
    await draft.getByRole('textbox', { name: /^(Note|Nota)$/ }).fill(body);
    await draft.getByRole('textbox', { name: /^(Tags|Etichette)$/ }).fill('verifica, corea');
    await draft.getByRole('button', { name: /^(Save note|Salva nota)$/ }).click();
    await expect.poll(() => draft.count()).toBe(0);

    const [note] = await storedNotes(panel);
    expect(note).toMatchObject({ body, tags: ['verifica', 'corea'], target: { kind: 'selection', url: demoUrl, quote: { type: 'TextQuoteSelector', exact: quote } } });
    const target = note.target as { quote: { prefix: string; suffix: string }; position: { start: number; end: number } };
    expect(target.quote.prefix).toMatch(/Il 13 luglio 2022 $/);
    expect(target.position.end - target.position.start).toBe(quote.length);
    await expect.poll(() => noteHighlights(page)).toEqual([quote]);

    const popup = await openExtensionPage(chromium.context, chromium.extensionId, `popup.html?tab=${tabId}`);
    const item = popup.locator(`li.note[data-note-id="${note.id}"]`);
    await expect.poll(() => item.locator('blockquote').textContent()).toBe(quote);
    expect(await item.locator('.markdown strong').textContent()).toBe('subito');
    expect(await item.locator('.markdown li').allTextContents()).toEqual(['Lugansk', 'Donetsk']);

    await page.reload();
    await waitForHighlights(page);
    await expect.poll(() => noteHighlights(page)).toEqual([quote]);
    await Promise.all([panel.close(), popup.close(), page.close()]);
  });

  it('keeps the note when the extension is loaded again (browser restarted on the same profile), and anchors it again', async () => {
    const before = await storedNotes(await openExtensionPage(chromium.context, chromium.extensionId, 'popup.html'));
    expect(before).toHaveLength(1);
    // chrome.runtime.reload() leaves an extension loaded with --load-extension disabled in headless Chromium,
    // so the extension is reloaded the other way: a new browser on the same profile loads it from disk again.
    await chromium.close();
    chromium = await launchChromium({ profile });
    const popup = await openExtensionPage(chromium.context, chromium.extensionId, 'popup.html');
    expect(await storedNotes(popup)).toEqual(before);
    const { page } = await openDemo();
    await expect.poll(() => noteHighlights(page)).toEqual([quote]);
    await Promise.all([popup.close(), page.close()]);
  });

  it('marks a note whose text left the page as orphaned, and keeps it', async () => {
    const helper = await openExtensionPage(chromium.context, chromium.extensionId, 'popup.html');
    const gone = { kind: 'selection', url: demoUrl, quote: { type: 'TextQuoteSelector', exact: 'a sentence this page never had', prefix: '', suffix: '' }, position: { type: 'TextPositionSelector', start: 10, end: 40 } };
    const added = await sendRequest(helper, 'notes/add', { target: gone, body: 'orphan' });
    const id = (added.value as { id: string }).id;
    const { page, tabId } = await openDemo();
    await expect.poll(async () => (await storedNotes(helper)).find((n) => n.id === id)?.orphaned).toBe(true);
    const popup = await openExtensionPage(chromium.context, chromium.extensionId, `popup.html?tab=${tabId}`);
    await expect.poll(() => popup.locator(`li.note[data-note-id="${id}"] .orphaned`).count()).toBe(1);
    await sendRequest(helper, 'notes/delete', { id });
    await Promise.all([helper.close(), popup.close(), page.close()]);
  });
});

describe('the popup', () => {
  it('edits a note, deletes it and brings it back with undo', async () => {
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

  it('finds notes by text and tag, and filters them by tag', async () => {
    const popup = await openExtensionPage(chromium.context, chromium.extensionId, 'popup.html');
    await sendRequest(popup, 'notes/add', { target: { kind: 'entity', entityId: entityNamed('John Kirby').id }, body: 'Portavoce', tags: ['usa'] });
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

  it('exports every note as JSON-LD that a fresh profile imports exactly, and refuses a malformed file', async () => {
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

describe('a note with nested emphasis', () => {
  // Such a note once hung the Markdown renderer, and with it the popup and the side panel.
  it('renders in the popup and in the side panel', async () => {
    const { page, tabId } = await openDemo();
    const korea = entityNamed('North Korea');
    const popup = await openExtensionPage(chromium.context, chromium.extensionId, 'popup.html');
    const added = (await sendRequest(popup, 'notes/add', { target: { kind: 'entity', entityId: korea.id }, body: '**a *b* c** e ***x***' })) as { ok: boolean; value: { id: string } };
    expect(added.ok).toBe(true);
    await popup.reload();
    const item = popup.locator(`li.note[data-note-id="${added.value.id}"]`);
    await expect.poll(() => item.locator('.markdown strong em').textContent()).toBe('b');
    expect(await item.locator('.markdown').textContent()).toBe('a b c e *x*');

    const panel = await openSidePanel(tabId);
    await panel.locator(`li[data-entity-id="${korea.id}"] .details`).click();
    await expect.poll(() => panel.locator('.entity-view .notes .markdown strong em').textContent()).toBe('b');

    await sendRequest(popup, 'notes/delete', { id: added.value.id });
    await Promise.all([panel.close(), popup.close(), page.close()]);
  });
});

describe('accessibility (axe-core)', () => {
  it('finds no serious or critical violations in the popup and the side panel (light and dark) or the popover', async () => {
    const { page, tabId } = await openDemo();
    const popup = await openExtensionPage(chromium.context, chromium.extensionId, `popup.html?tab=${tabId}`);
    await sendRequest(popup, 'notes/add', { target: { kind: 'page', url: demoUrl }, body: 'A page note with a [link](https://example.org/)', tags: ['a11y'] });
    await popup.locator('li.note').first().waitFor();
    const panel = await openSidePanel(tabId);
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

    const point = await highlightCentre(page, 'Andrey Rudenko');
    await page.mouse.move(point.x, point.y);
    await expect.poll(() => popoverText(page), { timeout: 5_000 }).toContain('Andrey Rudenko');
    expect(await severePopoverViolations(page)).toEqual([]);
    await Promise.all([popup.close(), panel.close(), page.close()]);
  });
});
