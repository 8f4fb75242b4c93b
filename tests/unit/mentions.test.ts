/** Mentions stored one row per document (storage/mentions.ts), read back one mention at a time. */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { documentMentionRows, mentionsIn, mentionsOfDocument, mentionsOfPack, mentionsOfRow, rowsNaming } from '@/storage/mentions';
import { rowsWithAnyKey } from '@/storage/query';
import { seededDatabases } from './helpers/database';

const database = seededDatabases('mentions');
const mention = (documentId: string, entityId: string, start: number) => ({ documentId, entityId, start, end: start + 3, sentenceStart: 0, sentenceEnd: 40 });

describe('mentions by document', () => {
  it('groups a pack’s mentions into one row per document with its language, naming each entity once', () => {
    const rows = documentMentionRows([mention('a', 'x', 0), mention('b', 'y', 4), mention('a', 'x', 9), mention('a', 'z', 20)], 'user:Mine', [{ id: 'a', lang: 'it' }, { id: 'b' }]);
    expect(rows.map(({ documentId, entityIds, spans }) => [documentId, entityIds, spans.length / 5])).toEqual([
      ['a', ['x', 'z'], 3],
      ['b', ['y'], 1],
    ]);
    expect(rows.every((row) => row.pack === 'user:Mine')).toBe(true);
    expect(rows.map((row) => row.lang)).toEqual(['it', undefined]);
  });

  it('gives back from a row every mention it was made from, as the pack gave it', () => {
    const mentions = [mention('a', 'x', 0), mention('a', 'z', 20), mention('a', 'x', 9)];
    const [row] = documentMentionRows(mentions, 'bundled', []);
    expect(mentionsOfRow(row!)).toEqual(mentions.map((m) => ({ ...m, pack: 'bundled' })));
  });

  it('finds every mention of the entities asked for across documents, and no mention of another entity', async () => {
    const db = await database();
    const kim = mentionsIn(await rowsNaming(db, ['kim']), ['kim']);
    expect(kim.map(({ documentId, entityId, pack }) => [documentId, entityId, pack])).toEqual([
      ['d1', 'kim', 'bundled'],
      ['d1', 'kim', 'bundled'],
    ]);
    const putinOrMoscow = mentionsIn(await rowsNaming(db, ['putin', 'moscow']), ['putin', 'moscow']);
    expect(new Set(putinOrMoscow.map((m) => `${m.documentId}:${m.entityId}`))).toEqual(new Set(['d1:putin', 'd2:putin', 'd2:moscow']));
  });

  it('reads the rows naming several entities as anyOf().distinct() does: each once, by entity and then by document', async () => {
    const db = await database();
    const mentions = [mention('d9', 'kim', 0), mention('d9', 'putin', 9), mention('d3', 'moscow', 0), mention('d7', 'kim', 4), mention('d4', 'putin', 2), mention('d4', 'kim', 8)];
    await db.documentMentions.bulkPut(documentMentionRows(mentions, 'user:Mine', []));
    for (const ids of [['putin', 'kim'], ['kim'], ['moscow', 'putin', 'kim', 'kim'], ['nobody']]) {
      const byCursor = await db.documentMentions.where('entityIds').anyOf(ids).distinct().toArray();
      const byGetAll = await rowsWithAnyKey(db.documentMentions, 'entityIds', ids, (row) => row.documentId);
      expect(byGetAll.map((row) => row.documentId)).toEqual(byCursor.map((row) => row.documentId));
    }
  });

  it('reads one document’s mentions in text order and a pack’s in full', async () => {
    const db = await database();
    const d2 = await mentionsOfDocument(db, 'd2');
    expect(d2.map((m) => m.entityId)).toEqual(['putin', 'moscow', 'moscow']);
    expect(await mentionsOfDocument(db, 'missing')).toEqual([]);
    expect((await mentionsOfPack(db, 'bundled')).length).toBe((await mentionsOfDocument(db, 'd1')).length + d2.length);
  });
});
