/**
 * `npm run demo`: opens Chromium with the built extension on a page made from the bundled
 * corpus. With --headless (automatic without a display) it prints what is highlighted and
 * writes a screenshot, then exits.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { parsePack } from '../core/pack';
import { launchChromium } from './lib/browsers';
import { demoPageHtml, readHighlights } from './lib/demo-page';
import { serveStatic } from './lib/serve';

const headless = process.argv.includes('--headless') || !process.env.DISPLAY;
const screenshot = 'out/demo.png';

const pack = parsePack(await readFile('.generated/bundled-pack.json', 'utf8'));
const server = await serveStatic();
server.routes.set('/', ['text/html; charset=utf-8', demoPageHtml(pack)]);
const browser = await launchChromium({ headless });
const page = await browser.context.newPage();
await page.goto(server.origin + '/');
await page.waitForFunction(() => [...CSS.highlights.keys()].some((name) => name.startsWith('contesto-')), null, { timeout: 15_000 });
await page.waitForTimeout(300);

const highlights = await page.evaluate(readHighlights);
console.log(`Demo page ${server.origin}/ (from ${pack.documents.length} document(s), ${pack.entities.length} entities in the pack)`);
for (const [type, texts] of Object.entries(highlights).sort()) {
  if (texts.length === 0) continue;
  const counts = new Map<string, number>();
  for (const text of texts) counts.set(text, (counts.get(text) ?? 0) + 1);
  console.log(`  ${type} (${texts.length}): ${[...counts].map(([text, n]) => (n > 1 ? `${text} ×${n}` : text)).join(', ')}`);
}
await mkdir('out', { recursive: true });
await page.screenshot({ path: screenshot, fullPage: true });
console.log(`Screenshot: ${screenshot}`);

if (headless) {
  await browser.close();
  await server.close();
} else {
  console.log('Chromium stays open with Contesto loaded; close it or press Ctrl-C to stop.');
  browser.context.on('close', () => void server.close().then(() => process.exit(0)));
}
