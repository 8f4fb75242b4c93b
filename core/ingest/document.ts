/**
 * Turns a source file ({name, content}) into title, header fields and plain text.
 * `text` is always the title, a blank line, then the body: mentions are offsets into it.
 */
import { Readability, isProbablyReaderable } from '@mozilla/readability';
import { ISO_PARTIAL_DATE } from '../pack';
import { decodeText } from './decode';
import { IngestError } from './errors';
import { withoutEventHandlers } from './inert-html';

export interface SourceInput {
  /** File name or path relative to the corpus folder; decides the format by its extension. */
  name: string;
  /** Text, or the file's bytes as read from disk or a file picker (decoded by core/ingest/decode.ts). */
  content: string | Uint8Array;
}

interface TextInput {
  name: string;
  content: string;
}

export interface ParsedDocument {
  source: string;
  title: string;
  text: string;
  date?: string;
  lang?: string;
  /** The `source` header (where the text came from), when the document gives one. */
  origin?: string;
}

export type HtmlParser = (html: string) => Document;

type Format = 'text' | 'markdown' | 'html' | 'pdf';

const FORMATS: Record<string, Format> = { txt: 'text', text: 'text', md: 'markdown', markdown: 'markdown', html: 'html', htm: 'html', pdf: 'pdf' };

const MAX_TITLE = 300;

export function formatOf(name: string): Format | undefined {
  const extension = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase();
  return extension ? FORMATS[extension] : undefined;
}

export function parseDocument(source: SourceInput, parseHtml: HtmlParser): ParsedDocument {
  const format = formatOf(source.name);
  if (!format) throw new IngestError(source.name, 'unsupported file type (expected .txt, .md, .html or .pdf).');
  // A PDF's bytes are no text: its text comes from readPdf (core/ingest/pdf.ts) and is read as plain text.
  if (format === 'pdf' && typeof source.content !== 'string') throw new IngestError(source.name, 'a PDF is read with readPdf first.');
  const input: TextInput = { name: source.name, content: typeof source.content === 'string' ? source.content : decodeText(source.content, format === 'html') };
  if (looksBinary(input.content)) throw new IngestError(input.name, 'this looks like binary data, not text.');
  if (!input.content.trim()) throw new IngestError(input.name, 'the document is empty.');
  const parsed = format === 'html' ? parseHtmlDocument(input, parseHtml) : parsePlainDocument(input, format === 'pdf' ? 'text' : format);
  if (!parsed.title && !parsed.text.trim()) throw new IngestError(input.name, 'the document has no text.');
  // A first line of thousands of characters is a paragraph, not a title: show its beginning.
  if (parsed.title.length > MAX_TITLE) parsed.title = `${parsed.title.slice(0, MAX_TITLE - 1).trimEnd()}…`;
  return parsed;
}

/** NUL bytes, or many control characters / replacement characters, mean a binary file read as text. */
function looksBinary(content: string): boolean {
  if (content.includes('\u0000')) return true;
  const suspicious = content.match(/[\u0001-\u0008\u000E-\u001F\uFFFD]/g)?.length ?? 0;
  return suspicious > Math.max(2, content.length * 0.02);
}

// ---------------------------------------------------------------- plain text and Markdown

/** `date 2023-01`, `lang it`, `title …`, `source …`; Markdown front matter writes them `key: value`. */
const HEADER = /^(date|lang|title|source)\s*:?[ \t]+(.+)$/;
const DATE_VALUE = /^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:\s+(.*))?$/;
const LANG_VALUE = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

interface Headers {
  date?: string;
  lang?: string;
  title?: string;
  origin?: string;
}

