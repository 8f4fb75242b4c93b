/**
 * The reading experience in real Chromium: names in the page's language, a card that never covers
 * the line being read, the keyboard from the middle of a page to a saved note, names in headlines.
 */
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { openExtensionPage, sendRequest, storedNotes } from './extension-pages';
import { bundledPack, hoverForPopover, popoverText, test as base, waitForHighlights, withPopoverRoot } from './harness';

/** `open(path)`: a fixture page in Chromium, once Contesto has highlighted it. */
const test = base.extend<{ open(path: string): Promise<Page> }>({
  open: async ({ chromium, server }, use) => {
    await use(async (path) => {
      const page = await chromium.context.newPage();
      await page.goto(server.origin + path);
      await waitForHighlights(page);
      return page;
    });
  },
});

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** The card's title, its other names, and the rectangles of the card and its buttons. */
function readCard(page: Page) {
  return withPopoverRoot<{ title: string; aliases: string[]; card: Box; buttons: Box[]; focused: string | null }>(
    page,
    `function () {
      const box = this.querySelector('.popover');
      const plain = (rect) => ({ top: rect.top, bottom: rect.bottom, left: rect.left, right: rect.right });
      const aliases = box.querySelector('.aliases');
      return {
        title: box.querySelector('h2')?.textContent ?? '',
        aliases: aliases ? aliases.lastChild.textContent.split(' · ').map((name) => name.trim()) : [],
        card: plain(box.getBoundingClientRect()),
        buttons: [...box.querySelectorAll('.actions button')].map((button) => plain(button.getBoundingClientRect())),
        focused: this.activeElement ? this.activeElement.tagName + ':' + this.activeElement.textContent : null,
      };
    }`,
  ) as Promise<{ title: string; aliases: string[]; card: Box; buttons: Box[]; focused: string | null }>;
}

/** The rectangle of the first highlight reading `text` (every line of it). */
function highlightBox(page: Page, text: string): Promise<Box> {
  return page.evaluate((wanted) => {
    for (const [name, highlight] of CSS.highlights) {
      if (!name.startsWith('contesto-')) continue;
      for (const range of highlight as unknown as Iterable<Range>) {
        if (range.toString() !== wanted) continue;
        const { top, bottom, left, right } = range.getBoundingClientRect();
        return { top, bottom, left, right };
      }
    }
    throw new Error(`No highlight reads "${wanted}"`);
  }, text);
}

describe('names in the reader’s language', () => {
  test('an English page shows the English name of an entity of the Italian corpus, and no other name outside English and Italian', async ({ open }) => {
    const page = await open('/reading.html');
    await hoverForPopover(page, 'U.S.', 'United States');
    const card = await readCard(page);
    expect(card.title).toBe('United States');
    const entity = (await bundledPack()).entities.find((candidate) => candidate.aliases.includes('U.S.'))!;
    expect(entity.name).toBe('Stati Uniti');
    const allowed = new Set([...(entity.names?.en ?? []), ...(entity.names?.it ?? [])]);
    expect(card.aliases.length).toBeGreaterThan(0);
    expect(card.aliases.filter((name) => !allowed.has(name))).toEqual([]);
    // The Welsh name is still an alias that lights up pages; it is just not listed.
    expect(entity.aliases).toEqual(expect.arrayContaining(entity.names?.cy ?? ['(no Welsh name)']));
    await page.close();
  });
});

