/**
 * Writes the mixed folder the archive tests import (tests/fixtures/archive/), from real news pages
 * of the development set (tests/fixtures/gold/pages, provenance in tests/fixtures/gold/index.tsv):
 * a text file, a Markdown file, an HTML page, a PDF with real text, a broken PDF, a binary file,
 * an empty file and a copy of the text file. Run once; the files are committed.
 *   npx tsx scripts/archive-fixtures.ts
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DOMParser } from 'linkedom';
import { parseDocument } from '../core/ingest';

const ROOT = resolve(import.meta.dirname, '..');
const GOLD = join(ROOT, 'tests', 'fixtures', 'gold', 'pages');
const OUT = join(ROOT, 'tests', 'fixtures', 'archive');
const parseHtml = (html: string) => new DOMParser().parseFromString(html, 'text/html') as unknown as Document;

/** The article text of a real page, as ingestion reads it: its title and first paragraphs. */
function article(page: string, paragraphs: number): { title: string; paragraphs: string[] } {
  const parsed = parseDocument({ name: page, content: new Uint8Array(readFileSync(join(GOLD, page))) }, parseHtml);
  // Soft hyphens are the web page's line-breaking hints, not text a PDF would hold.
  const text = parsed.text.replaceAll('\u00AD', '');
  return { title: parsed.title, paragraphs: text.split('\n\n').slice(1, 1 + paragraphs) };
}

const WIN_ANSI = new Map([...'€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ'].map((character, index) => [character, String.fromCharCode(0x80 + index)]));

mkdirSync(OUT, { recursive: true });

const telegraph = article('telegraph.html', 4);
const text = ['date 2017-11-19', 'lang en', 'source The Telegraph (tests/fixtures/gold/pages/telegraph.html)', telegraph.title, '', telegraph.paragraphs.join('\n\n'), ''].join('\n');
writeFileSync(join(OUT, 'zimbabwe.txt'), text);
writeFileSync(join(OUT, 'zimbabwe_copy.txt'), text);

const bbc = article('bbc-1.html', 4);
writeFileSync(
  join(OUT, 'obama.md'),
  ['---', 'date: 2015-07-24', 'lang: en', '---', `# ${bbc.title}`, '', ...bbc.paragraphs.flatMap((p) => [p, '']), '*From the BBC (tests/fixtures/gold/pages/bbc-1.html).*', ''].join('\n'),
);

copyFileSync(join(GOLD, 'wapo-1.html'), join(OUT, 'north-africa.html'));

const wapo = article('wapo-2.html', 3);
writeFileSync(join(OUT, 'israel.pdf'), pdf(wapo.title, wapo.paragraphs));

// A PDF cut off after its header: what a failed download leaves.
writeFileSync(join(OUT, 'broken.pdf'), pdf(wapo.title, wapo.paragraphs).subarray(0, 120));
// A JPEG's first bytes under a text file's name.
writeFileSync(join(OUT, 'photo.txt'), Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xdb, 0, 0x43, 0, 8, 6, 6, 7, 6, 5, 8]));
writeFileSync(join(OUT, 'empty.md'), '');
console.log(`Wrote ${OUT}`);

/**
 * A one-page PDF 1.4 with the title in bold and the paragraphs wrapped in Helvetica
 * (WinAnsiEncoding: the paragraphs' typographic quotes and dashes are in it).
 */
function pdf(title: string, paragraphs: string[]): Uint8Array {
  const lines: { text: string; font: 'F1' | 'F2'; size: number; gapBefore: number }[] = [{ text: title, font: 'F2', size: 14, gapBefore: 0 }];
  for (const paragraph of paragraphs) wrap(paragraph, 95).forEach((line, index) => lines.push({ text: line, font: 'F1', size: 10, gapBefore: index === 0 ? 10 : 0 }));
  let y = 800;
  const content = lines
    .map(({ text, font, size, gapBefore }) => {
      y -= size + 4 + gapBefore;
      return `BT /${font} ${size} Tf 50 ${y} Td (${escape(text)}) Tj ET`;
    })
    .join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
    `<< /Length ${latin1(content).length} >>\nstream\n${content}\nendstream`,
    `<< /Title ${utf16Hex(title)} /Producer (Contesto scripts/archive-fixtures.ts) >>`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(latin1(body).length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = latin1(body).length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 7 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return latin1(body);
}

function wrap(paragraph: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of paragraph.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return line ? [...lines, line] : lines;
}

/** A PDF literal string: backslash, parentheses escaped; characters outside WinAnsi dropped. */
function escape(text: string): string {
  return [...text.replace(/[\\()]/g, (character) => `\\${character}`)]
    .map((character) => (WIN_ANSI.has(character) ? WIN_ANSI.get(character)! : character.charCodeAt(0) < 256 ? character : ''))
    .join('');
}

/** A text string outside a page (the document's title): UTF-16BE with its byte-order mark. */
function utf16Hex(text: string): string {
  return `<FEFF${[...text].map((character) => character.charCodeAt(0).toString(16).padStart(4, '0')).join('')}>`;
}

function latin1(text: string): Uint8Array {
  return Uint8Array.from(text, (character) => character.charCodeAt(0));
}
