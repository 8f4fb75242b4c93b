/**
 * One document of a collection: opening it in the document view (its address, the background's
 * answer to a page) and deleting it (its mentions, events and the entities only it named go in
 * one transaction, notes stay, bad input changes nothing, and the answer puts it all back).
 */
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { documentViewQuery, readDocumentViewLocation, summarySpan } from '@/core/document-link';
import { newNoteId } from '@/core/notes';
import { createDocumentsService, type DocumentsPlatform } from '@/services/documents-service';
import { createRouter, type Sender } from '@/services/router';
import { allEvents, documentWithCollection, entityDossier, knowledgeDictionary } from '@/storage/knowledge';
import { addNote } from '@/storage/notes';
import { appendToPack, deleteDocument, entityCounts } from '@/storage/packs';
import { seededDatabases, storeContent } from './helpers/database';
import { samplePack, samplePackAs } from './helpers/packs';

const database = seededDatabases('documents');
const MINE = 'user:Mine' as const;

/** The bundled sample (d1, d2), the same two documents in the reader's collection (u1, u2), and a third naming someone only it names. */
async function withCollection() {
  const db = await database();
  await appendToPack(db, samplePackAs('u'), MINE);
  const text = 'Robert Mugabe met Kim in Harare.';
  await appendToPack(
    db,
    samplePack({
      documents: [{ id: 'u3', title: 'Harare', date: '2017-11', lang: 'en', source: 'three.txt', origin: 'https://news.example/harare', text }],
      entities: [{ id: 'mugabe', name: 'Robert Mugabe', type: 'person', aliases: ['Robert Mugabe', 'Mugabe'] }, samplePack().entities[0]!],
      events: [{ id: 'e3', date: '2017-11', summary: text, entities: ['mugabe', 'kim'], documentId: 'u3' }],
      mentions: [
        { entityId: 'mugabe', documentId: 'u3', start: 0, end: 13 },
        { entityId: 'kim', documentId: 'u3', start: 18, end: 21 },
      ],
    }),
    MINE,
  );
  return db;
}

describe('the document view’s address', () => {
  it('carries a document id and a sentence’s offsets, and reads them back', () => {
    const query = documentViewQuery('doc 1/é', { start: 23, end: 83 });
    expect(query).toBe('?id=doc%201%2F%C3%A9#23-83');
    const [search, hash] = query.split('#');
    expect(readDocumentViewLocation(search!, `#${hash}`)).toEqual({ documentId: 'doc 1/é', sentence: { start: 23, end: 83 } });
    expect(readDocumentViewLocation(documentViewQuery('d1'), '')).toEqual({ documentId: 'd1' });
  });

  it('leaves out a malformed or empty sentence rather than guess one', () => {
    for (const hash of ['#83-23', '#5-5', '#-1-4', '#1-2-3', '#javascript:alert(1)', '#1e3-2e3', '#12345678901-12345678902'])
      expect(readDocumentViewLocation('?id=d1', hash), hash).toEqual({ documentId: 'd1' });
    expect(readDocumentViewLocation('', '#1-4')).toEqual({ sentence: { start: 1, end: 4 } });
  });

  it('finds an event’s sentence in its document from its summary, a long one cut with an ellipsis included', () => {
    const text = 'Title.\n\nMoscow hosted the talks in 2023. Then it rained.';
    expect(summarySpan('Moscow hosted the talks in 2023.', text)).toEqual({ start: 8, end: 40 });
    expect(summarySpan('Moscow hosted the…', text)).toEqual({ start: 8, end: 25 });
    expect(summarySpan('Not in the text.', text)).toBeUndefined();
    expect(summarySpan('', text)).toBeUndefined();
  });
});

describe('what the document view and the timeline read', () => {
  it('reads a document with the name of its collection, and none for the bundled example', async () => {
    const db = await withCollection();
    expect(await documentWithCollection(db, 'u3')).toMatchObject({ document: { title: 'Harare', origin: 'https://news.example/harare' }, collection: 'Mine' });
    expect(await documentWithCollection(db, 'd1')).toEqual({ document: expect.objectContaining({ id: 'd1' }) });
    expect(await documentWithCollection(db, 'gone')).toBeNull();
  });

  it('gives the matcher every alias of the knowledge base', async () => {
    const db = await withCollection();
    expect(await knowledgeDictionary(db)).toEqual(
      expect.arrayContaining([
        { alias: 'Mugabe', entityId: 'mugabe', type: 'person' },
        { alias: 'Mosca', entityId: 'moscow', type: 'place' },
      ]),
    );
  });

  it('says where each event’s sentence is in its document', async () => {
    const db = await withCollection();
    const { sentences } = await allEvents(db);
    expect(sentences.get('e3')).toEqual({ start: 0, end: 32 });
    expect(sentences.get('e1')).toEqual({ start: 23, end: 83 });
  });
});

