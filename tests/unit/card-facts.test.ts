/**
 * A card reads only what it shows (storage/knowledge.ts entityCardFacts), and must show what the
 * side panel's full view of the same entity (entityDossier) begins with, for every entity of a
 * store built from real documents.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { correctedKnowledge, entityCardFacts, entityDossier } from '@/storage/knowledge';
import { appendToPack } from '@/storage/packs';
import { addCorrection } from '@/storage/corrections';
import { fixture, ingestFiles } from '../fixtures/ingest/helpers';
import { seededDatabases } from './helpers/database';

const database = seededDatabases('card-facts');
const SHOWN = { events: 3, sources: 2, related: 8 };

async function realStore() {
  const db = await database();
  await appendToPack(db, ingestFiles(['article.html', 'sindaco.txt', 'university.md'].map(fixture)).pack, 'user:Mine-1');
  return db;
}

async function expectCardToOpenTheDossier(db: Awaited<ReturnType<typeof database>>, id: string) {
  const [card, dossier, cardFromKnownEntities] = await Promise.all([
    entityCardFacts(db, id, SHOWN),
    entityDossier(db, id),
    correctedKnowledge(db).then((known) => entityCardFacts(db, id, SHOWN, known)),
  ]);
  // The background reads the entities once for every card: what it shows must be what the store says.
  expect(cardFromKnownEntities).toEqual(card);
  const sentences = dossier!.documents.flatMap(({ document, sentences }) => sentences.map(({ start, end }) => ({ documentId: document.id, start, end })));
  expect(card!.entity).toEqual(dossier!.entity);
  expect(card!.events.map((event) => event.id)).toEqual(
    dossier!.events.events
      .map((event) => event.id)
      .reverse()
      .slice(0, SHOWN.events),
  );
  expect(card!.eventCount).toBe(dossier!.events.events.length);
  expect(card!.sources.map(({ document, start, end }) => ({ documentId: document.id, start, end }))).toEqual(sentences.slice(0, SHOWN.sources));
  expect(card!.sourceCount).toBe(sentences.length);
  expect(card!.related).toEqual(dossier!.related.slice(0, SHOWN.related));
  expect(card!.documentLanguages).toEqual([...new Set(dossier!.documents.flatMap(({ document }) => document.lang ?? []))]);
  expect(card!.noteCount).toBe(dossier!.notes.length);
}

describe('a card’s facts', () => {
  it('are the beginning of the entity’s full view, for every entity of a store built from real documents', async () => {
    const db = await realStore();
    const ids = (await db.entities.toArray()).map((entity) => entity.id);
    expect(ids.length).toBeGreaterThan(10);
    for (const id of ids) await expectCardToOpenTheDossier(db, id);
  });

  it('follow the reader’s merges and splits as the full view does', async () => {
    const db = await realStore();
    await addCorrection(db, { kind: 'merge', entityId: 'kim', into: 'putin' });
    await addCorrection(db, { kind: 'split', entityId: 'moscow', name: 'Mosca' });
    for (const id of ['putin', 'kim', 'moscow']) await expectCardToOpenTheDossier(db, id);
    expect(await entityCardFacts(db, 'no-such-entity', SHOWN)).toBeNull();
  });
});
