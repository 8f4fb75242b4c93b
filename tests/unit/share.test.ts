import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { parsePack } from '@/core/pack';
import { runImport } from '@/core/ingest/run';
import { createPacksService } from '@/services/packs-service';
import { createRouter } from '@/services/router';
import { addCorrection, listCorrections } from '@/storage/corrections';
import { entityDossier } from '@/storage/knowledge';
import { appendToPack, exportKnowledge, knownDocuments } from '@/storage/packs';
import type { ContestoDatabase } from '@/storage/schema';
import { fixture, ingestFiles, parseHtml, thesaurus } from '../fixtures/ingest/helpers';
import { seededDatabases } from './helpers/database';

const seededDatabase = seededDatabases('share');

/** Adds a shared file to `db` as the options page does: read by runImport, then every pack through the background's packs/import. */
async function addSharedFile(db: ContestoDatabase, text: string) {
  const { packs, summary } = await runImport([{ name: 'shared.json', bytes: async () => new TextEncoder().encode(text) }], {
    thesaurus,
    parseHtml,
    loadPdf: () => Promise.reject(new Error('no PDF here')),
    known: await knownDocuments(db),
  });
  const router = createRouter(createPacksService(db, vi.fn()).handlers, Promise.resolve());
  for (const pack of packs) expect(await router.handle({ type: 'packs/import', payload: { label: 'From a colleague', pack } }, { context: 'extension' })).toMatchObject({ ok: true });
  return summary;
}

describe('sharing a knowledge base', () => {
  it('exports the documents the reader added (not the bundled example), what was found in them and their corrections, as one valid pack', async () => {
    const db = await seededDatabase();
    await appendToPack(db, ingestFiles([fixture('article.html')]).pack, 'user:Desk');
    await addCorrection(db, { kind: 'type', entityId: 'moscow', type: 'organization' });
    const shared = parsePack(JSON.stringify(await exportKnowledge(db)));
    expect(shared.documents.map((document) => document.title)).toEqual(['Harbour bridge reopens after repairs']);
    expect(shared.entities.map((entity) => entity.name).sort()).toEqual(['Margaret Doyle', 'Portsmouth']);
    expect(shared.corrections).toEqual([expect.objectContaining({ id: 'type:moscow', kind: 'type', type: 'organization', was: 'place' })]);
  });

  it('a colleague adds it: the new documents and corrections merge in, their own corrections win, and adding it again adds nothing twice', async () => {
    const author = await seededDatabase();
    await appendToPack(author, ingestFiles([fixture('article.html')]).pack, 'user:Desk');
    await addCorrection(author, { kind: 'type', entityId: 'moscow', type: 'organization' });
    await addCorrection(author, { kind: 'not-an-entity', entityId: 'kim' });
    const file = JSON.stringify(await exportKnowledge(author));

    const colleague = await seededDatabase();
    await addCorrection(colleague, { kind: 'type', entityId: 'moscow', type: 'other' });
    const first = await addSharedFile(colleague, file);
    expect(first.added.map((added) => added.title)).toEqual(['Harbour bridge reopens after repairs']);
    expect((await entityDossier(colleague, (await colleague.entities.filter((entity) => entity.name === 'Margaret Doyle').first())!.id))?.documents).toHaveLength(1);
    const corrections = await listCorrections(colleague);
    expect(corrections.find((correction) => correction.id === 'type:moscow')).toMatchObject({ type: 'other' });
    expect(corrections.map((correction) => correction.id).sort()).toEqual(['not-an-entity:kim', 'type:moscow']);

    const again = await addSharedFile(colleague, file);
    expect([again.added, again.duplicates.map((duplicate) => duplicate.file)]).toEqual([[], ['shared.json › article.html']]);
    expect(await colleague.documents.count()).toBe(3);
    expect(await colleague.corrections.count()).toBe(2);
  });
});
