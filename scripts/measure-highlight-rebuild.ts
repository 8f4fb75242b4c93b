/**
 * `npm run measure:rebuild`: what one change to the CSS highlight registry costs the next frame,
 * against how many ranges are registered, in headless Chromium without the extension. Chromium
 * rebuilds the marker of every registered range after any change (`HighlightRegistry::ValidateHighlightMarkers`):
 * this sets how many ranges Contesto registers at once before it registers only those near the
 * viewport (`annotator/near-viewport.ts`).
 */
import { launchChromium } from './lib/browsers';
import { serveStatic } from './lib/serve';

const COUNTS = [0, 1_000, 2_000, 5_000, 10_000, 20_000, 60_000];
const PARAGRAPHS = 20_000;

const words = 'Mosca e Pyongyang mostrano approcci simili alle questioni internazionali più urgenti';
const paragraph = `<p><span>${words}</span> <em>${words}</em> <a href="#">${words}</a></p>`;
const server = await serveStatic();
server.routes.set('/long.html', ['text/html; charset=utf-8', `<!doctype html><meta charset="utf-8"><body>${paragraph.repeat(PARAGRAPHS)}</body>`]);

/** Evaluated in the page: registers `count` ranges, then times five frames after adding one range each and five frames with no change (medians). */
const measure = `async (count) => {
  const frame = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  const texts = [...document.querySelectorAll('span, em, a')].map((el) => el.firstChild);
  const range = (text, length) => { const r = new Range(); r.setStart(text, 0); r.setEnd(text, length); return r; };
  const highlight = new Highlight();
  CSS.highlights.set('measure', highlight);
  for (let i = 0; i < count; i++) highlight.add(range(texts[i], 5));
  await frame(); await frame();
  const changed = [], still = [];
  for (let k = 0; k < 5; k++) { const start = performance.now(); highlight.add(range(texts[texts.length - 1 - k], 1)); await frame(); changed.push(performance.now() - start); }
  for (let k = 0; k < 5; k++) { const start = performance.now(); await frame(); still.push(performance.now() - start); }
  CSS.highlights.delete('measure'); await frame();
  const median = (values) => values.sort((a, b) => a - b)[2];
  return { changed: median(changed), still: median(still) };
}`;

const browser = await launchChromium({ extension: null });
try {
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/long.html`);
  console.log(`Chromium, a page of ${PARAGRAPHS.toLocaleString('en')} paragraphs: a frame after one change to the registry, and a frame with none (medians of 5)`);
  console.log('| Ranges registered | Frame after a change | Frame with none | Extra |\n| ---: | ---: | ---: | ---: |');
  for (const count of COUNTS) {
    const { changed, still } = await page.evaluate<{ changed: number; still: number }>(`(${measure})(${count})`);
    console.log(`| ${count.toLocaleString('en')} | ${changed.toFixed(1)} ms | ${still.toFixed(1)} ms | ${(changed - still).toFixed(1)} ms |`);
  }
} finally {
  await browser.close();
  await server.close();
}
