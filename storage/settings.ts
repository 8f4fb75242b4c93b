/** Reader settings in the store's settings table, with their defaults. */
import * as v from 'valibot';
import { DEFAULT_SETTINGS, type Settings } from '@/core/settings';
import type { ContestoDatabase } from './schema';

export async function readSettings(db: ContestoDatabase): Promise<Settings> {
  const keys = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[];
  const rows = await db.settings.bulkGet(keys);
  return Object.fromEntries(keys.map((key, i) => [key, rows[i]?.value ?? DEFAULT_SETTINGS[key]])) as unknown as Settings;
}

export async function writeSettings(db: ContestoDatabase, changes: Partial<Settings>): Promise<void> {
  await db.settings.bulkPut(Object.entries(changes).map(([key, value]) => ({ key, value })));
}

/**
 * A request the background leaves in the settings table for the side panel (the one store every
 * extension page reads), stamped with when it was made: the panel acts on one made since it opened.
 */
function panelRequest<T extends object>(key: string, schema: v.GenericSchema<T & { at: number }>) {
  return {
    async write(db: ContestoDatabase, request: T, now = Date.now()): Promise<void> {
      await db.settings.put({ key, value: { ...request, at: now } });
    },
    /** Undefined when nothing was asked for (or the row is not such a request, which nothing else writes). */
    async read(db: ContestoDatabase): Promise<(T & { at: number }) | undefined> {
      const value = (await db.settings.get(key))?.value;
      return v.is(schema, value) ? value : undefined;
    },
  };
}

/** The entity the side panel should show next (set by "Open in side panel" in the popover), and when it was asked for. */
export interface SidePanelFocus {
  entityId: string;
  at: number;
}

const sidePanelFocus = panelRequest<{ entityId: string }>('sidePanelFocus', v.object({ entityId: v.string(), at: v.number() }));
export const setSidePanelFocus = (db: ContestoDatabase, entityId: string, now = Date.now()) => sidePanelFocus.write(db, { entityId }, now);
export const readSidePanelFocus = (db: ContestoDatabase): Promise<SidePanelFocus | undefined> => sidePanelFocus.read(db);

/** The context menu's or the shortcut's "Add this page": the side panel of that tab adds it (components/AddPage.tsx). */
const pageAddRequest = panelRequest<{ tabId: number }>('pageAddRequest', v.object({ tabId: v.number(), at: v.number() }));
export const requestPageAdd = (db: ContestoDatabase, tabId: number, now = Date.now()) => pageAddRequest.write(db, { tabId }, now);
export const readPageAddRequest = (db: ContestoDatabase) => pageAddRequest.read(db);
