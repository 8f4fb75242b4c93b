/**
 * The scale benchmark's corpus (`npm run bench -- --scale`): thousands of distinct, real-sized
 * documents of real prose, the same ones for the same seed. Each document is one source page's
 * paragraphs from a random place on, wrapping round to its start (a reader's copy of an article,
 * or of part of it), with one to three paragraphs of other pages in the same language put in
 * among them, so that a document is always in one language and names what its language's pages
 * name. A title is the first sentence of one of the document's paragraphs, so titles vary as the documents do.
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { splitSentences } from '../../core/sentences';
import { realArticles, type SourceArticle } from './article-folder';
import { seededRandom } from './seeded-random';

export const SCALE_SEED = 2_024;

/** The real pages the corpus is made from when this checkout sits beside them. */
const SHARED_PAGES = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'pages');

/** A main page needs this many paragraphs to give its documents different beginnings and lengths. */
const MIN_PARAGRAPHS = 5;
/** Document lengths in characters are drawn between these, evenly on a log scale; a short page gives all it has. */
const MIN_CHARS = 2_000;
const MAX_CHARS = 16_000;
const MAX_TITLE = 90;
/** Draws of one document before giving up on making it differ from every earlier one. */
const MAX_DRAWS = 100;

export interface ScaleDocument {
  /** File name in the folder, in the documents' order. */
  name: string;
  lang: string;
  title: string;
  paragraphs: string[];
}

/** Every readable page of ../shared/pages (it and readability), or the development set's pages when they are not there. */
export function scaleSources(): SourceArticle[] {
  if (!existsSync(SHARED_PAGES)) return realArticles();
  const pages = readdirSync(SHARED_PAGES, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  return realArticles(pages);
}

export function scaleCorpus(sources: SourceArticle[], count: number, seed = SCALE_SEED): ScaleDocument[] {
  const random = seededRandom(seed);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  const byLanguage = new Map<string, SourceArticle[]>();
  for (const source of sources) {
    if (source.lang && source.paragraphs.length > 0) byLanguage.set(source.lang, [...(byLanguage.get(source.lang) ?? []), source]);
  }
  // A page can lead a document only when another page of its language can add to it.
  const mains = [...byLanguage.values()].filter((pages) => pages.length > 1).flatMap((pages) => pages.filter((page) => page.paragraphs.length >= MIN_PARAGRAPHS));
  if (mains.length === 0) throw new Error('No two source pages share a language: no document can be made.');
  // Fisher–Yates: every page leads the same number of documents, give or take one, in a seeded order.
  const order = [...mains];
  for (let last = order.length - 1; last > 0; last--) {
    const other = Math.floor(random() * (last + 1));
    [order[last], order[other]] = [order[other]!, order[last]!];
  }
  const seen = new Set<string>();
  const width = String(count - 1).length;

  return Array.from({ length: count }, (_, index) => {
    const main = order[index % order.length]!;
    const others = byLanguage.get(main.lang!)!.filter((page) => page !== main);
    for (let draw = 0; draw < MAX_DRAWS; draw++) {
      const target = MIN_CHARS * (MAX_CHARS / MIN_CHARS) ** random();
      const start = Math.floor(random() * main.paragraphs.length);
      const paragraphs: string[] = [];
      let length = 0;
      while (length < target && paragraphs.length < main.paragraphs.length) {
        const paragraph = main.paragraphs[(start + paragraphs.length) % main.paragraphs.length]!;
        paragraphs.push(paragraph);
        length += paragraph.length;
      }
      for (let extra = 1 + Math.floor(random() * 3); extra > 0; extra--) {
        paragraphs.splice(1 + Math.floor(random() * paragraphs.length), 0, pick(pick(others).paragraphs));
      }
      const key = paragraphs.join('\n\n');
      if (seen.has(key)) continue;
      seen.add(key);
      return { name: `scale-${String(index).padStart(width, '0')}.txt`, lang: main.lang!, title: titleOf(pick(paragraphs), main), paragraphs };
    }
    throw new Error(`Document ${index} came out the same as an earlier one ${MAX_DRAWS} times: ${main.title} has too few paragraphs.`);
  });
}

/** The first sentence of one of the document's paragraphs, shortened at a word; the page's title when that sentence is a word or two. */
function titleOf(paragraph: string, main: SourceArticle): string {
  const sentence = splitSentences(paragraph, main.lang)[0]?.text ?? '';
  if (sentence.split(/\s+/).length < 3 && sentence.length < 20) return main.title;
  if (sentence.length <= MAX_TITLE) return sentence;
  const cut = sentence.slice(0, MAX_TITLE);
  const space = cut.lastIndexOf(' ');
  return `${space > MAX_TITLE / 2 ? cut.slice(0, space) : cut}…`;
}

/** A document as its .txt file holds it: the title line, then its paragraphs (ingestion reads the first line as the title). */
export const documentText = (document: ScaleDocument) => `${document.title}\n\n${document.paragraphs.join('\n\n')}\n`;

/** Writes the documents into `folder` (made when missing) and returns their paths. */
export async function writeScaleCorpus(folder: string, documents: ScaleDocument[]): Promise<string[]> {
  await mkdir(folder, { recursive: true });
  const paths: string[] = [];
  // One at a time: thousands of files opened at once run out of file descriptors.
  for (const document of documents) {
    paths.push(join(folder, document.name));
    await writeFile(paths.at(-1)!, documentText(document));
  }
  return paths;
}
