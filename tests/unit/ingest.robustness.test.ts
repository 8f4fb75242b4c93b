import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../core/ingest/decode';
import { parsePack } from '../../core/pack';
import { fixture, ingestFiles, ROOT } from '../fixtures/ingest/helpers';

// Each of these runs the CLI in a fresh Node process, which loads the gazetteers: allow for a busy machine.
const CLI_TIMEOUT_MS = 60_000;
const LATIN_SENTENCE = 'Niccolò Fabbri è andato a Città di Castello con Agnès Müller.';

/** Windows-1252 bytes of a Latin-1 string (every character here is below U+0100). */
const windows1252 = (text: string) => Uint8Array.from(text, (character) => character.charCodeAt(0));
const utf16 = (text: string, littleEndian: boolean, mark: boolean) => {
  const bytes = new Uint8Array((text.length + (mark ? 1 : 0)) * 2);
  const view = new DataView(bytes.buffer);
  [...(mark ? '\uFEFF' : ''), ...text].forEach((character, index) => view.setUint16(index * 2, character.charCodeAt(0), littleEndian));
  return bytes;
};

describe('text encodings', () => {
  it.each([
    ['UTF-8', new TextEncoder().encode(LATIN_SENTENCE)],
    ['UTF-8 with a byte-order mark', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(LATIN_SENTENCE)])],
    ['ISO-8859-1 / Windows-1252', windows1252(LATIN_SENTENCE)],
    ['UTF-16 LE with a byte-order mark', utf16(LATIN_SENTENCE, true, true)],
    ['UTF-16 BE with a byte-order mark', utf16(LATIN_SENTENCE, false, true)],
    ['UTF-16 LE without a mark', utf16(LATIN_SENTENCE, true, false)],
  ])('decodes %s', (_, bytes) => {
    expect(decodeText(bytes)).toBe(LATIN_SENTENCE);
  });

  it('reads Windows-1252 punctuation that Latin-1 lacks', () => {
    expect(decodeText(new Uint8Array([0x93, 0x43, 0x69, 0x61, 0x6f, 0x94, 0x20, 0x80]))).toBe('“Ciao” €');
  });

  it('uses an HTML page’s declared charset when its bytes are not UTF-8', () => {
    const page = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15"></head><body>${LATIN_SENTENCE} \u00a4</body></html>`;
    expect(decodeText(windows1252(page), true)).toContain(`${LATIN_SENTENCE} €`);
  });

  it('ingests Latin-1 and UTF-16 documents with their accented names', () => {
    const body = `Visita in Umbria\n\n${LATIN_SENTENCE} Il sindaco Niccolò Fabbri ha parlato a lungo.`;
    const { pack, failures } = ingestFiles([
      { name: 'latin1.txt', content: windows1252(body) },
      { name: 'notepad.txt', content: utf16(body.replace('Umbria', 'Toscana'), true, true) },
    ]);
    expect(failures).toEqual([]);
    const names = pack.entities.map((entity) => entity.name);
    expect(names).toEqual(expect.arrayContaining(['Niccolò Fabbri', 'Città di Castello']));
    expect(pack.documents.map((document) => document.title).sort()).toEqual(['Visita in Toscana', 'Visita in Umbria']);
  });

  it('still refuses true binary data', () => {
    const { failures } = ingestFiles([{ name: 'photo.txt', content: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 2, 3, 0, 0]) }]);
    expect(failures[0]?.message).toMatch(/^photo\.txt: .*binary/);
  });
});

describe('one odd document never breaks the pack', () => {
  it('takes no name from a token of a million characters', () => {
    const { pack, failures } = ingestFiles([{ name: 'token.txt', content: `Una parola lunga\n\nIl testo contiene ${'Ab'.repeat(500_000)} e niente altro.` }]);
    expect(failures).toEqual([]);
    expect(pack.documents).toHaveLength(1);
    expect(Math.max(0, ...pack.entities.map((entity) => entity.name.length))).toBeLessThan(200);
    expect(() => parsePack(pack)).not.toThrow();
  });

  it('reports a document the pack cannot hold by name and writes the others', () => {
    const huge = `Archivio\n\n${'Una riga di testo qualunque.\n'.repeat(740_000)}`; // over the pack's 20 M characters
    const { pack, failures } = ingestFiles([fixture('sindaco.txt'), { name: 'archive.txt', content: huge }, fixture('university.md')]);
    expect(failures.map((failure) => failure.source)).toEqual(['archive.txt']);
    expect(failures[0]!.message).toMatch(/^archive\.txt: the document text: /);
    expect(pack.documents.map((document) => document.source).sort()).toEqual(['sindaco.txt', 'university.md']);
    expect(() => parsePack(pack)).not.toThrow();
  });

  it(
    'npm run kb writes the pack from a folder holding a million-character token and names what it skipped',
    () => {
      const folder = mkdtempSync(join(tmpdir(), 'contesto-kb-'));
      writeFileSync(join(folder, 'token.txt'), `Una parola lunga\n\n${'X'.repeat(1_000_000)}`);
      writeFileSync(join(folder, 'sindaco.txt'), fixture('sindaco.txt').content);
      writeFileSync(join(folder, 'university.md'), fixture('university.md').content);
      writeFileSync(join(folder, 'broken.txt'), new Uint8Array([0, 1, 2, 3, 0, 0, 7, 8]));
      const out = join(folder, 'pack.json');
      const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'kb.ts'), folder, '--out', out], { cwd: ROOT, encoding: 'utf8' });
      expect(run.stderr).toMatch(/^Skipped broken\.txt: .*binary/m);
      expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(run.status).toBe(0);
      const pack = parsePack(readFileSync(out, 'utf8'));
      expect(pack.documents.map((document) => document.source).sort()).toEqual(['sindaco.txt', 'token.txt', 'university.md']);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'npm run kb exits with a clear message when nothing could be read',
    () => {
      const folder = mkdtempSync(join(tmpdir(), 'contesto-kb-'));
      writeFileSync(join(folder, 'broken.txt'), new Uint8Array([0, 1, 2, 3]));
      const output = (() => {
        try {
          return execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'kb.ts'), folder, '--out', join(folder, 'pack.json')], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
        } catch (error) {
          return { status: (error as { status: number }).status, stderr: (error as { stderr: string }).stderr };
        }
      })();
      expect(output).toMatchObject({ status: 1, stderr: expect.stringMatching(/No document in .* could be read; no pack written\./) });
    },
    CLI_TIMEOUT_MS,
  );
});
