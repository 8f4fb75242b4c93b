/**
 * Place names and the adjectives made from them. `isKnownPlace`: the world's cities, towns and
 * first-level regions (data/places.json, made by scripts/gazetteer.ts from GeoNames); it types a
 * name the documents use, and never creates one. `isAdjectival`: a demonym ("Kenyan", "Israelis")
 * derived from a country or continent name, or a religious or political group ("Islamists").
 */
import english from 'i18n-iso-countries/langs/en.json';
import { foldAlias } from '../normalize';
import places from './data/places.json';
import { memoized } from './memo';
import type { Token } from './tokens';

let placeNames: Set<string> | undefined;

/** Continents and world regions, in English and Italian: GeoNames lists towns, not these. */
const REGIONS = [
  'africa',
  'america',
  'americas',
  'asia',
  'europe',
  'europa',
  'oceania',
  'antarctica',
  'antartide',
  'arctic',
  'artico',
  'eurasia',
  'scandinavia',
  'balkans',
  'balcani',
  'caucasus',
  'caucaso',
  'middle east',
  'medio oriente',
  'far east',
  'estremo oriente',
  'maghreb',
  'sahel',
  'levant',
];
/** "North America", "Africa occidentale": a compass word and a region or country is a region. */
const COMPASS = /^(?:north|south|east|west|central|northern|southern|eastern|western|latin|sub-saharan|nord|sud|est|ovest|centrale|settentrionale|meridionale|orientale|occidentale)$/;

export const isKnownPlace = memoized((surface: string): boolean => {
  placeNames ??= new Set([...places.names.split('\n'), ...REGIONS, ...Object.values(english.countries).flat().map(foldAlias)]);
  const folded = foldAlias(surface);
  if (placeNames.has(folded)) return true;
  const words = folded.split(' ');
  return words.length === 2 && (COMPASS.test(words[0]!) ? placeNames.has(words[1]!) : COMPASS.test(words[1]!) && placeNames.has(words[0]!));
});

const CONTINENTS = ['africa', 'america', 'asia', 'europe', 'oceania', 'antarctica', 'australasia', 'arabia', 'scandinavia', 'caucasus', 'balkans'];
/** Demonyms not made by a suffix from their country's English name. */
const IRREGULAR_DEMONYMS = `british briton english french dutch swiss greek thai welsh scottish scot irish danish dane swedish swede
  finnish finn polish pole turkish turk spanish spaniard portuguese norwegian filipino arab saudi afghan emirati
  kurdish kurd basque catalan flemish walloon bavarian sicilian sardinian tuscan neapolitan latino hispanic`;
/** Religions, ideologies and parties' followers: groups of people, not named entities. */
const GROUP_WORDS = `muslim christian catholic protestant evangelical orthodox jew jewish islamist islamic jihadist salafist
  sunni shiite shia alawite druze hindu buddhist sikh copt mormon baptist methodist anglican lutheran
  democrat republican conservative liberal socialist communist fascist nazi marxist leninist maoist zionist
  loyalist unionist nationalist separatist royalist westerner easterner northerner southerner`;
const DEMONYM_SUFFIXES = ['ians', 'ian', 'vians', 'vian', 'nians', 'nian', 'eans', 'ean', 'ans', 'an', 'ns', 'n', 'is', 'i', 'ese', 'lese', 'ish', 'ic', 'ics', 'ites', 'ite'];

let adjectivals: Set<string> | undefined;
let demonymBases: Set<string> | undefined;

/** "Kenyan": a demonym, a religion or a group, by its last hyphen part ("African-American"), singular or plural. */
export function isAdjectival(token: Token): boolean {
  if (!token.capitalised || token.acronym) return false;
  adjectivals ??= new Set(`${IRREGULAR_DEMONYMS} ${GROUP_WORDS}`.split(/\s+/).filter(Boolean));
  const word = token.folded.split(/[-‐‑]/).at(-1)!;
  const singular = word.endsWith('s') ? word.slice(0, -1) : word;
  return adjectivals.has(word) || adjectivals.has(singular) || isDemonym(word);
}

function isDemonym(word: string): boolean {
  demonymBases ??= buildDemonymBases();
  for (const suffix of DEMONYM_SUFFIXES) {
    if (!word.endsWith(suffix) || word.length - suffix.length < 3) continue;
    const stem = word.slice(0, -suffix.length);
    if (demonymBases.has(stem)) return true;
  }
  return false;
}

/** Every English country and continent name word, whole and without its final vowel: "kenya", "keny", "palestin". */
function buildDemonymBases(): Set<string> {
  const bases = new Set<string>();
  const names = Object.values(english.countries).flat();
  for (const name of [...names, ...CONTINENTS]) {
    for (const word of foldAlias(name).split(/[\s,]+/)) {
      if (word.length < 4) continue;
      bases.add(word);
      bases.add(word.replace(/[aeiouy]$/, ''));
    }
  }
  return bases;
}
