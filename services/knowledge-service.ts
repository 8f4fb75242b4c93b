/**
 * Answers what pages ask of the knowledge base: the compiled dictionary (held in memory and
 * rebuilt when the store changes, one more for a site where the reader hid names), entity cards, settings, opening the side panel.
 */
import { compileMatcher, type CompiledMatcher } from '@/core/match';
import type { EntityCard } from '@/core/messages';
import { readerLanguages, shownNames, type NameContext } from '@/core/names';
import { isEnabledFor, pageSettings, siteOf, withSiteEnabled, type Settings } from '@/core/settings';
import { correctionsInForce } from '@/storage/corrections';
import { entityDossier, knowledgeDictionary } from '@/storage/knowledge';
import type { ContestoDatabase } from '@/storage/schema';
import { readSettings, writeSettings } from '@/storage/settings';
import type { Handlers } from './router';

/** What the service needs from the browser, injected so it runs under test without one. */
export interface Platform {
  openSidePanel(tabId: number | undefined, entityId: string | undefined): Promise<boolean>;
  settingsChanged(): void;
  /** The browser's interface language: the reader's language when their settings name none. */
  uiLanguage(): string;
}

/** Events and sources a card shows: the rest is one click away, in the side panel. */
const CARD_EVENTS = 3;
const CARD_SOURCES = 2;

export function createKnowledgeService(db: ContestoDatabase, platform: Platform) {
  /**
   * Compiled dictionaries: one for every page, and one more for each site where the reader hid
   * names (storage/corrections.ts), built when a page of that site first asks.
   */
  const compiled = new Map<string, Promise<CompiledMatcher>>();
  let sitesWithHiddenNames: Promise<Set<string>> | undefined;
  // The background is the store's only writer, so its copy of the settings holds until settings/update: a page load reads no store.
  let settings: Promise<Settings> | undefined;
  const currentSettings = () =>
    (settings ??= readSettings(db).catch((error: unknown) => {
      settings = undefined;
      throw error;
    }));

  async function matcherFor(url: string): Promise<CompiledMatcher> {
    const sites = await (sitesWithHiddenNames ??= correctionsInForce(db).then((excluded) => new Set(excluded.namesBySite.keys())));
    const site = sites.has(siteOf(url)) ? siteOf(url) : '';
    let matcher = compiled.get(site);
    if (!matcher) compiled.set(site, (matcher = knowledgeDictionary(db, site || undefined).then(compileMatcher)));
    return matcher;
  }

  /**
   * The popover's part of the entity's dossier: newest events first, then sources, eight related
   * entities, each named in the language that fits the page (`pageLanguage`) and the reader.
   */
  async function entityCard(entityId: string, pageLanguage: string | undefined): Promise<EntityCard | null> {
    const [dossier, { languages }] = await Promise.all([entityDossier(db, entityId), currentSettings()]);
    if (!dossier) return null;
    const { entity, events, documents, related, notes } = dossier;
    const context: NameContext = { page: pageLanguage, reader: readerLanguages(languages, platform.uiLanguage()), documents: documents.flatMap(({ document }) => document.lang ?? []) };
    const { name, otherNames } = shownNames(entity, context);
    const sources = documents.flatMap(({ document, sentences }) =>
      sentences.map(({ text, start, end }) => ({ sentence: text, title: document.title, date: document.date, documentId: document.id, start, end })),
    );
    return {
      id: entity.id,
      name,
      type: entity.type,
      description: entity.description,
      aliases: otherNames,
      events: events.events
        .map(({ id, date, summary }) => ({ id, date, summary }))
        .reverse()
        .slice(0, CARD_EVENTS),
      sources: sources.slice(0, CARD_SOURCES),
      more: Math.max(0, events.events.length - CARD_EVENTS) + Math.max(0, sources.length - CARD_SOURCES),
      related: related.slice(0, 8).map(({ entity: other }) => ({ id: other.id, name: shownNames(other, context).name, type: other.type })),
      noteCount: notes.length,
    };
  }

  const handlers: Handlers<'page/init' | 'entity/card' | 'sidepanel/open' | 'settings/update'> = {
    'page/init': async ({ payload }) => {
      const current = await currentSettings();
      if (!isEnabledFor(current, payload.url)) return { enabled: false };
      return { enabled: true, matcher: await matcherFor(payload.url), ...pageSettings(current) };
    },
    'entity/card': async ({ payload }) => entityCard(payload.entityId, payload.lang),
    'sidepanel/open': async ({ payload }, sender) => ({ opened: await platform.openSidePanel(sender.tabId, payload.entityId) }),
    'settings/update': async ({ payload }) => {
      const before = await currentSettings();
      const { site, ...given } = payload;
      const changes: Partial<Settings> = {
        ...Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)),
        ...(site && { disabledSites: withSiteEnabled(before, site.host, site.enabled) }),
      };
      await writeSettings(db, changes);
      const after = { ...before, ...changes };
      settings = Promise.resolve(after);
      platform.settingsChanged();
      return after;
    },
  };

  return {
    handlers,
    /** Call after the store's entities change so the next page gets the new dictionary. */
    invalidateMatcher() {
      compiled.clear();
      sitesWithHiddenNames = undefined;
    },
  };
}