describe('deleting a document', () => {
  it('takes its mentions and events, the entities only it named, and the collection from entities still named elsewhere; notes stay', async () => {
    const db = await withCollection();
    const note = await addNote(db, { id: newNoteId(), target: { kind: 'entity', entityId: 'mugabe' }, body: 'Check the 2017 coup.' });
    const pageNote = await addNote(db, { id: newNoteId(), target: { kind: 'page', url: 'https://news.example/harare' }, body: 'The same story on the web.' });

    const deleted = await deleteDocument(db, 'u3');

    expect(deleted?.packId).toBe(MINE);
    expect(await db.documents.get('u3')).toBeUndefined();
    expect(await db.documentMentions.get('u3')).toBeUndefined();
    expect(await db.events.get('e3')).toBeUndefined();
    expect(await db.entities.get('mugabe')).toBeUndefined();
    // Kim is still named by u1 in the same collection, and by the bundled d1.
    expect((await db.entities.get('kim'))!.packs).toEqual(['bundled', MINE]);
    expect(await db.notes.count()).toBe(2);
    expect(await db.notes.bulkGet([note.id, pageNote.id])).toEqual([note, pageNote]);
    expect((await entityCounts(db, MINE)).has('u3')).toBe(false);
  });

  it('takes the collection off an entity no other document of it names, keeping the entity for the documents that still do', async () => {
    const db = await withCollection();
    await deleteDocument(db, 'u2');
    // Moscow is named by u2 alone in the collection, and by the bundled d2.
    expect((await db.entities.get('moscow'))!.packs).toEqual(['bundled']);
    expect((await entityDossier(db, 'moscow'))!.documents.map(({ document }) => document.id)).toEqual(['d2']);
  });

  it('answers with what went, which appended again puts every row back', async () => {
    const db = await withCollection();
    const before = await storeContent(db);
    const deleted = await deleteDocument(db, 'u3');
    expect(deleted!.removed.documents.map((document) => document.id)).toEqual(['u3']);
    await appendToPack(db, deleted!.removed, deleted!.packId);
    const after = await storeContent(db);
    expect(after).toEqual(before);
  });

  it('answers null for a document it does not hold, and refuses one of the bundled example, changing nothing', async () => {
    const db = await withCollection();
    const before = await storeContent(db);
    expect(await deleteDocument(db, 'nowhere')).toBeNull();
    await expect(deleteDocument(db, 'd1')).rejects.toThrow(/^one\.txt is part of Contesto’s bundled example/);
    expect(await storeContent(db)).toEqual(before);
  });
});

describe('the background’s answers about documents', () => {
  async function background() {
    const db = await withCollection();
    const platform: DocumentsPlatform = { openDocumentView: vi.fn(async () => {}), knowledgeChanged: vi.fn() };
    return { db, platform, router: createRouter(createDocumentsService(db, platform).handlers, Promise.resolve()) };
  }
  const FROM_PAGE: Sender = { context: 'page', url: 'https://news.example/article', tabId: 7 };

  it('opens a document at a sentence for a web page’s card, beside its tab, and answers nothing about it', async () => {
    const { router, platform } = await background();
    expect(await router.handle({ type: 'documents/open', payload: { documentId: 'u3', sentence: { start: 0, end: 32 } } }, FROM_PAGE)).toEqual({ ok: true, value: { opened: true } });
    expect(platform.openDocumentView).toHaveBeenCalledWith('u3', { start: 0, end: 32 }, 7);
  });

  it('refuses a malformed request to open one, opening nothing', async () => {
    const { router, platform } = await background();
    for (const payload of [
      { documentId: '' },
      { documentId: 'u3', sentence: { start: 9, end: 3 } },
      { documentId: 'u3', sentence: { start: -1, end: 3 } },
      { documentId: 'u3', url: 'javascript:alert(1)' },
      { documentId: 42 },
    ]) {
      const reply = await router.handle({ type: 'documents/open', payload }, FROM_PAGE);
      expect(reply, JSON.stringify(payload)).toMatchObject({ ok: false, error: expect.stringMatching(/^Invalid "documents\/open" message/) });
    }
    expect(platform.openDocumentView).not.toHaveBeenCalled();
  });

  it('deletes for the extension’s pages only, tells open pages, and refuses bad input leaving the store as it was', async () => {
    const { router, platform, db } = await background();
    const before = await storeContent(db);
    expect(await router.handle({ type: 'documents/delete', payload: { documentId: 'u3' } }, FROM_PAGE)).toEqual({ ok: false, error: '"documents/delete" is not available to web pages.' });
    for (const payload of [{}, { documentId: '' }, { documentId: ['u3'] }, { documentId: 'x'.repeat(201) }])
      expect((await router.handle({ type: 'documents/delete', payload }, { context: 'extension' })).ok).toBe(false);
    expect((await router.handle({ type: 'documents/delete', payload: { documentId: 'd1' } }, { context: 'extension' })).ok).toBe(false);
    expect(await storeContent(db)).toEqual(before);
    expect(platform.knowledgeChanged).not.toHaveBeenCalled();

    const reply = await router.handle({ type: 'documents/delete', payload: { documentId: 'u3' } }, { context: 'extension' });
    expect(reply).toMatchObject({ ok: true, value: { deleted: { packId: MINE } } });
    expect(platform.knowledgeChanged).toHaveBeenCalledTimes(1);
    expect(await router.handle({ type: 'documents/delete', payload: { documentId: 'u3' } }, { context: 'extension' })).toEqual({ ok: true, value: { deleted: null } });
    expect(platform.knowledgeChanged).toHaveBeenCalledTimes(1);
  });
});