describe('a card that keeps out of the way', () => {
  test('never covers the hovered line, above or below it, and keeps its buttons in the viewport', async ({ open }) => {
    const page = await open('/reading.html');
    const height = await page.evaluate(() => innerHeight);
    // The same name near the top of the viewport (card below) and near its bottom (card above).
    for (const [index, at] of [
      [3, 0.15],
      [20, 0.85],
    ] as const) {
      const point = await page.evaluate(
        ([paragraph, fraction]) => {
          const element = document.querySelectorAll('article > p')[paragraph]!;
          scrollBy(0, element.getBoundingClientRect().top - innerHeight * fraction);
          const text = element.firstChild!;
          const range = document.createRange();
          const start = text.textContent!.indexOf('U.S.');
          range.setStart(text, start);
          range.setEnd(text, start + 4);
          const rect = range.getBoundingClientRect();
          return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
        },
        [index, at] as const,
      );
      await page.mouse.move(point.x, point.y);
      await expect.poll(() => popoverText(page), { timeout: 5_000 }).toContain('United States');
      const line = await page.evaluate(({ x, y }) => {
        const range = document.caretPositionFromPoint(x, y)!;
        const r = document.createRange();
        r.setStart(range.offsetNode, range.offset);
        const { top, bottom } = r.getBoundingClientRect();
        return { top, bottom };
      }, point);
      const { card, buttons } = await readCard(page);
      expect(card.bottom <= line.top || card.top >= line.bottom, `card ${JSON.stringify(card)} over line ${JSON.stringify(line)}`).toBe(true);
      expect(buttons.length).toBeGreaterThan(0);
      for (const button of buttons) expect(button.top >= card.top && button.bottom <= card.bottom && button.top >= 0 && button.bottom <= height).toBe(true);
      await page.mouse.move(5, 5);
      await page.keyboard.press('Escape');
      await expect.poll(() => popoverText(page)).toBeNull();
    }
    await page.close();
  });

  test('a name in a headline, under a link stretched over its teaser, or in a caption opens a card', async ({ open }) => {
    const page = await open('/reading.html');
    for (const [name, shown] of [
      ['Pyongyang', 'Pyongyang'],
      ['Kremlin', 'Kremlin'],
      ['Vladimir Putin', 'Vladimir Putin'],
    ] as const) {
      await hoverForPopover(page, name, shown);
      await page.mouse.move(5, 5);
      await expect.poll(() => popoverText(page), { timeout: 5_000 }).toBeNull();
    }
    // At a name's very last letter too.
    const box = await highlightBox(page, 'Pyongyang');
    await page.mouse.move(box.right - 1, (box.top + box.bottom) / 2);
    await expect.poll(() => popoverText(page), { timeout: 5_000 }).toContain('Pyongyang');
    await page.close();
  });
});

describe('the keyboard alone', () => {
  test('Alt+Shift+J from mid-page, Tab to Add note, Enter, type, save: the note is stored with that text', async ({ open, chromium }) => {
    const page = await open('/reading.html');
    await page.evaluate(() => document.querySelectorAll('article > p')[18]!.scrollIntoView({ block: 'start' }));
    const scrolled = await page.evaluate(() => scrollY);
    await page.keyboard.press('Alt+Shift+KeyJ');
    await expect.poll(() => popoverText(page), { timeout: 5_000 }).not.toBeNull();
    // It started from what is in view, not from the headline at the top.
    expect(await page.evaluate(() => scrollY)).toBeGreaterThan(scrolled - 600);
    for (let tab = 0; tab < 10 && !(await readCard(page)).focused?.match(/^BUTTON:(Add note|Aggiungi nota)$/); tab++) await page.keyboard.press('Tab');
    expect((await readCard(page)).focused).toMatch(/^BUTTON:(Add note|Aggiungi nota)$/);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await readCard(page)).focused).toMatch(/^TEXTAREA/);
    const before = await page.evaluate(() => scrollY);
    const text = `Typed without a mouse ${Date.now()}`;
    await page.keyboard.type(text);
    expect(await page.evaluate(() => scrollY)).toBe(before);
    await page.keyboard.press('Tab'); // tags
    await page.keyboard.press('Tab'); // save
    await page.keyboard.press('Enter');
    const extension = await openExtensionPage(chromium.context, chromium.extensionId, 'popup.html');
    await expect.poll(async () => (await storedNotes(extension)).filter((note) => note.body === text).length, { timeout: 5_000 }).toBe(1);
    const note = (await storedNotes(extension)).find((stored) => stored.body === text)!;
    expect(note.target).toMatchObject({ kind: 'entity' });
    expect((await sendRequest(extension, 'notes/delete', { id: note.id })).ok).toBe(true);
    expect((await storedNotes(extension)).some((stored) => stored.body === text)).toBe(false);
    // Esc closes the card and the focus leaves it.
    await page.keyboard.press('Escape');
    await expect.poll(() => popoverText(page)).toBeNull();
    await extension.close();
    await page.close();
  });
});
