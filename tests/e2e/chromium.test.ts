/**
 * Contesto in real Chromium: the built extension (.output/chrome-mv3) on pages served from
 * 127.0.0.1, driven as a reader would, with the mouse and the keyboard.
 */
import type { ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumWithExtension } from '@/scripts/lib/browsers';
import { openExtensionPage, packageOrigins, sendRequest, tabIdOf } from './extension-pages';
import { PAGE_CONTEXT, validRequests } from '../helpers/requests';
import {
  fixtureServer,
  highlightCentre,
  highlightedTexts,
  hoverForPopover,
  inContentScript,
  popoverText,
  readHighlights,
  settledHighlightCount,
  tally,
  untilScanned,
  waitForHighlights,
  withPopoverRoot,
} from './harness';

let chromium: ChromiumWithExtension;
/** The same browser without Contesto: the oracle for "the page is unchanged". */
let plain: ChromiumWithExtension;
let server: Awaited<ReturnType<typeof fixtureServer>>;
const errors: string[] = [];

beforeAll(async () => {
  server = await fixtureServer();
  [chromium, plain] = await Promise.all([launchChromium(), launchChromium({ extension: null })]);
  for (const worker of chromium.context.serviceWorkers()) {
    worker.on('console', (message) => {
      if (message.type() === 'error') errors.push(`background: ${message.text()}`);
    });
  }
});
afterAll(async () => {
  await chromium?.close();
  await plain?.close();
  await server?.close();
});

async function open(path: string): Promise<Page> {
  const page = await chromium.context.newPage();
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') errors.push(`${path}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`${path}: ${error.message}`));
  await page.goto(server.origin + path);
  return page;
}

async function textWithoutContesto(path: string, offline = false): Promise<string> {
  const page = await plain.context.newPage();
  if (offline)
    await page.route(
      (url) => url.hostname !== '127.0.0.1',
      (route) => route.abort(),
    );
  await page.goto(server.origin + path);
  const text = await page.evaluate(() => document.body.innerText);
  await page.close();
  return text;
}