function parsePlainDocument(input: TextInput, format: Format): ParsedDocument {
  const lines = input.content
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  const headers: Headers = {};
  let index = format === 'markdown' ? skipFrontMatterFence(lines) : 0;
  // Headers end at the first line that is not one; a date header may carry the title on its line.
  for (; index < lines.length; index++) {
    const line = lines[index]!.trim();
    if (!line || line === '---') continue;
    const header = HEADER.exec(line);
    const read = header ? readHeader(header[1]!, header[2]!.trim(), headers) : 'text';
    if (read === 'text') break;
    if (read === 'title follows') {
      index++;
      break;
    }
  }
  let body = lines.slice(index);
  if (!headers.title) {
    const titleAt = body.findIndex((line) => line.trim());
    headers.title = titleAt < 0 ? '' : body[titleAt]!.trim();
    body = body.slice(titleAt + 1);
  }
  const toText = format === 'markdown' ? markdownToText : (line: string) => line;
  const title = toText(headers.title.replace(/^#+\s*/, '')).trim();
  const bodyText = body
    .map(toText)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { source: input.name, title, text: joinTitle(title, bodyText), date: headers.date, lang: headers.lang, origin: headers.origin };
}

/** Markdown front matter opens with `---`; returns the index of the first line after the fence. */
function skipFrontMatterFence(lines: string[]): number {
  const first = lines.findIndex((line) => line.trim());
  return first >= 0 && lines[first]!.trim() === '---' ? first + 1 : 0;
}

/**
 * Stores a header value. 'text' when the value does not fit (the line is text after all);
 * 'title follows' when the date line carries the title, which ends the headers.
 */
function readHeader(key: string, value: string, headers: Headers): 'header' | 'title follows' | 'text' {
  switch (key) {
    case 'date': {
      const match = DATE_VALUE.exec(value);
      if (!match || !ISO_PARTIAL_DATE.test(match[1]!)) return 'text';
      headers.date = match[1];
      if (!match[2]?.trim()) return 'header';
      headers.title = match[2].trim();
      return 'title follows';
    }
    case 'lang':
      if (!LANG_VALUE.test(value)) return 'text';
      headers.lang = value.split('-')[0];
      return 'header';
    case 'title':
      headers.title = value;
      return 'header';
    default:
      headers.origin = value;
      return 'header';
  }
}

/** Markdown syntax removed line by line, keeping the words a reader sees. */
function markdownToText(line: string): string {
  return line
    .replace(/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/, '')
    .replace(/^\s*(```.*|~~~.*|[-*_]{3,}\s*)$/, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^\p{L}\p{N}])[*_](\S(?:.*?\S)?)[*_](?=$|[^\p{L}\p{N}])/gu, '$1$2')
    .replace(/`([^`]*)`/g, '$1');
}

function joinTitle(title: string, body: string): string {
  return [title, body].filter(Boolean).join('\n\n');
}

// ---------------------------------------------------------------- HTML

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const BLOCKS = new Set(['P', 'DIV', 'SECTION', 'ARTICLE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'UL', 'OL', 'BLOCKQUOTE', 'PRE', 'TABLE', 'TR', 'FIGCAPTION', 'BR', 'HR']);

function parseHtmlDocument(input: TextInput, parseHtml: HtmlParser): ParsedDocument {
  const page = parseHtml(withoutEventHandlers(input.content));
  const lang = page.documentElement?.getAttribute('lang')?.split('-')[0]?.toLowerCase() || undefined;
  const declaredDate = page.querySelector('meta[property="article:published_time"], meta[name="date"], time[datetime]');
  // Where the page says it lives: its canonical address, else the one it gives for sharing.
  const address = [page.querySelector('link[rel="canonical"]')?.getAttribute('href'), page.querySelector('meta[property="og:url"]')?.getAttribute('content')].find(
    (value) => value && /^https?:\/\//.test(value),
  );
  if (!isProbablyReaderable(page)) throw new IngestError(input.name, 'no article found in this HTML page.');
  // Read before Readability, which takes the page apart.
  const [pageTitle, heading] = ['title', 'h1'].map((tag) => page.querySelector(tag)?.textContent?.replace(/\s+/g, ' ').trim() ?? '');
  const article = new Readability(page).parse();
  if (!article?.content) throw new IngestError(input.name, 'no article found in this HTML page.');
  const body = blockText(parseHtml(`<!DOCTYPE html><html><body>${article.content}</body></html>`).body);
  if (!body) throw new IngestError(input.name, 'the article in this HTML page has no text.');
  const title = articleTitle((article.title ?? '').replace(/\s+/g, ' ').trim(), pageTitle!, heading!);
  const date = isoDatePrefix(article.publishedTime ?? declaredDate?.getAttribute('content') ?? declaredDate?.getAttribute('datetime'));
  return { source: input.name, title, text: joinTitle(title, body), date, lang, ...(address && { origin: address }) };
}

/**
 * Readability's title (the page's metadata first, e.g. og:title), unless that names the site: a
 * metadata title sharing no word with the page's <title>, while the page's main heading is in its
 * <title>, is the site's own ("Yahoo News - Latest News & Headlines"), and the heading is the article's.
 */
function articleTitle(readabilityTitle: string, pageTitle: string, heading: string): string {
  const words = (text: string) => new Set(text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []);
  const titleWords = words(pageTitle);
  const sharesWord = [...words(readabilityTitle)].some((word) => titleWords.has(word));
  return heading && !sharesWord && pageTitle.includes(heading) ? heading : readabilityTitle;
}

/** Text of an element with one blank line between blocks and single spaces within them. */
function blockText(root: Element): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === TEXT_NODE) parts.push((node.nodeValue ?? '').replace(/\s+/g, ' '));
    if (node.nodeType !== ELEMENT_NODE) return;
    const block = BLOCKS.has((node as Element).tagName.toUpperCase());
    if (block) parts.push('\n\n');
    node.childNodes.forEach(walk);
    if (block) parts.push('\n\n');
  };
  walk(root);
  return parts
    .join('')
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .join('\n\n');
}

function isoDatePrefix(value: string | null | undefined): string | undefined {
  const match = /^\d{4}(-\d{2}(-\d{2})?)?/.exec(value?.trim() ?? '');
  return match && ISO_PARTIAL_DATE.test(match[0]) ? match[0] : undefined;
}
