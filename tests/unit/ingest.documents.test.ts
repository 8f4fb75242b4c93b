import { describe, expect, it } from 'vitest';
import { parseDocument, type SourceInput } from '../../core/ingest';
import { parsePack } from '../../core/pack';
import { fixture, ingestFiles, parseHtml } from '../fixtures/ingest/helpers';

const parse = (name: string, content: SourceInput['content']) => parseDocument({ name, content }, parseHtml);

describe('document headers', () => {
  it('reads a date header that carries the title on its line', () => {
    const document = parse('a.txt', ' date 2023-01 Un titolo qualunque\n\n\nIl corpo del testo.');
    expect(document).toMatchObject({ date: '2023-01', title: 'Un titolo qualunque', text: 'Un titolo qualunque\n\nIl corpo del testo.' });
  });

  it('reads date, lang, title and source headers on their own lines', () => {
    const document = parse('b.txt', 'date 2022-07-13\nlang it\ntitle Il titolo\nsource https://example.org/x\n\nPrima riga del corpo.');
    expect(document).toMatchObject({ date: '2022-07-13', lang: 'it', title: 'Il titolo', origin: 'https://example.org/x', text: 'Il titolo\n\nPrima riga del corpo.' });
  });

  it('takes the first line as the title when there is no header, and ignores look-alike lines', () => {
    expect(parse('c.txt', 'Dates and figs\nThe body.')).toMatchObject({ title: 'Dates and figs', date: undefined, text: 'Dates and figs\n\nThe body.' });
    expect(parse('d.txt', 'date of birth unknown\nbody')).toMatchObject({ title: 'date of birth unknown', date: undefined });
  });
});

describe('formats', () => {
  it('reads Markdown front matter, the heading as title, and plain text without markup', () => {
    const document = parseDocument(fixture('university.md'), parseHtml);
    expect(document).toMatchObject({ date: '2023-11-20', lang: 'en', title: 'New climate research centre opens in Leeds with Norwegian partners' });
    const inline = parse('e.md', '# A *bold* [link](https://x.org) title\n\nSome **strong** text and `code`.');
    expect(inline.text).toBe('A bold link title\n\nSome strong text and code.');
  });

  it('keeps only the article of an HTML page, without navigation, ads or footer', () => {
    const document = parseDocument(fixture('article.html'), parseHtml);
    expect(document).toMatchObject({ title: 'Harbour bridge reopens after repairs', date: '2024-05-02', lang: 'en' });
    expect(document.text).toContain('The harbour bridge in Portsmouth reopened');
    expect(document.text).toContain('Council leader Margaret Doyle');
    for (const noise of ['Subscribe', 'Sunshine Sofas', 'Most read', 'Cookie']) expect(document.text).not.toContain(noise);
    const { pack } = ingestFiles([fixture('article.html')]);
    expect(pack.entities.map((entity) => `${entity.type} ${entity.name}`).sort()).toEqual(['person Margaret Doyle', 'place Portsmouth']);
  });

  it('keeps where an HTML page lives: its canonical address, else its sharing address, and only a web address', () => {
    const page = String(fixture('article.html').content);
    const withHead = (head: string) => page.replace(/<head([^>]*)>/i, (tag) => tag + head);
    expect(parse('a.html', withHead('<link rel="canonical" href="https://news.example/bridge"><meta property="og:url" content="https://m.news.example/b">')).origin).toBe(
      'https://news.example/bridge',
    );
    expect(parse('b.html', withHead('<meta property="og:url" content="https://m.news.example/b">')).origin).toBe('https://m.news.example/b');
    expect(parse('c.html', withHead('<link rel="canonical" href="javascript:alert(1)">')).origin).toBeUndefined();
  });
});

describe('the title of an HTML page', () => {
  const page = (head: string, heading: string) =>
    `<!DOCTYPE html><html lang="en"><head>${head}</head><body><article><h1>${heading}</h1>${'<p>The regional council met on Tuesday to vote on the new budget for schools and roads, after a long debate among its members.</p>'.repeat(6)}</article></body></html>`;

  it('is the article’s heading when the sharing title names the site and shares no word with the page title', () => {
    const html = page(
      '<title>Council backs school budget after long debate</title><meta property="og:title" content="Daily Courier - Latest News &amp; Headlines">',
      'Council backs school budget after long debate',
    );
    expect(parse('site-title.html', html).title).toBe('Council backs school budget after long debate');
  });

  it('stays the sharing title when the page title is the site’s, or when both speak of the same article', () => {
    const generic = page('<title>Daily Courier</title><meta property="og:title" content="Council backs school budget">', 'Council backs school budget after long debate');
    expect(parse('generic-page-title.html', generic).title).toBe('Council backs school budget');
    const same = page('<title>Council budget vote | Daily Courier</title><meta property="og:title" content="Council backs school budget">', 'Council budget vote');
    expect(parse('same-article.html', same).title).toBe('Council backs school budget');
  });
});

describe('malformed documents', () => {
  it.each([
    ['garbage.txt', 'PK\u0003\u0004\u0000\u0000\u0014\u0000binary', /garbage\.txt: .*binary/],
    ['empty.md', '  \n\n ', /empty\.md: .*empty/],
    ['no-article.html', fixture('no-article.html').content, /no-article\.html: no article/],
    ['notes.docx', 'whatever', /notes\.docx: unsupported file type/],
  ])('rejects %s with a message naming it', (name, content, message) => {
    expect(() => parse(name, content)).toThrow(message);
  });

  it('skips a malformed document, reports it by name, and builds the pack from the rest', () => {
    const { pack, failures } = ingestFiles([fixture('sindaco.txt'), { name: 'broken.txt', content: '\u0000\u0001\u0002' }, { name: 'empty.txt', content: '' }]);
    expect(failures.map((failure) => failure.source)).toEqual(['broken.txt', 'empty.txt']);
    expect(failures[0]!.message).toMatch(/^broken\.txt: /);
    expect(pack.documents.map((document) => document.source)).toEqual(['sindaco.txt']);
    expect(() => parsePack(pack)).not.toThrow();
  });
});

describe('language of a document without a lang header', () => {
  it.each([
    ['it', 'Il consiglio comunale della città ha approvato ieri sera il bilancio, dopo una lunga discussione nella quale gli assessori hanno spiegato perché le tasse non aumenteranno.'],
    ['en', 'The city council approved the budget last night after a long debate in which the councillors explained why taxes would not rise, although several of them had doubts.'],
    ['es', 'El ayuntamiento aprobó anoche el presupuesto después de un largo debate en el que los concejales explicaron por qué los impuestos no subirían, aunque varios tenían dudas.'],
    ['fr', 'Le conseil municipal a approuvé hier soir le budget après un long débat au cours duquel les conseillers ont expliqué pourquoi les impôts n’augmenteraient pas.'],
    ['pt', 'A câmara municipal aprovou ontem à noite o orçamento depois de um longo debate em que os vereadores explicaram por que os impostos não iriam subir.'],
  ])('reads %s', (lang, body) => {
    expect(ingestFiles([{ name: 'note.txt', content: `Title\n\n${body}` }]).pack.documents[0]!.lang).toBe(lang);
  });
});
