/**
 * Measures the side panel's search (core/search.ts) on a synthetic knowledge base of 10,000
 * documents: index build time, query times (median and 95th percentile over repeated queries),
 * and the heap it holds. `npx tsx scripts/search-bench.ts [documents]`
 */
import { buildSearchIndex, type SearchableKnowledge } from '../core/search';

const documentCount = Number(process.argv[2] ?? 10_000);

// A deterministic Zipf-like vocabulary of 60,000 made-up words, so posting lists look like prose.
let seed = 1;
const random = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
const syllables = ['ba', 'co', 'di', 'fe', 'gu', 'la', 'me', 'ni', 'po', 'ru', 'sa', 'te', 'vi', 'zo', 'tra', 'pre', 'sto', 'gli', 'chi', 'ren'];
const vocabulary = Array.from({ length: 60_000 }, () => Array.from({ length: 2 + Math.floor(random() * 3) }, () => syllables[Math.floor(random() * syllables.length)]).join(''));
const word = () => vocabulary[Math.floor(random() ** 3 * vocabulary.length)];
const words = (n: number) => Array.from({ length: n }, word).join(' ');

const people = Array.from({ length: 3_000 }, (_, i) => `${word()} ${word()}${i}`);
const knowledge: SearchableKnowledge = {
  entities: [
    ...people.map((name, i) => ({ id: `p${i}`, name, type: 'person' as const, aliases: [name, name.split(' ')[1]] })),
    { id: 'nk', name: 'North Korea', type: 'place', aliases: ['North Korea', 'Corea del Nord', 'Corée du Nord'] },
    { id: 'kirby', name: 'John Kirby', type: 'person', aliases: ['John Kirby', 'Kirby'] },
  ],
  events: Array.from({ length: documentCount * 2 }, (_, i) => ({ id: `e${i}`, date: `20${10 + (i % 15)}-0${1 + (i % 9)}`, summary: words(25) })),
  documents: Array.from({ length: documentCount }, (_, i) => ({ id: `d${i}`, title: words(8), date: `20${10 + (i % 15)}`, text: words(600) })),
};

const heapBefore = process.memoryUsage().heapUsed;
let start = performance.now();
const index = buildSearchIndex(knowledge);
const buildMs = performance.now() - start;
const heapMB = (process.memoryUsage().heapUsed - heapBefore) / 1e6;

const queries = ['corea', 'kirby', 'Corée', people[42].split(' ')[0], vocabulary[7], `${vocabulary[3]} ${vocabulary[11]}`, vocabulary[5].slice(0, 3), 'nrth korea'];
const times: number[] = [];
for (let round = 0; round < 20; round++) {
  for (const query of queries) {
    start = performance.now();
    index.search(query);
    times.push(performance.now() - start);
  }
}
times.sort((a, b) => a - b);
const text = knowledge.documents.reduce((n, d) => n + d.text.length, 0);
console.log(`${documentCount} documents (${(text / 1e6).toFixed(1)} M characters), ${knowledge.entities.length} entities, ${knowledge.events.length} events`);
console.log(`build ${buildMs.toFixed(0)} ms, index heap ≈ ${heapMB.toFixed(0)} MB`);
console.log(`query median ${times[times.length >> 1].toFixed(2)} ms, p95 ${times[Math.floor(times.length * 0.95)].toFixed(2)} ms, max ${times.at(-1)!.toFixed(2)} ms (${times.length} queries)`);
console.log(
  `"corea" → ${index
    .search('corea')
    .entities.map((e) => e.name)
    .join(', ')}; "kirby" → ${index
    .search('kirby')
    .entities.map((e) => e.name)
    .join(', ')}`,
);
