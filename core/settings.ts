/** Reader settings and the rules that use them (pure; stored by storage/settings.ts). */
import { primaryLanguage } from './names';
import { ENTITY_TYPES, type EntityType } from './entity-types';

/** Every occurrence of an entity on a page, or only its first. */
export const OCCURRENCES = ['all', 'first'] as const;
export type Occurrences = (typeof OCCURRENCES)[number];

export interface Settings {
  enabled: boolean;
  /** Sites (host names) where the reader turned Contesto off. */
  disabledSites: string[];
  hoverDelayMs: number;
  /** The entity types highlighted on pages. */
  highlightTypes: EntityType[];
  occurrences: Occurrences;
  /** The reader's languages, BCP-47 primary codes ('it', 'en') in order of preference; empty means the browser's UI language. */
  languages: string[];
}

export const DEFAULT_SETTINGS: Settings = { enabled: true, disabledSites: [], hoverDelayMs: 350, highlightTypes: [...ENTITY_TYPES], occurrences: 'all', languages: [] };

export const MAX_HOVER_DELAY_MS = 5_000;
export const MAX_LANGUAGES = 10;
/** A BCP-47 primary language subtag, as the reader's languages are kept: 'it', 'en', 'haw'. */
export const LANGUAGE_CODE = /^[a-z]{2,3}$/;

/** What a page needs of the settings to highlight and explain (page/init's answer). */
export type PageSettings = Pick<Settings, 'hoverDelayMs' | 'highlightTypes' | 'occurrences' | 'languages'>;

export function pageSettings({ hoverDelayMs, highlightTypes, occurrences, languages }: Settings): PageSettings {
  return { hoverDelayMs, highlightTypes, occurrences, languages };
}

/** The site a page belongs to, as the reader turns Contesto off for it. */
export function siteOf(url: string): string {
  return new URL(url).hostname;
}

export function isEnabledFor(settings: Settings, url: string): boolean {
  return settings.enabled && !settings.disabledSites.includes(siteOf(url));
}

export function withSiteEnabled(settings: Settings, host: string, enabled: boolean): string[] {
  const others = settings.disabledSites.filter((site) => site !== host);
  return enabled ? others : [...others, host];
}

/**
 * Reads the languages the reader typed ('it, en-GB fr'): their primary codes, once each, in order;
 * undefined when one is not a language code or there are too many.
 */
export function parseLanguages(text: string): string[] | undefined {
  const codes = [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .filter(Boolean)
        .map(primaryLanguage),
    ),
  ];
  return codes.length <= MAX_LANGUAGES && codes.every((code) => LANGUAGE_CODE.test(code)) ? codes : undefined;
}

/** What a match is to the filter: its entity, its drawn type, and every entity its words name when they name several. */
export interface Shown {
  entityId: string;
  type: EntityType;
  candidates?: readonly string[];
}

/**
 * The matches to draw, in page order: those of the types the reader highlights and, with 'first',
 * only an entity's first occurrence (`shown` holds the entities the page already shows). Words that
 * name several entities are the first occurrence of all of them, or of none when one is shown already,
 * so no entity is highlighted twice.
 */
export function matchesToDraw<M extends Shown>(matches: readonly M[], settings: Pick<Settings, 'highlightTypes' | 'occurrences'>, shown: ReadonlySet<string> = new Set()): M[] {
  const types = new Set(settings.highlightTypes);
  const ofType = matches.filter((match) => types.has(match.type));
  if (settings.occurrences === 'all') return ofType;
  const seen = new Set(shown);
  return ofType.filter((match) => {
    const entities = match.candidates ?? [match.entityId];
    if (entities.some((id) => seen.has(id))) return false;
    for (const id of entities) seen.add(id);
    return true;
  });
}
