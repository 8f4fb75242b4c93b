/**
 * The thesaurus (corpus/aliases.tsv) and the gazetteer decide which surface forms name the same
 * thing. Each form gets a concept key: the country code when the gazetteer knows it, else its
 * thesaurus row, else the folded form itself.
 */
import { ENTITY_TYPES, type EntityType } from '../pack';
import { foldAlias } from '../normalize';
import { mergeNames, type NamesByLanguage } from '../names';
import { countryCodeOf, countryNames } from './gazetteer';
import { memoized } from './memo';

export interface ThesaurusRow {
  key: string;
  names: string[];
  /** The optional leading type column: a hint, outweighed by nothing but itself. */
  type?: EntityType;
  /** The names whose cells carry a language (`Moscow@en`, `Pyongyang@it,en`), by language. */
  languages: NamesByLanguage;
}

export interface Thesaurus {
  rowOf(surface: string): ThesaurusRow | undefined;
}

export const EMPTY_THESAURUS: Thesaurus = { rowOf: () => undefined };

/** "Moscow@en" → Moscow, in English; "USA" → USA, in no language given. */
const LANGUAGE_TAG = /^(.+?)@([a-z]{2,3}(?:,[a-z]{2,3})*)$/;

/**
 * Parses the alias table: one row per thing, names separated by tabs, `#` starts a comment,
 * an optional first column names the type, a name may end with its languages (`@en`, `@it,en`).
 * Rows that share a name are one row.
 */
export function parseThesaurus(text: string): Thesaurus {
  const rowByName = new Map<string, ThesaurusRow>();
  for (const line of text.split(/\r?\n/)) {
    const cells = line
      .replace(/#.*$/, '')
      .split('\t')
      .map((cell) => cell.trim())
      .filter(Boolean);
    const type = ENTITY_TYPES.find((candidate) => candidate === cells[0]);
    const tagged = (type ? cells.slice(1) : cells).map((cell) => LANGUAGE_TAG.exec(cell) ?? [cell, cell, '']);
    const names = tagged.map(([, name]) => name!.trim());
    if (names.length === 0) continue;
    const known = names.map((name) => rowByName.get(foldAlias(name))).find(Boolean);
    const row = known ?? { key: '', names: [], type, languages: {} };
    row.names.push(...names.filter((name) => !row.names.some((existing) => foldAlias(existing) === foldAlias(name))));
    row.type ??= type;
    row.languages = mergeNames(
      row.languages,
      ...tagged.flatMap(([, name, langs]) =>
        langs!
          .split(',')
          .filter(Boolean)
          .map((lang) => ({ [lang]: [name!.trim()] })),
      ),
    );
    for (const name of row.names) rowByName.set(foldAlias(name), row);
  }
  for (const row of new Set(rowByName.values())) {
    const country = row.names.map(countryCodeOf).find(Boolean);
    row.key = country ? countryKey(country) : `alias:${foldAlias(row.names[0]!)}`;
  }
  return { rowOf: (surface) => rowByName.get(foldAlias(surface)) };
}

export interface Concept {
  key: string;
  /** Other names of the same thing (thesaurus row, gazetteer names in every language). */
  names: string[];
  type?: EntityType;
  countryCode?: string;
  /** The thesaurus's names with a language; a country's names by language come from the gazetteer. */
  languages?: NamesByLanguage;
}

const COUNTRY_PREFIX = 'country:';
const countryKey = (code: string) => COUNTRY_PREFIX + code;
const countryOfKey = (key: string) => (key.startsWith(COUNTRY_PREFIX) ? key.slice(COUNTRY_PREFIX.length) : undefined);

/** What the surface form names, as far as the thesaurus and the gazetteer know; undefined if unknown. */
export function knownConcept(surface: string, thesaurus: Thesaurus): Concept | undefined {
  let lookUp = conceptLookUps.get(thesaurus);
  if (!lookUp) conceptLookUps.set(thesaurus, (lookUp = memoized((form) => conceptOf(form, thesaurus))));
  return lookUp(surface);
}

/** One remembered look-up per thesaurus: the recogniser asks about the same spans again and again. */
const conceptLookUps = new WeakMap<Thesaurus, (surface: string) => Concept | undefined>();

function conceptOf(surface: string, thesaurus: Thesaurus): Concept | undefined {
  const row = thesaurus.rowOf(surface);
  const countryCode = row ? countryOfKey(row.key) : countryCodeOf(surface);
  if (!row && !countryCode) return undefined;
  const names = [...(row?.names ?? []), ...(countryCode ? countryNames(countryCode) : [])];
  return { key: row?.key ?? countryKey(countryCode!), names, type: row?.type ?? (countryCode ? 'place' : undefined), countryCode, languages: row?.languages };
}
