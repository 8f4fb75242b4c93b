/**
 * Folders of distinct, real-sized articles made from real prose, for benchmarks and tests: the
 * development set's news pages (tests/fixtures/gold) as ingestion reads them, each generated
 * article one page's title and paragraphs in a shuffled order (deterministic for a given seed).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { DOMParser } from 'linkedom';
import { ingest, type SourceInput } from '../../core/ingest';
import { loadGold } from './ner-eval';
import { seededRandom } from './seeded-random';

export interface SourceArticle {
  title: string;
  /** The language ingestion found for the page. */
  lang?: string;
  paragraphs: string[];
}

const parseHtml = (html: string) => new DOMParser().parseFromString(html, 'text/html') as unknown as Document;

/** The articles of `pages` (HTML files; by default the development set's) as ingestion reads them: pages with no article are left out. */
export function realArticles(pages = loadGold().map((article) => article.page)): SourceArticle[] {
  const { pack } = ingest(
    pages.map((page) => ({ name: basename(page), content: readFileSync(page) })),
    { parseHtml },
  );
  return pack.documents.map((document) => ({ title: document.title, lang: document.lang, paragraphs: document.text.split('\n\n').slice(1) }));
}

/** Article `index` of a generated folder: its source page's paragraphs shuffled, its title numbered. */
export function articleMaker(articles: SourceArticle[], seed = 7): (index: number) => string {
  const random = seededRandom(seed);
  return (index) => {
    const source = articles[index % articles.length]!;
    const paragraphs = [...source.paragraphs].sort(() => random() - 0.5);
    return `${source.title} (${index})\n\n${paragraphs.join('\n\n')}`;
  };
}

export function articleFolder(articles: SourceArticle[], count: number, seed = 7): SourceInput[] {
  const article = articleMaker(articles, seed);
  return Array.from({ length: count }, (_, index) => ({ name: `article-${String(index).padStart(5, '0')}.txt`, content: article(index) }));
}
