/**
 * `npx tsx scripts/measure-popover.ts`: what each way of isolating the popover from the page
 * costs, in headless Chromium. (a) a closed shadow root built from the content script's world,
 * as Contesto does; (b) a cross-origin iframe (served from another origin, as an extension page
 * would be), first load and a later content update through postMessage. Same card both ways.
 */
import { launchChromium } from './lib/browsers';
import { serveStatic } from './lib/serve';

const CARD_ITEMS = 40;
const ROUNDS = 15;

const cardScript = `function buildCard(root, n) {
  const box = document.createElement('div');
  box.style.cssText = 'position:fixed;top:10px;left:10px;width:24rem;font:14px system-ui';
  for (let i = 0; i < n; i++) { const p = document.createElement('p'); p.textContent = 'Event ' + i + ': a sentence from a source document.'; box.append(p); }
  root.replaceChildren(box);
  return box.getBoundingClientRect().height;
}`;

const server = await serveStatic();
const frameOrigin = server.origin.replace('127.0.0.1', 'localhost');
server.routes.set('/page.html', ['text/html', `<!doctype html><meta charset="utf-8"><body><p>Article text.</p><script>${cardScript}</script></body>`]);
server.routes.set('/frame.html', [
  'text/html',
  `<!doctype html><meta charset="utf-8"><body><script>${cardScript}
  addEventListener('message', (e) => { buildCard(document.body, e.data); parent.postMessage('painted', '*'); });
  buildCard(document.body, ${CARD_ITEMS});</script></body>`,
]);

const chromium = await launchChromium({ extension: null });
const page = await chromium.context.newPage();
await page.goto(`${server.origin}/page.html`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const shadow: number[] = [];
const frameFirst: number[] = [];
const frameUpdate: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  shadow.push(
    await page.evaluate((n) => {
      const start = performance.now();
      const host = document.createElement('contesto-measure');
      document.documentElement.append(host);
      (window as unknown as { buildCard(root: Node, n: number): number }).buildCard(host.attachShadow({ mode: 'closed' }), n);
      const elapsed = performance.now() - start;
      host.remove();
      return elapsed;
    }, CARD_ITEMS),
  );
  const first = await page.evaluate(
    (src) =>
      new Promise<number>((resolve) => {
        const frame = document.createElement('iframe');
        frame.id = 'card-frame';
        const start = performance.now();
        frame.addEventListener('load', () => resolve(performance.now() - start), { once: true });
        frame.src = src;
        document.body.append(frame);
      }),
    `${frameOrigin}/frame.html`,
  );
  const update = await page.evaluate(
    (n) =>
      new Promise<number>((resolve) => {
        const frame = document.getElementById('card-frame') as HTMLIFrameElement;
        const start = performance.now();
        // No named function here: tsx would wrap it in a helper that does not exist in the page.
        addEventListener(
          'message',
          () => {
            frame.remove();
            resolve(performance.now() - start);
          },
          { once: true },
        );
        frame.contentWindow!.postMessage(n, '*');
      }),
    CARD_ITEMS,
  );
  frameFirst.push(first);
  frameUpdate.push(update);
}
console.log(`Popover isolation, ${ROUNDS} rounds, medians (card of ${CARD_ITEMS} paragraphs):`);
console.log(`  closed shadow root, build + layout: ${median(shadow).toFixed(2)} ms`);
console.log(`  cross-origin iframe, first show (load): ${median(frameFirst).toFixed(2)} ms`);
console.log(`  cross-origin iframe, later update (postMessage round trip): ${median(frameUpdate).toFixed(2)} ms`);
await chromium.close();
await server.close();