/** Occurrences of a name in text, as a reader would count them (whole words, exact case). */
function occurrences(text: string, name: string): number {
  return text.match(new RegExp(`(?<![\\p{L}\\p{N}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu'))?.length ?? 0;
}

describe('the demo page made from the bundled corpus', () => {
  const gold: Record<string, string[]> = {
    person: ['Kim Jong-un', 'Vladimir Putin', 'Andrey Rudenko', 'John Kirby'],
    organization: ['TASS', 'Cremlino', 'Nazioni Unite', 'Gruppo Wagner'],
    place: ['Mosca', 'Pyongyang', 'Corea del Nord', 'Russia', 'Federazione Russa', 'Ucraina', 'Zaporozhye', 'Kherson', 'Donetsk', 'Lugansk', 'Vladivostok', 'Stati Uniti', 'USA'],
  };

  it('highlights every occurrence of every gold entity, under its type', async () => {
    const page = await open('/demo.html');
    await settledHighlightCount(page);
    const text = await page.evaluate(() => document.body.innerText);
    const highlighted = await highlightedTexts(page);
    for (const [type, names] of Object.entries(gold)) {
      const counts = tally(highlighted[type] ?? []);
      for (const name of names) expect(counts.get(name) ?? 0, `${type} "${name}"`).toBe(occurrences(text, name));
    }
    await page.close();
  });

  it('hovering a highlight opens the popover with the description and the events; Esc closes it', async () => {
    const page = await open('/demo.html');
    await waitForHighlights(page);
    await hoverForPopover(page, 'Andrey Rudenko');
    const shown = (await popoverText(page))!;
    expect(shown).toContain('viceministro degli Esteri russo');
    expect(shown).toMatch(/2023/);

    await hoverForPopover(page, 'Corea del Nord', 'North Korea');
    const events = (await popoverText(page))!;
    expect(events).toMatch(/13 Jul 2022|Jul 13, 2022/);
    await page.keyboard.press('Escape');
    await expect.poll(() => popoverText(page)).toBeNull();
    await page.close();
  });

  it('a card opens with its content, asked for while the hover delay ran: no frame shows it loading', async () => {
    const page = await open('/demo.html');
    await waitForHighlights(page);
    // Every frame, in the content script's world: the card's label while it is shown.
    await inContentScript(
      page,
      chromium.extensionId,
      `(() => {
        const labels = (globalThis.cardLabelsByFrame = []);
        const record = () => {
          const host = document.querySelector('contesto-popover');
          const box = host && chrome.dom.openOrClosedShadowRoot(host)?.querySelector('.popover');
          if (box && !box.hidden) labels.push(box.getAttribute('aria-label'));
          if (labels.length < 20) requestAnimationFrame(record);
        };
        requestAnimationFrame(record);
      })()`,
    );
    await hoverForPopover(page, 'Pyongyang');
    const labels = await inContentScript<string[]>(page, chromium.extensionId, 'globalThis.cardLabelsByFrame');
    expect(labels.length).toBeGreaterThan(0);
    expect(labels.filter((label) => !label.includes('Pyongyang'))).toEqual([]);
    await page.close();
  });

  it('keeps the page text exactly as it was', async () => {
    const page = await open('/demo.html');
    await waitForHighlights(page);
    expect(await page.evaluate(() => document.body.innerText)).toBe(await textWithoutContesto('/demo.html'));
    await page.close();
  });
});

describe('an English page about the same entities', () => {
  it('highlights North Korea, Moscow, the Kremlin and the Wagner Group as the entities of the Italian corpus', async () => {
    const page = await open('/english-context.html');
    await settledHighlightCount(page);
    const highlighted = await highlightedTexts(page);
    expect(tally(highlighted.place ?? []).get('North Korea')).toBe(2);
    expect(tally(highlighted.place ?? []).get('Moscow')).toBe(2);
    expect(tally(highlighted.organization ?? []).get('Kremlin')).toBe(1);
    expect(tally(highlighted.organization ?? []).get('Wagner Group')).toBe(1);
    // The hover card for the English name is the Italian corpus's entity.
    await hoverForPopover(page, 'Wagner Group', 'Gruppo Wagner');
    await page.close();
  });

  it('matches across inline elements, respects word boundaries and skips code, editors and form fields', async () => {
    const page = await open('/english-context.html');
    await settledHighlightCount(page);
    const all = Object.values(await highlightedTexts(page)).flat();
    expect(all).toEqual(expect.arrayContaining(['Kim Jong-un', 'Vladimir Putin']));
    // "Russian" and "Russiagate" are not Russia; the one "Russia" is.
    expect(all.filter((text) => text.startsWith('Russia'))).toEqual(['Russia']);
    const inSkipped = await page.evaluate(() => {
      const skipped = [...document.querySelectorAll('pre, textarea, code, [contenteditable]')];
      return [...CSS.highlights].flatMap(([, h]) => [...(h as unknown as Iterable<Range>)]).filter((r) => skipped.some((el) => el.contains(r.startContainer))).length;
    });
    expect(inSkipped).toBe(0);
    await page.close();
  });
});

describe('where the reader reads', () => {
  it('highlights the article, its headline included, and not the menu, sidebar, tag list or footer around it', async () => {
    const page = await open('/page-chrome.html');
    await waitForHighlights(page);
    const where = await page.evaluate(() => {
      const ranges = [...CSS.highlights].filter(([name]) => name.startsWith('contesto-')).flatMap(([, highlight]) => [...(highlight as unknown as Iterable<Range>)]);
      const inside = (selector: string) => ranges.filter((range) => range.startContainer.parentElement?.closest(selector)).map((range) => range.toString());
      return { article: inside('article'), headline: inside('article h1'), chrome: inside('header.site, nav, [role="complementary"], ul.tags, body > footer') };
    });
    expect(where.chrome).toEqual([]);
    expect(where.headline).toEqual(['Mosca', 'Pyongyang']);
    expect(tally(where.article)).toEqual(
      new Map([
        ['Mosca', 3],
        ['Pyongyang', 3],
        ['Kherson', 1],
      ]),
    );
    await page.close();
  });
});

describe('one name, two things', () => {
  // A reader's pack in which "Georgia" names a country and a US state.
  const pack = {
    format: 'contesto-pack',
    version: 1,
    generatedAt: '2024-01-01T00:00:00.000Z',
    documents: [{ id: 'doc-georgias', title: 'Two Georgias', lang: 'en', source: 'georgias.txt', text: 'Georgia and Georgia.' }],
    entities: [
      { id: 'ent-georgia-country', name: 'Georgia', type: 'place', aliases: ['Georgia', 'Republic of Georgia'], description: 'country in the South Caucasus' },
      { id: 'ent-georgia-state', name: 'Georgia', type: 'place', aliases: ['Georgia', 'State of Georgia'], description: 'state of the United States' },
    ],
    events: [],
    mentions: [],
  };
  let packId = '';
  const showCard = async (page: Page) => {
    const point = await highlightCentre(page, 'Georgia');
    await page.mouse.move(point.x, point.y);
  };

  beforeAll(async () => {
    const popup = await openExtensionPage(chromium.context, chromium.extensionId, 'popup.html');
    const imported = (await sendRequest(popup, 'packs/import', { label: 'Two Georgias', pack })) as { ok: boolean; value: { packId: string } };
    expect(imported.ok).toBe(true);
    packId = imported.value.packId;
    await popup.close();
  });
  afterAll(async () => {
    const popup = await openExtensionPage(chromium.context, chromium.extensionId, 'popup.html');
    await sendRequest(popup, 'packs/remove', { packId });
    await popup.close();
  });

  it("shows the entity that the page's other names point to", async () => {
    const page = await open('/ambiguous-in-context.html');
    await waitForHighlights(page);
    for (let hover = 0; hover < 2; hover++) {
      await showCard(page);
      await expect.poll(() => popoverText(page), { timeout: 5_000 }).toContain('country in the South Caucasus');
      expect(await popoverText(page)).not.toContain('state of the United States');
      await page.keyboard.press('Escape');
      await page.mouse.move(0, 0);
    }
    await page.close();
  });

  it('lists both entities when nothing on the page tells them apart, and opens the one the reader picks', async () => {
    const page = await open('/ambiguous.html');
    await waitForHighlights(page);
    await showCard(page);
    await expect.poll(() => popoverText(page), { timeout: 5_000 }).toMatch(/2 entities named “Georgia”|2 entità di nome «Georgia»/);
    const listed = await popoverText(page);
    expect(listed).toContain('country in the South Caucasus');
    expect(listed).toContain('state of the United States');
    await withPopoverRoot(
      page,
      `function () {
      [...this.querySelectorAll('button.candidate')].find((button) => button.textContent.includes('United States')).click();
    }`,
    );
    await expect.poll(() => popoverText(page)).not.toContain('South Caucasus');
    expect(await popoverText(page)).toContain('state of the United States');
    await page.close();
  });
});

describe('following the page', () => {
  it('highlights paragraphs added after load', async () => {
    const page = await open('/dynamic.html');
    await waitForHighlights(page);
    await page.waitForSelector('#late');
    await expect.poll(async () => (await highlightedTexts(page)).place ?? [], { timeout: 5_000 }).toEqual(expect.arrayContaining(['North Korea', 'Moscow']));
    await page.close();
  });

  it('drops the highlights of text the page removed', async () => {
    const page = await open('/english-context.html');
    await waitForHighlights(page);
    await page.evaluate(() => document.querySelectorAll('p')[0].remove());
    await expect.poll(async () => tally((await highlightedTexts(page)).place ?? []).get('North Korea')).toBe(1);
    await page.close();
  });

  it('rescans after a single-page-app navigation', async () => {
    const page = await open('/english-context.html');
    await waitForHighlights(page);
    await page.evaluate(() => {
      document.querySelector('article')!.replaceChildren(Object.assign(document.createElement('p'), { textContent: 'Next story: Vladivostok and Pyongyang.' }));
      history.pushState({}, '', '/english-context.html?story=2');
    });
    await expect.poll(async () => (await highlightedTexts(page)).place ?? [], { timeout: 5_000 }).toEqual(['Vladivostok', 'Pyongyang']);
    await page.close();
  });
});

describe('the toolbar badge', () => {
  it("counts the page's entities, and is empty once the tab goes on to a page that shows none", async () => {
    const page = await open('/english-context.html');
    await waitForHighlights(page);
    // Asked of the background, as the toolbar shows it; the entities, as the side panel asks the page for them.
    const inWorker = <T>(ask: (url: string) => Promise<T>) => chromium.context.serviceWorkers()[0]!.evaluate(ask, page.url());
    const badge = () => inWorker(async (url) => chrome.action.getBadgeText({ tabId: (await chrome.tabs.query({ url }))[0]!.id! }));
    const report = await inWorker(async (url) => chrome.tabs.sendMessage((await chrome.tabs.query({ url }))[0]!.id!, { type: 'tab/page-report', payload: {} }));
    const entities = (report as { value: { entities: unknown[] } }).value.entities.length;
    expect(entities).toBeGreaterThan(0);
    await expect.poll(badge, { timeout: 5_000 }).toBe(String(entities));
    await page.goto(`${server.origin}/no-known-names.html`);
    const popup = await openExtensionPage(chromium.context, chromium.extensionId, 'popup.html');
    await untilScanned(page, popup);
    // Longer than the report's delay: a count reported for this page would be there by now.
    await page.waitForTimeout(1_000);
    expect(Object.values(await page.evaluate(readHighlights)).flat()).toEqual([]);
    expect(await badge()).toBe('');
    await Promise.all([page.close(), popup.close()]);
  });
});

describe('keyboard', () => {
  it('moves through the highlights with Alt+Shift+J, opens the popover, reaches it with Tab and closes it with Esc', async () => {
    const page = await open('/demo.html');
    await waitForHighlights(page);
    await page.keyboard.press('Alt+Shift+KeyJ');
    await expect.poll(() => popoverText(page), { timeout: 5_000 }).toContain('Kim Jong-un');
    await page.keyboard.press('Alt+Shift+KeyJ');
    await expect.poll(() => popoverText(page), { timeout: 5_000 }).toContain('Vladimir Putin');
    // Focus is inside the popover: Tab reaches its first button.
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.tagName);
    expect(focused).toBe('CONTESTO-POPOVER');
    await page.keyboard.press('Escape');
    await expect.poll(() => popoverText(page)).toBeNull();
    await page.close();
  });
});

describe('privacy and robustness', () => {
  it('the page cannot read the popover, and its CSS does not reach it', async () => {
    const page = await open('/hostile.html');
    await waitForHighlights(page);
    await hoverForPopover(page, 'Kremlin', 'Cremlino');
    const leaked = await page.evaluate(() => {
      const host = document.querySelector('contesto-popover');
      const captured = (window as unknown as { __captured: ShadowRoot[] }).__captured;
      return { shadowRoot: host?.shadowRoot ?? null, captured: captured.length, text: host?.textContent ?? '', inner: (host as HTMLElement | null)?.innerText ?? '' };
    });
    expect(leaked).toEqual({ shadowRoot: null, captured: 0, text: '', inner: '' });
    const font = await withPopoverRoot<string>(page, `function () { return getComputedStyle(this.querySelector('.popover')).fontFamily; }`);
    expect(font).not.toContain('Comic Sans');
    await page.close();
  });

  it('adds nothing to a page that is only read: the popover comes into the page when a card first opens', async () => {
    const page = await open('/demo.html');
    await waitForHighlights(page);
    expect(await page.evaluate(() => document.querySelector('contesto-popover'))).toBeNull();
    await hoverForPopover(page, 'John Kirby');
    expect(await page.evaluate(() => document.querySelectorAll('contesto-popover').length)).toBe(1);
    await page.close();
  });

  it('makes no network request of its own', async () => {
    const requests: string[] = [];
    const listener = (request: { url(): string }) => requests.push(request.url());
    chromium.context.on('request', listener);
    const page = await open('/demo.html');
    await waitForHighlights(page);
    await hoverForPopover(page, 'John Kirby');
    chromium.context.off('request', listener);
    const ours = await packageOrigins(chromium.context, chromium.extensionId);
    const fromPackage = (url: string) => ours.some((origin) => url.startsWith(origin));
    expect(requests.filter((url) => !fromPackage(url))).toEqual([`${server.origin}/demo.html`]);
    // The card's script, read from the extension's own package when the first card opens.
    expect(new Set(requests.filter(fromPackage).map((url) => new URL(url).pathname))).toEqual(new Set(['/popover-card.js']));
    await page.close();
  });

  it('turning Contesto off in the popup, for the site and then everywhere, removes every highlight at once', async () => {
    const page = await open('/demo.html');
    await waitForHighlights(page);
    const popup = await openExtensionPage(chromium.context, chromium.extensionId, 'options.html');
    await popup.goto(`chrome-extension://${chromium.extensionId}/popup.html?tab=${await tabIdOf(popup, `${server.origin}/demo.html`)}`);
    const highlightCount = () => page.evaluate(() => [...CSS.highlights].filter(([name, h]) => name.startsWith('contesto-') && h.size > 0).length);
    const site = popup.getByLabel('Contesto on 127.0.0.1');
    const everywhere = popup.getByLabel('Contesto on every site');
    await site.uncheck();
    await expect.poll(highlightCount).toBe(0);
    await site.check();
    await waitForHighlights(page);
    await expect.poll(highlightCount).toBeGreaterThan(0);
    await everywhere.uncheck();
    await expect.poll(highlightCount).toBe(0);
    await everywhere.check();
    await expect.poll(highlightCount).toBeGreaterThan(0);
    await Promise.all([page.close(), popup.close()]);
  });
});

