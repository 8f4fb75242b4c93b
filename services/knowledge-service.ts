/**
 * Answers what pages ask of the knowledge base: the names in their text (the matcher is held in
 * memory and rebuilt when the store changes, one more for a site where the reader hid names;
 * compiled once per change of the knowledge and kept in the store, storage/matcher-cache.ts),
 * entity cards, settings, opening the side panel.
 */
import { compileMatcher, loadMatcher, type Matcher } from '@/core/match';
import type { EntityCard, SelectionNote } from '@/core/messages';
import { readerLanguages, shownNames, type NameContext } from '@/core/names';
import { pageUrl } from '@/core/page-url';
import { isEnabledFor, pageSettings, siteOf, withSiteEnabled, type Settings } from '@/core/settings';
import { correctedKnowledge, dictionaryOf, entityCardFacts } from '@/storage/knowledge';
import { cacheDictionary, knowledgeStamp, readCachedDictionaries } from '@/storage/matcher-cache';
import type { ContestoDatabase } from '@/storage/schema';
import { readSettings, writeSettings } from '@/storage/settings';
import { remembered } from '@/core/remembered';
import type { Handlers } from './router';

/** What the service needs from the browser, injected so it runs under test without one. */
export interface Platform {
  openSidePanel(tabId: number | undefined, entityId: string | undefined): Promise<boolean>;
  settingsChanged(): void;
  /** The browser's interface language: the reader's language when their settings name none. */
  uiLanguage(): string;
  /** The selection notes of a page (its address as pageUrl gives it), answered with page/init. */
  selectionNotesOn(url: string): Promise<SelectionNote[]>;
  /** Names the build: dictionaries compiled by another are not used. */
  build: string;
}

/** Events, sources and related entities a card shows: the rest is one click away, in the side panel. */
const CARD_SHOWS = { events: 3, sources: 2, related: 8 };

export function createKnowledgeService(db: ContestoDatabase, platform: Platform) {
  /**
   * Matchers: one for every page, and one more for each site where the reader hid names
   * (storage/corrections.ts), built when a page of that site first asks.
   */
  const matchers = new Map<string, Promise<Matcher>>();
  // The entities and corrections, read once until the knowledge changes (forgetKnowledge): every card and page would read them again.
  // Read with their stamp in one transaction, so that a dictionary compiled from them is cached under the right one.
  const knowledge = remembered(() => db.transaction('r', db.entities, db.corrections, db.matcherCache, async () => ({ stamp: await knowledgeStamp(db), ...(await correctedKnowledge(db)) })));
  const currentKnowledge = knowledge.get;
  // The dictionaries compiled from the knowledge as it is, if the store holds them: a woken background reads no entity to match a page.
  const cached = remembered(() => readCachedDictionaries(db, platform.build).catch(() => undefined));
  // The background is the store's only writer, so its copy of the settings holds until settings/update: a page load reads no store.
  const settings = remembered(() => readSettings(db));
  const currentSettings = settings.get;

  async function matcherFor(url: string): Promise<Matcher> {
    const fromStore = await cached.get();
    const sitesWithOwnDictionary = fromStore?.sitesWithOwnDictionary ?? [...(await currentKnowledge()).corrections.namesBySite.keys()];
    const site = sitesWithOwnDictionary.includes(siteOf(url)) ? siteOf(url) : '';
    const known = matchers.get(site);
    if (known) return known;
    const compiled = fromStore?.compiled[site];
    // A kept dictionary that does not load (the store's copy damaged) is compiled again, rather than failing every page until the knowledge changes.
    const matcher = compiled
      ? Promise.resolve(compiled)
          .then(loadMatcher)
          .catch(() => compiledFromKnowledge(site))
      : compiledFromKnowledge(site);
    matchers.set(site, matcher);
    // A failed read is not kept: the next page asks the store again.
    matcher.catch(() => matchers.get(site) === matcher && matchers.delete(site));
    return matcher;
  }

  async function compiledFromKnowledge(site: string): Promise<Matcher> {
    const read = await currentKnowledge();
    const compiled = compileMatcher(dictionaryOf(read, site || undefined));
    const sitesWithOwnDictionary = [...read.corrections.namesBySite.keys()];
    // Kept for the next start; a store that cannot keep it (a full disk) costs that start a compilation, nothing more.
    void cacheDictionary(db, { build: platform.build, stamp: read.stamp, site, compiled, sitesWithOwnDictionary }).catch(() => {});
    return loadMatcher(compiled);
  }

  /**
   * The popover's part of the entity's dossier: newest events first, then sources, eight related
   * entities, each named in the language that fits the page (`pageLanguage`) and the reader.
   */
  async function entityCard(entityId: string, pageLanguage: string | undefined): Promise<EntityCard | null> {
    const [facts, { languages }] = await Promise.all([currentKnowledge().then((known) => entityCardFacts(db, entityId, CARD_SHOWS, known)), currentSettings()]);
    if (!facts) return null;
    const { entity, events, sources, related } = facts;
    const context: NameContext = { page: pageLanguage, reader: readerLanguages(languages, platform.uiLanguage()), documents: facts.documentLanguages };
    const { name, otherNames } = shownNames(entity, context);
    return {
      id: entity.id,
      name,
      type: entity.type,
      description: entity.description,
      aliases: otherNames,
      events: events.map(({ id, date, summary }) => ({ id, date, summary })),
      sources: sources.map(({ document, text, start, end }) => ({ sentence: text, title: document.title, date: document.date, documentId: document.id, start, end })),
      more: Math.max(0, facts.eventCount - events.length) + Math.max(0, facts.sourceCount - sources.length),
      related: related.map(({ entity: other }) => ({ id: other.id, name: shownNames(other, context).name, type: other.type })),
      noteCount: facts.noteCount,
    };
  }

  const handlers: Handlers<'page/init' | 'page/find' | 'entity/card' | 'sidepanel/open' | 'settings/update'> = {
    'page/init': async ({ payload }) => {
      const current = await currentSettings();
      if (!isEnabledFor(current, payload.url)) return { enabled: false };
      // Prepared now, while the page walks its text, so that its first page/find does not wait for the store.
      void matcherFor(payload.url).catch(() => {});
      return { enabled: true, ...pageSettings(current), notes: await platform.selectionNotesOn(pageUrl(payload.url)) };
    },
    'page/find': async ({ payload }) => {
      const matcher = await matcherFor(payload.url);
      return { matches: payload.texts.map((text) => matcher.find(text)) };
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
      settings.set(after);
      platform.settingsChanged();
      return after;
    },
  };

  return {
    handlers,
    /** Call after the store's entities or corrections change: the next page is matched with the new dictionary, the next card gets the new corrections. */
    forgetKnowledge() {
      matchers.clear();
      knowledge.forget();
      cached.forget();
    },
  };
}
