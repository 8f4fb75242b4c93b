/**
 * Answers what pages ask of the knowledge base: the compiled dictionary (held in memory and
 * rebuilt when the store changes), entity cards, settings, opening the side panel.
 */
import { compileMatcher, type CompiledMatcher } from '@/core/match';
import type { EntityCard } from '@/core/messages';
import { isEnabledFor, pageSettings, withSiteEnabled, type Settings } from '@/core/settings';
import { entityDossier } from '@/storage/knowledge';
import type { ContestoDatabase } from '@/storage/schema';
import { readSettings, writeSettings } from '@/storage/settings';
import type { Handlers } from './router';

/** What the service needs from the browser, injected so it runs under test without one. */
export interface Platform {
  openSidePanel(tabId: number | undefined, entityId: string | undefined): Promise<boolean>;
  settingsChanged(): void;
}

export function createKnowledgeService(db: ContestoDatabase, platform: Platform) {
  let compiled: Promise<CompiledMatcher> | undefined;

  async function buildMatcher(): Promise<CompiledMatcher> {
    const entities = await db.entities.toArray();
    return compileMatcher(entities.flatMap((e) => e.aliases.map((alias) => ({ alias, entityId: e.id, type: e.type }))));
  }

  /** The popover's part of the entity's dossier: newest events first, two sources, eight related entities. */
  async function entityCard(entityId: string): Promise<EntityCard | null> {
    const dossier = await entityDossier(db, entityId);
    if (!dossier) return null;
    const { entity, events, documents, related, notes } = dossier;
    return {
      id: entity.id,
      name: entity.name,
      type: entity.type,
      description: entity.description,
      aliases: entity.aliases,
      events: events.events.map(({ id, date, summary }) => ({ id, date, summary })).reverse(),
      sources: documents.flatMap(({ document, sentences }) => sentences.map((sentence) => ({ sentence, title: document.title, date: document.date }))).slice(0, 2),
      related: related.slice(0, 8).map(({ entity: { id, name, type } }) => ({ id, name, type })),
      noteCount: notes.length,
    };
  }

  const handlers: Handlers<'page/init' | 'entity/card' | 'sidepanel/open' | 'settings/update'> = {
    'page/init': async ({ payload }) => {
      const settings = await readSettings(db);
      if (!isEnabledFor(settings, payload.url)) return { enabled: false };
      compiled ??= buildMatcher();
      return { enabled: true, matcher: await compiled, ...pageSettings(settings) };
    },
    'entity/card': async ({ payload }) => entityCard(payload.entityId),
    'sidepanel/open': async ({ payload }, sender) => ({ opened: await platform.openSidePanel(sender.tabId, payload.entityId) }),
    'settings/update': async ({ payload }) => {
      const settings = await readSettings(db);
      const { site, ...given } = payload;
      const changes: Partial<Settings> = {
        ...Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)),
        ...(site && { disabledSites: withSiteEnabled(settings, site.host, site.enabled) }),
      };
      await writeSettings(db, changes);
      platform.settingsChanged();
      return { ...settings, ...changes };
    },
  };

  return {
    handlers,
    /** Call after the store's entities change so the next page gets the new dictionary. */
    invalidateMatcher() {
      compiled = undefined;
    },
  };
}
