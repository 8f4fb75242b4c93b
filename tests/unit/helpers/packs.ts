import type { PackV1 } from '@/core/pack';

/**
 * A small, valid pack with two documents, for store tests that must not depend on extraction.
 * Written as version 1 (mentions without their sentences), so every store test also reads an old pack.
 */
export function samplePack(overrides: Partial<PackV1> = {}): PackV1 {
  const text1 = 'Summit in Vladivostok. Kim Jong-un met Vladimir Putin in Vladivostok in April 2019. Kim praised the talks.';
  const text2 = 'Putin spoke in Moscow. Moscow hosted the talks in 2023.';
  return {
    format: 'contesto-pack',
    version: 1,
    generatedAt: '2026-01-01T00:00:00.000Z',
    documents: [
      { id: 'd1', title: 'Summit in Vladivostok', date: '2019-04', lang: 'en', source: 'one.txt', text: text1 },
      { id: 'd2', title: 'Putin spoke in Moscow', date: '2023-01', lang: 'en', source: 'two.txt', text: text2 },
    ],
    entities: [
      { id: 'kim', name: 'Kim Jong-un', type: 'person', aliases: ['Kim Jong-un', 'Kim'], description: 'leader of North Korea' },
      { id: 'putin', name: 'Vladimir Putin', type: 'person', aliases: ['Vladimir Putin', 'Putin'] },
      { id: 'vladivostok', name: 'Vladivostok', type: 'place', aliases: ['Vladivostok'] },
      { id: 'moscow', name: 'Moscow', type: 'place', aliases: ['Moscow', 'Mosca'] },
    ],
    events: [
      { id: 'e2', date: '2023', summary: 'Moscow hosted the talks in 2023.', entities: ['moscow'], documentId: 'd2' },
      { id: 'e1', date: '2019-04', summary: 'Kim Jong-un met Vladimir Putin in Vladivostok in April 2019.', entities: ['kim', 'putin', 'vladivostok'], documentId: 'd1' },
    ],
    mentions: [
      ...occurrences(text1, 'Vladivostok', 'vladivostok', 'd1'),
      ...occurrences(text1, 'Kim', 'kim', 'd1'),
      ...occurrences(text1, 'Putin', 'putin', 'd1'),
      ...occurrences(text2, 'Putin', 'putin', 'd2'),
      ...occurrences(text2, 'Moscow', 'moscow', 'd2'),
    ],
    ...overrides,
  };
}

function occurrences(text: string, needle: string, entityId: string, documentId: string) {
  return [...text.matchAll(new RegExp(needle, 'g'))].map((m) => ({ entityId, documentId, start: m.index!, end: m.index! + needle.length }));
}

/** The sample pack with document ids of its own (`<prefix>1`, `<prefix>2`), to add beside the seeded one. */
export function samplePackAs(prefix: string): PackV1 {
  const pack = samplePack();
  const id = (documentId: string) => documentId.replace(/^d/, prefix);
  return {
    ...pack,
    documents: pack.documents.map((document) => ({ ...document, id: id(document.id) })),
    events: pack.events.map((event) => ({ ...event, id: `${prefix}-${event.id}`, documentId: id(event.documentId) })),
    mentions: pack.mentions.map((mention) => ({ ...mention, documentId: id(mention.documentId) })),
  };
}
