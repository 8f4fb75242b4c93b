/**
 * `npm run demo`: opens a Chromium-family browser with the built extension on a page made from
 * the bundled corpus. With --headless (automatic without a display) it prints what is
 * highlighted and writes a screenshot, then exits. On a machine without such a browser it says
 * what to install and prints what the page would highlight, matched here with the same matcher.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { compileMatcher, loadMatcher } from '../core/match';
import { parsePack, type Pack } from '../core/pack';
import { findChromium, launchChromium, NO_CHROMIUM_ADVICE } from './lib/browsers';
import { demoPageBlocks, demoPageHtml, readHighlights } from './lib/demo-page';
import { serveStatic } from './lib/serve';

const headless = process.argv.includes('--headless') || !process.env.DISPLAY;
const screenshot = 'out/demo.png';

const pack = parsePack(await readFile('.generated/bundled-pack.json', 'utf8'));
const executablePath = findChromium();
if (!executablePath) {
  console.log(NO_CHROMIUM_ADVICE);
  printHighlights('Without a browser, the demo page would highlight', matchedInNode(pack));
} else {
  await inBrowser(executablePath).catch((error: Error) => {
    // One line, not a stack trace: what failed, then what the page would have shown.
    console.log(`${executablePath} could not show the demo: ${error.message.split('\n')[0]}`);
    printHighlights('The demo page would highlight', matchedInNode(pack));
    process.exit(1);
  });
}

async function inBrowser(executablePath: string) {
  const server = await serveStatic();
  server.routes.set('/', ['text/html; charset=utf-8', demoPageHtml(pack)]);
  const browser = await launchChromium({ headless, executablePath });
  const page = await browser.context.newPage();
  await page.goto(server.origin + '/');
  await page.waitForFunction(() => [...CSS.highlights.keys()].some((name) => name.startsWith('contesto-')), null, { timeout: 15_000 });
  await page.waitForTimeout(300);

  printHighlights(`Demo page ${server.origin}/ in ${executablePath}`, await page.evaluate(readHighlights));
  await mkdir('out', { recursive: true });
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`Screenshot: ${screenshot}`);

  if (headless) {
    await browser.close();
    await server.close();
  } else {
    console.log('The browser stays open with Contesto loaded; close it or press Ctrl-C to stop.');
    browser.context.on('close', () => void server.close().then(() => process.exit(0)));
  }
}

/** The highlighted text per type, as the content script would find it on the demo page: the pack's aliases matched block by block. */
function matchedInNode({ entities }: Pack): Record<string, string[]> {
  const matcher = loadMatcher(compileMatcher(entities.flatMap((e) => e.aliases.map((alias) => ({ alias, entityId: e.id, type: e.type })))));
  const result: Record<string, string[]> = {};
  for (const block of demoPageBlocks(pack)) for (const match of matcher.find(block)) (result[match.type] ??= []).push(block.slice(match.start, match.end));
  return result;
}

function printHighlights(heading: string, highlights: Record<string, string[]>) {
  const counted = (count: number, one: string, other: string) => `${count} ${new Intl.PluralRules('en').select(count) === 'one' ? one : other}`;
  console.log(`${heading} (from ${counted(pack.documents.length, 'document', 'documents')}, ${counted(pack.entities.length, 'entity', 'entities')} in the pack):`);
  for (const [type, texts] of Object.entries(highlights).sort()) {
    if (texts.length === 0) continue;
    const counts = new Map<string, number>();
    for (const text of texts) counts.set(text, (counts.get(text) ?? 0) + 1);
    console.log(`  ${type} (${texts.length}): ${[...counts].map(([text, n]) => (n > 1 ? `${text} ×${n}` : text)).join(', ')}`);
  }
}
