/**
 * `npx tsx scripts/screenshots.ts` (after `npm run build`): the README's pictures of the
 * popover (on the Italian demo page and on an English page), the side panel, the popup and the
 * reader's settings, taken in headless Chromium with a few notes, written to docs/screenshots/*.png.
 */
import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { bundledPack, fixtureServer, highlightCentre, waitForHighlights, withPopoverRoot } from '../tests/e2e/page-probes';
import { launchChromium } from './lib/browsers';
import { newNoteId } from '@/core/notes';

const OUT = 'docs/screenshots';
const pack = await bundledPack();
const server = await fixtureServer();
const chromium = await launchChromium();
const demoUrl = `${server.origin}/demo.html`;
const extensionPage = async (path: string, width: number, height: number): Promise<Page> => {
  const page = await chromium.context.newPage();
  await page.setViewportSize({ width, height });
  await page.goto(`chrome-extension://${chromium.extensionId}/${path}`);
  return page;
};
/** Hovers a name and pictures the card with the line it explains. */
async function popoverPicture(page: Page, name: string, file: string): Promise<void> {
  const point = await highlightCentre(page, name);
  await page.mouse.move(point.x - 2, point.y);
  await page.mouse.move(point.x, point.y);
  await page.waitForTimeout(900);
  const box = await withPopoverRoot<{ x: number; y: number; width: number; height: number }>(
    page,
    `function () {
    const r = this.querySelector('.popover').getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  }`,
  );
  if (!box) throw new Error(`No card opened on ${name}.`);
  const top = Math.max(0, Math.min(point.y - 40, box.y) - 20);
  const bottom = Math.max(point.y + 30, box.y + box.height + 20);
  await page.screenshot({ path: `${OUT}/${file}`, clip: { x: Math.max(0, box.x - 320), y: top, width: box.width + 480, height: bottom - top } });
  await page.keyboard.press('Escape');
}

const send = (page: Page, type: string, payload: unknown) => page.evaluate(([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }), [type, payload] as const);

try {
  await mkdir(OUT, { recursive: true });
  const page = await chromium.context.newPage();
  await page.goto(demoUrl);
  await waitForHighlights(page);

  // A few notes, made the way a reader makes them: a selection note through the same handler as the context menu.
  const helper = await extensionPage('popup.html', 420, 600);
  const tabId = await helper.evaluate(async (url) => (await chrome.tabs.query({ url }))[0].id!, demoUrl);
  await page.evaluate(() => {
    const paragraph = [...document.querySelectorAll('p')].find((p) => p.textContent!.includes('13 luglio 2022'))!;
    const text = paragraph.firstChild as Text;
    const start = text.data.indexOf('la Corea del Nord');
    const range = document.createRange();
    range.setStart(text, start);
    range.setEnd(text, text.data.indexOf('.', start));
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
  });
  const selection = (await page.evaluate(() => getSelection()!.toString())) as string;
  const draft = await send(helper, 'notes/capture-selection', { tabId });
  if (!(draft as { ok: boolean }).ok) throw new Error(`Could not capture the selection: ${JSON.stringify(draft)}`);
  const { target } = (await helper.evaluate(
    async () =>
      new Promise((resolve) => {
        const open = indexedDB.open('contesto');
        open.onsuccess = () => {
          const get = open.result.transaction('settings').objectStore('settings').get('noteDraft');
          get.onsuccess = () => resolve(get.result.value);
        };
      }),
  )) as { target: unknown };
  await send(helper, 'notes/add', {
    id: newNoteId(),
    target,
    body: 'Da verificare: **data** e fonte (TASS).\n\n- riconoscimento di Donetsk\n- riconoscimento di Lugansk',
    tags: ['verifica', 'corea'],
  });
  await send(helper, 'notes/dismiss-draft', {});
  const kirby = pack.entities.find((e) => e.aliases.includes('John Kirby'))!;
  await send(helper, 'notes/add', {
    id: newNoteId(),
    target: { kind: 'entity', entityId: kirby.id },
    body: 'Portavoce del Consiglio per la sicurezza nazionale. Vedi [whitehouse.gov](https://www.whitehouse.gov/).',
    tags: ['usa'],
  });
  await page.evaluate(() => getSelection()!.removeAllRanges());
  console.log(`Selection note on “${selection.slice(0, 60)}…”`);

  // The popover over its highlight: on the Italian demo page, and on an English page, where an entity of the Italian corpus shows its English name.
  await page.waitForFunction(() => CSS.highlights.get('contesto-note')?.size === 1);
  await popoverPicture(page, 'Andrey Rudenko', 'popover.png');
  const english = await chromium.context.newPage();
  await english.goto(`${server.origin}/english-context.html`);
  await waitForHighlights(english);
  await popoverPicture(english, 'North Korea', 'popover-english.png');

  const panel = await extensionPage(`sidepanel.html?tab=${tabId}`, 400, 900);
  await panel.locator('.entity-rows li').first().waitFor();
  await panel.waitForTimeout(300);
  await panel.screenshot({ path: `${OUT}/sidepanel.png` });
  await panel.locator(`li[data-entity-id="${pack.entities.find((e) => e.aliases.includes('North Korea'))!.id}"] .details`).click();
  await panel.locator('.entity-view .timeline').first().waitFor();
  await panel.screenshot({ path: `${OUT}/sidepanel-entity.png` });

  const popup = await extensionPage(`popup.html?tab=${tabId}`, 440, 720);
  await popup.locator('li.note').first().waitFor();
  await popup.screenshot({ path: `${OUT}/popup.png` });

  const options = await extensionPage('options.html', 760, 900);
  await options.locator('section.settings fieldset').first().waitFor();
  await options.locator('section.settings').screenshot({ path: `${OUT}/settings.png` });
  console.log(`Screenshots in ${OUT}/: popover.png, popover-english.png, sidepanel.png, sidepanel-entity.png, popup.png, settings.png`);
} finally {
  await chromium.close();
  await server.close();
}
