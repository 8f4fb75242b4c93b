/**
 * How much of an article the page-chrome rule (isPageChrome in annotator/text-walker.ts: menus,
 * banners, footers, sidebars and link lists are not highlighted) would hide, on real pages: every
 * paragraph of the article as Mozilla Readability extracts it should still be outside that chrome.
 *   npx tsx scripts/measure-chrome.ts [pages-dir ...]   (default ../shared/pages/* when present)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DOMParser } from 'linkedom';
import { parseDocument } from '../core/ingest';
import { decodeText } from '../core/ingest/decode';
import { isPageChrome } from '../annotator/text-walker';

const ROOT = resolve(import.meta.dirname, '..');
const folders = process.argv.slice(2).length ? process.argv.slice(2) : ['readability', 'it'].map((name) => join(ROOT, '../shared/pages', name)).filter(existsSync);
const parseHtml = (html: string) => new DOMParser().parseFromString(html, 'text/html') as unknown as Document;
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

let pages = 0;
let paragraphs = 0;
let kept = 0;
let readChars = 0;
let chromeChars = 0;
const lost: string[] = [];
for (const folder of folders) {
  for (const name of readdirSync(folder)
    .filter((file) => file.endsWith('.html'))
    .sort()) {
    const html = decodeText(new Uint8Array(readFileSync(join(folder, name))), true);
    let article: string[];
    try {
      article = parseDocument({ name, content: html }, parseHtml)
        .text.split('\n\n')
        .slice(1)
        .map(squash)
        .filter((paragraph) => paragraph.length >= 40);
    } catch {
      continue; // no article on this page
    }
    const page = parseHtml(html);
    const everything = squash(page.body?.textContent ?? '');
    for (const element of [...page.querySelectorAll('*')].filter(isPageChrome)) element.remove();
    const readText = squash(page.body?.textContent ?? '');
    pages++;
    readChars += readText.length;
    chromeChars += everything.length - readText.length;
    for (const paragraph of article) {
      const opening = paragraph.slice(0, 60);
      if (!everything.includes(opening)) continue; // Readability rewrote it (spacing, entities): nothing to compare
      paragraphs++;
      if (readText.includes(opening)) kept++;
      else lost.push(`${name}: ${paragraph.slice(0, 80)}`);
    }
  }
}
console.log(
  `${pages} pages with an article: ${kept} of ${paragraphs} article paragraphs are still read (${((kept / paragraphs) * 100).toFixed(1)}%); the rule sets aside ${((chromeChars / (readChars + chromeChars)) * 100).toFixed(1)}% of the pages' text.`,
);
for (const line of lost) console.log(`  not read: ${line}`);
