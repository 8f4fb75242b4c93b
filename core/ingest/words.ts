/**
 * English words from the Hunspell dictionary (data/english-words.json, made by scripts/gazetteer.ts):
 * a capitalised word that is an ordinary English word ("Rich", "Security", "Gunmen") is no evidence
 * of a name, while one the dictionary knows only capitalised ("Reuters", "Sally") or not at all
 * ("Tumblr", "Likud") is.
 */
import words from './data/english-words.json';
import givenNames from './data/given-names.json';
import italianWords from './data/italian-words.json';

let common: Set<string> | undefined;
let italian: Set<string> | undefined;
let properNames: Set<string> | undefined;

/**
 * Plural, past, -ing and comparative forms are read back to the dictionary's base form. Comparatives
 * only of words ending in e or y ("later", "earlier"): "-er" on other words makes family names ("Carter", "Walker").
 */
const INFLECTIONS: [RegExp, string][] = [
  [/ier$/, 'y'],
  [/iest$/, 'y'],
  [/er$/, 'e'],
  [/est$/, 'e'],
  [/ies$/, 'y'],
  [/es$/, ''],
  [/s$/, ''],
  [/ied$/, 'y'],
  [/ed$/, ''],
  [/ed$/, 'e'],
  [/ing$/, ''],
  [/ing$/, 'e'],
  [/ly$/, ''],
  [/men$/, 'man'],
];

/**
 * `folded` (lower case, no accents) is an ordinary English word or an inflection of one, or, in
 * Italian text, an ordinary Italian word ("Polizia", "Rapina", "Responsabile"). English counts in
 * every language: news in any language borrows it ("Park", "Performance").
 */
export function isCommonWord(folded: string, lang?: string): boolean {
  common ??= new Set(words.common.split('\n'));
  if (common.has(folded)) return true;
  if (lang === 'it' && (italian ??= new Set(italianWords.common.split('\n'))).has(folded)) return true;
  // A form the dictionary knows as a proper name is that name, not an inflection ("Dover", "Oliver").
  properNames ??= new Set(words.names.split('\n'));
  return !properNames.has(folded) && INFLECTIONS.some(([ending, base]) => ending.test(folded) && common!.has(folded.replace(ending, base)));
}

let given: Set<string> | undefined;

/** `folded` is a given name ("cosimo", "vladimir") that is not also an ordinary word or a country. */
export function isGivenName(folded: string): boolean {
  given ??= new Set(givenNames.names.split('\n'));
  return given.has(folded);
}