describe('real news pages', () => {
  // Pages from the readability and newsextractor test suites (tests/fixtures/pages/index.tsv):
  // English, French, Italian, one in ISO-8859-1 and a 1.6 MB one; the names each must show.
  const pages: Record<string, Record<string, string[]>> = {
    // Its "Russia" stands only in the ribbon of other stories (a <nav>), which is not the article.
    '/nytimes-1.html': { place: ['United States'], organization: ['United Nations'] },
    '/yahoo-2.html': { place: ['North Korea', 'Moscow', 'Russia'] },
    // Its "Russie" and "Ukraine" stand only in the live sidebar and the site menu: nothing of the pack is in the article.
    '/liberation-1.html': {},
    // Its "Ukraine" stands only in scripts, which are not prose.
    '/schema-org-context-object.html': { place: ['North Korea', 'Russia', 'U.S.'] },
    '/newsextractor-it-GoBariCronacaList.html': {},
    '/newsextractor-it-MainContentExtractor.html': {},
  };

  for (const [path, expected] of Object.entries(pages)) {
    it(`${path} keeps its text, logs no error of ours, and shows the pack's names it contains`, async () => {
      const ourErrors: string[] = [];
      const page = await chromium.context.newPage();
      // Real pages reference the internet, which this machine does not reach: keep runs deterministic.
      await page.route(
        (url) => url.hostname !== '127.0.0.1',
        (route) => route.abort(),
      );
      page.on('console', (message) => {
        if (message.type() === 'error' && message.location().url.startsWith('chrome-extension://')) ourErrors.push(message.text());
      });
      page.on('pageerror', (error) => {
        if (error.stack?.includes('chrome-extension://')) ourErrors.push(error.message);
      });
      await page.goto(server.origin + path);
      if (Object.keys(expected).length > 0) {
        await waitForHighlights(page, 30_000);
        await settledHighlightCount(page);
      } else await page.waitForTimeout(1_000);
      const highlighted = await highlightedTexts(page);
      for (const [type, names] of Object.entries(expected)) expect(highlighted[type] ?? [], type).toEqual(expect.arrayContaining(names));
      expect(await page.evaluate(() => document.body.innerText)).toBe(await textWithoutContesto(path, true));
      expect(ourErrors).toEqual([]);
      await page.close();
    });
  }
});

