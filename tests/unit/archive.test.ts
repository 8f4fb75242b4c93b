/**
 * The reader's archive, its pure parts and its store: PDFs read in Node with PDF.js (the same
 * reading as in the options page's worker), an import's summary by file name, a stop between two
 * files, and collections that only grow unless removed, with removal undone.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import type { PdfLoader } from '@/core/ingest';
import { pageText, readPdf, type PdfTextItem } from '@/core/ingest/pdf';
import { importSummary, runImport, timeLeftMs, type ImportFile } from '@/core/ingest/run';
import { appendToPack, entityCounts, importedPacks, knownDocuments, removePack } from '@/storage/packs';
import { parseHtml, ROOT, thesaurus } from '../fixtures/ingest/helpers';
import { seededDatabases } from './helpers/database';
import { samplePack } from './helpers/packs';

const FOLDER = join(ROOT, 'tests', 'fixtures', 'archive');
const loadPdf: PdfLoader = (data) => getDocument({ data, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
const file = (name: string, content?: string | Uint8Array): ImportFile => ({
  name,
  bytes: async () => (content === undefined ? new Uint8Array(readFileSync(join(FOLDER, name))) : typeof content === 'string' ? new TextEncoder().encode(content) : content),
});
const ARCHIVE = ['broken.pdf', 'empty.md', 'israel.pdf', 'north-africa.html', 'obama.md', 'photo.txt', 'zimbabwe.txt', 'zimbabwe_copy.txt'];
const database = seededDatabases('archive');

describe('PDF text', () => {
  it('reads a real PDF’s paragraphs, each on one line, with its title first', async () => {
    const source = await readPdf({ name: 'israel.pdf', content: new Uint8Array(readFileSync(join(FOLDER, 'israel.pdf'))) }, loadPdf);
    const paragraphs = (source.content as string).split('\n\n');
    expect(paragraphs[0]).toBe('Where do strained U.S.-Israeli relations go after Netanyahu’s victory?');
    expect(paragraphs).toHaveLength(4);
    expect(paragraphs[3]).toMatch(/^But Benjamin Netanyahu’s triumph in Tuesday’s parliamentary elections .* personal distaste for each other\.$/);
  });

  it('refuses a broken PDF with a reason that names it', async () => {
    await expect(readPdf({ name: 'broken.pdf', content: new Uint8Array(readFileSync(join(FOLDER, 'broken.pdf'))) }, loadPdf)).rejects.toThrow(/^broken\.pdf: not a readable PDF/);
  });

  it('joins a paragraph’s lines and breaks where the gap between lines is wider than the line spacing', () => {
    const line = (str: string, y: number): PdfTextItem => ({ str, hasEOL: true, transform: [10, 0, 0, 10, 50, y], height: 10 });
    expect(pageText([line('First line of a', 700), line('paragraph, year-', 686), line('old.', 672), line('A new paragraph.', 640)])).toBe('First line of a paragraph, year-old.\n\nA new paragraph.');
  });
});

describe('an import', () => {
  it('names every file of a mixed folder under what became of it, and one bad file stops none of the others', async () => {
    const result = await runImport(
      ARCHIVE.map((name) => file(name)),
      { thesaurus, parseHtml, loadPdf },
    );
    expect(result.cancelled).toBe(false);
    expect(result.summary.added.map(({ file: name }) => name)).toEqual(['israel.pdf', 'north-africa.html', 'obama.md', 'zimbabwe.txt']);
    expect(result.summary.duplicates).toEqual([{ file: 'zimbabwe_copy.txt', sameAs: 'zimbabwe.txt' }]);
    expect(result.summary.failed.map(({ file: name, reason }) => `${name}: ${reason}`)).toEqual([
      expect.stringMatching(/^broken\.pdf: not a readable PDF/),
      'empty.md: the document is empty.',
      'photo.txt: this looks like binary data, not text.',
    ]);
    const [pack] = result.packs;
    expect(pack!.documents).toHaveLength(4);
    expect(pack!.entities.map((entity) => entity.name)).toEqual(expect.arrayContaining(['Benjamin Netanyahu', 'Barack Obama', 'Robert Mugabe']));
  });

  it('names a file it does not read, and takes a knowledge pack given as a file', async () => {
    const result = await runImport([file('logo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47])), file('mine.json', JSON.stringify(samplePack()))], { thesaurus, parseHtml, loadPdf });
    expect(result.summary.failed).toEqual([{ file: 'logo.png', reason: 'not a file Contesto reads (.txt, .md, .html, .pdf, or a .json knowledge pack); skipped.' }]);
    expect(result.packs).toHaveLength(1);
    expect(result.summary.added.map(({ file: name }) => name)).toEqual(['mine.json › one.txt', 'mine.json › two.txt']);
  });

  it('skips a document whose text is already stored, and gives a stored file name’s new text an id of its own', async () => {
    const db = await database();
    const known = await knownDocuments(db);
    const stored = await db.documents.get('d1');
    const result = await runImport([file('again.txt', stored!.text), file('one.txt', 'A new text\n\nUnder the name of a stored document.')], { thesaurus, parseHtml, loadPdf, known });
    expect(result.summary.duplicates).toEqual([{ file: 'again.txt', sameAs: 'one.txt (bundled)' }]);
    expect(result.summary.added).toEqual([{ file: 'one.txt', title: 'A new text' }]);
    expect(known.documentIds.has(result.packs[0]!.documents[0]!.id)).toBe(false);
  });

  it('stops between two files when cancelled, keeping what it read and naming the rest', async () => {
    const seen: number[] = [];
    const files = ['a.txt', 'b.txt', 'c.txt'].map((name) => file(name, `Report ${name}\n\nMaria Rossi spoke in Milano about ${name}.`));
    const result = await runImport(files, { thesaurus, parseHtml, loadPdf, onProgress: ({ done }) => seen.push(done), cancelled: () => seen.length > 0 });
    expect(result.cancelled).toBe(true);
    expect(result.summary.added.map(({ file: name }) => name)).toEqual(['a.txt']);
    expect(result.summary.notRead).toEqual(['b.txt', 'c.txt']);
  });

  it('sorts every heading by file name and takes the file name off each reason', () => {
    const summary = importSummary(
      [
        { file: 'b.txt', title: 'B' },
        { file: 'a.txt', title: 'A' },
      ],
      [
        { source: 'z.md', message: 'z.md: the document is empty.' },
        { source: 'c.txt', message: 'c.txt: same text as a.txt; skipped.', duplicateOf: 'a.txt' },
        { source: 'd.pdf', message: 'd.pdf: not a readable PDF (Invalid PDF structure.).' },
      ],
      ['y.txt', 'x.txt'],
    );
    expect(summary).toEqual({
      added: [
        { file: 'a.txt', title: 'A' },
        { file: 'b.txt', title: 'B' },
      ],
      duplicates: [{ file: 'c.txt', sameAs: 'a.txt' }],
      failed: [
        { file: 'd.pdf', reason: 'not a readable PDF (Invalid PDF structure.).' },
        { file: 'z.md', reason: 'the document is empty.' },
      ],
      notRead: ['x.txt', 'y.txt'],
    });
  });

  it('estimates the time left from the files read so far, building included', () => {
    expect(timeLeftMs({ done: 0, total: 10 }, 0)).toBeUndefined();
    expect(timeLeftMs({ done: 5, total: 10 }, 5_000)).toBe(5_000 + 4_500);
    expect(timeLeftMs({ done: 10, total: 10 }, 10_000)).toBe(4_500);
  });
});

describe('collections in the store', () => {
  const second = () =>
    samplePack({
      documents: [{ id: 'd3', title: 'Kim again', lang: 'en', source: 'three.txt', text: 'Kim spoke.' }],
      events: [],
      mentions: [{ entityId: 'kim', documentId: 'd3', start: 0, end: 3 }],
      entities: [samplePack().entities[0]!],
    });

  it('adding to a collection keeps its documents', async () => {
    const db = await database();
    await appendToPack(db, samplePack({ documents: samplePack().documents.map((d) => ({ ...d, id: `u-${d.id}` })), events: [], mentions: [] }), 'user:Mine');
    await appendToPack(db, second(), 'user:Mine');
    const [mine] = await importedPacks(db);
    expect(mine!.documents.map((document) => document.title)).toEqual(['Kim again', 'Putin spoke in Moscow', 'Summit in Vladivostok']);
    expect((await entityCounts(db, 'user:Mine')).get('d3')).toBe(1);
  });

  it('refuses, whole, a pack with a document id already stored', async () => {
    const db = await database();
    await expect(appendToPack(db, samplePack(), 'user:Mine')).rejects.toThrow(/^one\.txt is already stored/);
    expect(await importedPacks(db)).toEqual([]);
  });

  it('removing answers with what the collection held, and putting it back restores every row', async () => {
    const db = await database();
    await appendToPack(db, second(), 'user:Mine');
    const before = await Promise.all([db.documents.toArray(), db.documentMentions.toArray(), db.entities.get('kim')]);
    const removed = await removePack(db, 'user:Mine');
    expect(removed!.documents.map((document) => document.id)).toEqual(['d3']);
    expect(await db.documents.get('d3')).toBeUndefined();
    expect((await db.entities.get('kim'))!.packs).toEqual(['bundled']);
    await appendToPack(db, removed, 'user:Mine');
    const after = await Promise.all([db.documents.toArray(), db.documentMentions.toArray(), db.entities.get('kim')]);
    expect(after[0]).toEqual(before[0]);
    expect(after[1]).toEqual(before[1]);
    expect(after[2]).toEqual(before[2]);
  });

  it('removing a collection that holds nothing answers null', async () => {
    expect(await removePack(await database(), 'user:Nothing')).toBeNull();
  });
});
