import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newNoteId, pageTitle, type NoteTarget } from '@/core/notes';
import { notesToMarkdown, parseNotesExport, toAnnotationCollection, type NoteRecord } from '@/core/web-annotation';
import { createNotesService, type NotesPlatform } from '@/services/notes-service';
import { createRouter } from '@/services/router';
import { allNotes, noteRecord, readNoteDraft } from '@/storage/notes';
import { openDatabase, type ContestoDatabase } from '@/storage/schema';

const dbs: ContestoDatabase[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const selection: Extract<NoteTarget, { kind: 'selection' }> = {
  kind: 'selection',
  url: 'https://news.example/corea?id=7#paragraph-3',
  quote: { type: 'TextQuoteSelector', exact: 'Corea del Nord 🇰🇵 «sempre più vicina»\nalla Russia', prefix: 'Pyongyang — la ', suffix: ' — dice 金正恩 😀' },
  position: { type: 'TextPositionSelector', start: 1_204, end: 1_253 },
};

/** Notes with every field set, in scripts and emoji that a lossy encoding would damage. */
const notes: NoteRecord[] = [
  {
    id: crypto.randomUUID(),
    target: selection,
    body: '**Vérifier** la date 👀\n\n- fonte: TASS\n- 🇷🇺 ↔ 🇰🇵',
    tags: ['corea', 'da verificare ✅', 'Ελλάδα'],
    created: '2026-01-02T10:00:00.000Z',
    updated: '2026-01-03T11:30:00.000Z',
  },
  {
    id: 'kim-note:1/2?#%',
    target: { kind: 'entity', entityId: 'ent/Kim Jong-un?é' },
    body: 'Leader — 김정은, “the Marshal”.',
    tags: ['persona'],
    created: '2026-01-01T09:00:00.000Z',
    updated: '2026-01-01T09:00:00.000Z',
  },
  { id: crypto.randomUUID(), target: { kind: 'page', url: 'https://example.org/città/%E2%9C%93?q=ü' }, body: '', tags: [], created: '2026-01-04T08:00:00.000Z', updated: '2026-01-04T08:00:00.000Z' },
];

function setUp(platform: Partial<NotesPlatform> = {}) {
  const db = openDatabase(`notes-${Math.random()}`);
  dbs.push(db);
  const fullPlatform: NotesPlatform = { notesChanged: vi.fn(), selectionOf: vi.fn(async () => null), ...platform };
  const router = createRouter(createNotesService(db, fullPlatform).handlers, Promise.resolve());
  return { db, platform: fullPlatform, send: (type: string, payload: unknown) => router.handle({ type, payload }, { context: 'extension' }) };
}

const sorted = (records: NoteRecord[]) => [...records].sort((a, b) => a.id.localeCompare(b.id));

describe('Web Annotation export and import', () => {
  it('round-trips notes with every field set, Unicode and emoji included, losslessly', async () => {
    const exported = JSON.stringify(toAnnotationCollection(notes), null, 2);
    expect(parseNotesExport(exported)).toEqual(notes);

    const { db, send } = setUp();
    expect(await send('notes/import', { text: exported })).toEqual({ ok: true, value: { added: notes.map((n) => n.id), updated: [], skipped: [] } });
    expect(sorted((await allNotes(db)).map(noteRecord))).toEqual(sorted(notes));
    // Exported again from the store, the file is the same.
    expect(JSON.stringify(toAnnotationCollection(sorted((await allNotes(db)).map(noteRecord))))).toBe(JSON.stringify(toAnnotationCollection(sorted(notes))));
  });

  it('writes the W3C model: an AnnotationCollection of Annotations with quote and position selectors', () => {
    const collection = toAnnotationCollection(notes);
    expect(collection).toMatchObject({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', total: 3 });
    const [first] = collection.first.items;
    expect(first).toMatchObject({ id: `urn:uuid:${notes[0].id}`, type: 'Annotation', motivation: 'commenting', created: notes[0].created, modified: notes[0].updated });
    expect(first.target).toEqual({ type: 'SpecificResource', source: selection.url, selector: [selection.quote, selection.position] });
    expect(first.body).toContainEqual({ type: 'TextualBody', purpose: 'tagging', value: 'corea' });
  });

  it("keeps the page's title of page and selection notes through export and import, as the page resource's dcterms:title", async () => {
    const title = 'Corea del Nord e Russia — «alleati» 🇰🇵 | News';
    const titled: NoteRecord[] = [
      { ...notes[0], id: crypto.randomUUID(), target: { ...selection, title } },
      { ...notes[2], id: crypto.randomUUID(), target: { kind: 'page', url: 'https://example.org/città', title: '' } },
      { ...notes[2], id: crypto.randomUUID(), target: { kind: 'page', url: 'https://example.org/pagina', title } },
    ];
    const collection = toAnnotationCollection([...notes, ...titled]);
    const targets = collection.first.items.slice(notes.length).map((item) => item.target);
    expect(targets).toEqual([
      { type: 'SpecificResource', source: { id: selection.url, 'dcterms:title': title }, selector: [selection.quote, selection.position] },
      { id: 'https://example.org/città', 'dcterms:title': '' },
      { id: 'https://example.org/pagina', 'dcterms:title': title },
    ]);
    const exported = JSON.stringify(collection);
    expect(parseNotesExport(exported)).toEqual([...notes, ...titled]);
    const { db, send } = setUp();
    await send('notes/import', { text: exported });
    expect(JSON.stringify(toAnnotationCollection(sorted((await allNotes(db)).map(noteRecord))))).toBe(JSON.stringify(toAnnotationCollection(sorted([...notes, ...titled]))));
    expect(notesToMarkdown(titled, () => undefined)).toContain(`## Corea del Nord e Russia — «alleati» 🇰🇵 | News · <${selection.url}>`);
    const tooLong = JSON.stringify(toAnnotationCollection([{ ...titled[2], target: { kind: 'page', url: 'https://example.org/', title: 'x'.repeat(1_001) } }]));
    expect(() => parseNotesExport(tooLong)).toThrow(/Annotation 1: target/);
  });

  it('keeps a page title as one line, and none for a page without one (a tab then shows its address)', () => {
    expect(pageTitle('  Talks in\n Kyiv ', 'https://news.example/kyiv')).toEqual({ title: 'Talks in Kyiv' });
    expect(pageTitle('', 'https://news.example/kyiv')).toEqual({});
    expect(pageTitle(undefined, 'https://news.example/kyiv')).toEqual({});
    expect(pageTitle('news.example/kyiv', 'https://news.example/kyiv')).toEqual({});
  });

  it('merges by id and reports what it added, updated and skipped', async () => {
    const { db, send } = setUp();
    await send('notes/import', { text: JSON.stringify(toAnnotationCollection(notes.slice(0, 2))) });
    const edited = { ...notes[0], body: 'newer text', updated: '2026-02-01T00:00:00.000Z' };
    const older = { ...notes[1], body: 'older text', updated: '2025-01-01T00:00:00.000Z' };
    const reply = await send('notes/import', { text: JSON.stringify(toAnnotationCollection([edited, older, notes[2]])) });
    expect(reply).toEqual({ ok: true, value: { added: [notes[2].id], updated: [notes[0].id], skipped: [notes[1].id] } });
    expect((await db.notes.get(notes[0].id))?.body).toBe('newer text');
    expect((await db.notes.get(notes[1].id))?.body).toBe(notes[1].body);
  });

  it('refuses a malformed file with a clear message and leaves the store exactly as it was', async () => {
    const { db, send, platform } = setUp();
    await send('notes/import', { text: JSON.stringify(toAnnotationCollection(notes)) });
    const before = await allNotes(db);
    const good = toAnnotationCollection([
      { ...notes[0], body: 'changed', updated: '2030-01-01T00:00:00.000Z' },
      { ...notes[1], id: 'brand-new' },
    ]);
    const badItem = (change: object) => JSON.stringify({ ...good, first: { ...good.first, items: [...good.first.items, { ...good.first.items[0], ...change }] } });
    const malformed: [string, RegExp][] = [
      ['{"type": "AnnotationCollection", "first": ', /not JSON/],
      ['{"hello": "world"}', /not a Web Annotation collection/],
      [badItem({ id: 'other', created: 'yesterday' }), /Annotation 3: created/],
      [badItem({ id: 'other', target: { type: 'SpecificResource', source: 'https://a.example/', selector: [] } }), /Annotation 3: target/],
      [badItem({ id: 'other', target: 'not a url' }), /Annotation 3: target/],
      [badItem({}), /appears twice/],
    ];
    vi.mocked(platform.notesChanged).mockClear();
    for (const [text, message] of malformed) {
      const reply = await send('notes/import', { text });
      expect(reply.ok, text.slice(0, 60)).toBe(false);
      if (!reply.ok) expect(reply.error).toMatch(message);
    }
    expect(await allNotes(db)).toEqual(before);
    expect(platform.notesChanged).not.toHaveBeenCalled();
  });

  it('renders a Markdown digest with the quote, the body and the tags', () => {
    const markdown = notesToMarkdown(notes, (id) => (id === 'ent/Kim Jong-un?é' ? 'Kim Jong-un' : undefined));
    expect(markdown).toContain('## **Kim Jong-un**');
    expect(markdown).toContain('> Corea del Nord 🇰🇵 «sempre più vicina»\n> alla Russia');
    expect(markdown).toContain('**Vérifier** la date 👀');
    expect(markdown).toContain('Tags: #corea #da verificare ✅ #Ελλάδα');
  });
});

describe('notes in the store', () => {
  it('stores a note sent twice under the same id once, and answers the same id both times', async () => {
    const { db, send } = setUp();
    const id = newNoteId();
    const first = await send('notes/add', { id, target: selection, body: 'first', tags: ['a'] });
    const again = await send('notes/add', { id, target: selection, body: 'first', tags: ['a'] });
    expect(first).toEqual({ ok: true, value: { id } });
    expect(again).toEqual({ ok: true, value: { id } });
    const stored = await allNotes(db);
    expect(stored.map((note) => [note.id, note.body])).toEqual([[id, 'first']]);
    // A different note under a taken id changes nothing either.
    expect(await send('notes/add', { id, target: selection, body: 'other' })).toEqual({ ok: true, value: { id } });
    expect(await allNotes(db)).toEqual(stored);
  });

  it('refuses a note whose id is not one a sender makes', async () => {
    const { db, send } = setUp();
    for (const id of ['', 'n-1', `${newNoteId()}x`]) expect(await send('notes/add', { id, target: selection, body: 'x' })).toMatchObject({ ok: false, error: expect.stringMatching(/id/) });
    expect(await send('notes/add', { target: selection, body: 'x' })).toMatchObject({ ok: false, error: expect.stringMatching(/id/) });
    expect(await allNotes(db)).toEqual([]);
  });

  it('edits, deletes and restores a note exactly (undo)', async () => {
    const { db, send, platform } = setUp();
    const added = await send('notes/add', { id: newNoteId(), target: selection, body: 'first', tags: ['a'] });
    const id = (added as { value: { id: string } }).value.id;
    expect(platform.notesChanged).toHaveBeenCalled();
    const created = (await db.notes.get(id))!;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await send('notes/update', { id, body: 'second', tags: ['b', 'b', 'c'] })).toEqual({ ok: true, value: { updated: true } });
    const edited = (await db.notes.get(id))!;
    expect(edited).toMatchObject({ body: 'second', tags: ['b', 'c'], created: created.created });
    expect(edited.updated > created.updated).toBe(true);

    const deleted = await send('notes/delete', { id });
    expect(await db.notes.get(id)).toBeUndefined();
    const record = (deleted as { value: { deleted: NoteRecord } }).value.deleted;
    expect(record).toEqual(noteRecord(edited));
    await send('notes/restore', { note: record });
    expect(await db.notes.get(id)).toEqual(edited);
  });

  it("gives a page its selection notes (whatever the URL's fragment) and remembers which are orphaned", async () => {
    const { db, send } = setUp();
    await send('notes/import', { text: JSON.stringify(toAnnotationCollection(notes)) });
    const forPage = await send('notes/for-page', { url: 'https://news.example/corea?id=7' });
    expect(forPage).toEqual({ ok: true, value: [{ id: notes[0].id, quote: selection.quote, position: selection.position }] });
    await send('notes/anchored', { found: [], lost: [notes[0].id] });
    expect((await db.notes.get(notes[0].id))?.orphaned).toBe(true);
    await send('notes/anchored', { found: [notes[0].id], lost: [] });
    expect((await db.notes.get(notes[0].id))?.orphaned).toBe(false);
  });

  it("captures a tab's selection as a draft for the side panel's editor", async () => {
    const { db, send } = setUp({ selectionOf: vi.fn(async (tabId: number) => (tabId === 7 ? selection : null)) });
    expect(await send('notes/capture-selection', { tabId: 8 })).toEqual({ ok: true, value: { captured: false } });
    expect(await readNoteDraft(db)).toBeUndefined();
    expect(await send('notes/capture-selection', { tabId: 7 })).toEqual({ ok: true, value: { captured: true } });
    expect(await readNoteDraft(db)).toMatchObject({ target: selection });
    await send('notes/dismiss-draft', {});
    expect(await readNoteDraft(db)).toBeUndefined();
  });
});