describe('consoles', () => {
  // Runs last: every page opened above (the demo and Contesto's own fixtures) and the background.
  it("no error appeared in the pages' or the extension's console", () => {
    expect(errors).toEqual([]);
  });
});

describe('a web page’s content script', () => {
  it('is let through only for what a page needs: never imports, removals, settings or note edits', async () => {
    const page = await open('/demo.html');
    await waitForHighlights(page);
    const requests = Object.entries(validRequests(`${server.origin}/demo.html`));
    const replies = await inContentScript<[string, { ok: boolean; error?: string; value?: { id?: string } }][]>(
      page,
      chromium.extensionId,
      `Promise.all(${JSON.stringify(requests)}.map(([type, payload]) => chrome.runtime.sendMessage({ type, payload }).then((reply) => [type, reply])))`,
    );
    // Let through means handled: answered, or failed for its own reason (Chrome opens the side panel only on a user gesture).
    const refusal = (type: string) => `"${type}" is not available to web pages.`;
    const outcome = Object.fromEntries(replies.map(([type, reply]) => [type, reply.ok || reply.error !== refusal(type) ? 'let through' : reply.error]));
    expect(outcome).toEqual(Object.fromEntries(requests.map(([type]) => [type, PAGE_CONTEXT.includes(type) ? 'let through' : refusal(type)])));
    // Contesto is still on: the refused settings change changed nothing.
    expect(await highlightedTexts(page)).not.toEqual({});
    // The one note the page could add (on an entity) goes again.
    const popup = await openExtensionPage(chromium.context, chromium.extensionId, 'popup.html');
    const added = replies.find(([type]) => type === 'notes/add')![1];
    expect(await sendRequest(popup, 'notes/delete', { id: added.value?.id })).toMatchObject({ ok: true });
    await popup.close();
    await page.close();
  });
});
