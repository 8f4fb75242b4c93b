/**
 * Which of an entity's names a reader is shown. Every alias keeps matching on pages (core/match);
 * this only chooses the card's title and its "also known as": the title in the page's language,
 * else in the reader's, else the corpus's own name; the other names only in the reader's and the
 * documents' languages, so that a country is not listed in Welsh, Breton and Dhivehi.
 */
import { foldAlias } from './normalize';

/** An entity's names by language (ISO 639-1 where there is one), the most usual first. */
export type NamesByLanguage = Record<string, string[]>;

export interface NameContext {
  /** The language of the page being read, when there is a page. */
  page?: string;
  /** The reader's languages, most preferred first (their settings, else the interface language). */
  reader: readonly string[];
  /** The languages of the documents that mention the entity. */
  documents: readonly string[];
}

export interface NamedEntity {
  name: string;
  aliases: string[];
  /** Missing in packs built before names had languages: then every alias is shown, as then. */
  names?: NamesByLanguage;
}

export interface ShownNames {
  name: string;
  otherNames: string[];
}

/** 'en-GB' → 'en', 'IT' → 'it'. */
export const primaryLanguage = (tag: string): string => tag.trim().toLowerCase().split(/[-_]/)[0]!;

/** The reader's languages: those their settings name, else the browser's interface language. */
export const readerLanguages = (settings: readonly string[], uiLanguage: string): string[] => (settings.length > 0 ? [...settings] : [primaryLanguage(uiLanguage)]);

const languages = (tags: readonly (string | undefined)[]) => [...new Set(tags.filter((tag): tag is string => !!tag?.trim()).map(primaryLanguage))];

export function shownNames(entity: NamedEntity, context: NameContext): ShownNames {
  const { names } = entity;
  if (!names) return { name: entity.name, otherNames: entity.aliases.filter((alias) => alias !== entity.name) };
  const preferred = languages([context.page, ...context.reader, ...context.documents]);
  const name = preferred.map((lang) => names[lang]?.[0]).find(Boolean) ?? entity.name;
  const listed = new Set(languages([...context.reader, ...context.documents]));
  const otherNames = uniqueNames(preferred.filter((lang) => listed.has(lang)).flatMap((lang) => names[lang] ?? [])).filter((other) => foldAlias(other) !== foldAlias(name));
  return { name, otherNames };
}

/** Keeps the first spelling of each folded form, in order. */
export function uniqueNames(names: Iterable<string>): string[] {
  const seen = new Map<string, string>();
  for (const name of names) {
    const key = foldAlias(name);
    if (key && !seen.has(key)) seen.set(key, name);
  }
  return [...seen.values()];
}

/** Joins several sources of names by language, earlier sources' names first in each language. */
export function mergeNames(...sources: (NamesByLanguage | undefined)[]): NamesByLanguage {
  const merged: NamesByLanguage = {};
  for (const source of sources) for (const [lang, names] of Object.entries(source ?? {})) merged[lang] = uniqueNames([...(merged[lang] ?? []), ...names]);
  return merged;
}
