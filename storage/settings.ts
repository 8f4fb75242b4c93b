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

/** The entity the side panel should show next (set by "Open in side panel" in the popover), and when it was asked for. */
export interface SidePanelFocus {
  entityId: string;
  at: number;
}

const SIDE_PANEL_FOCUS_KEY = 'sidePanelFocus';
const SidePanelFocusSchema = v.object({ entityId: v.string(), at: v.number() });

export async function setSidePanelFocus(db: ContestoDatabase, entityId: string, now = Date.now()): Promise<void> {
  await db.settings.put({ key: SIDE_PANEL_FOCUS_KEY, value: { entityId, at: now } satisfies SidePanelFocus });
}

/** The context menu's or the shortcut's "Add this page": the side panel of that tab adds it (components/AddPage.tsx). */
export interface PageAddRequest {
  tabId: number;
  at: number;
}

const PAGE_ADD_REQUEST_KEY = 'pageAddRequest';
const PageAddRequestSchema = v.object({ tabId: v.number(), at: v.number() });

export async function requestPageAdd(db: ContestoDatabase, tabId: number, now = Date.now()): Promise<void> {
  await db.settings.put({ key: PAGE_ADD_REQUEST_KEY, value: { tabId, at: now } satisfies PageAddRequest });
}

export async function readPageAddRequest(db: ContestoDatabase): Promise<PageAddRequest | undefined> {
  const value = (await db.settings.get(PAGE_ADD_REQUEST_KEY))?.value;
  return v.is(PageAddRequestSchema, value) ? value : undefined;
}

/** Undefined when nothing was asked for (or the row is not a focus request, which nothing else writes). */
export async function readSidePanelFocus(db: ContestoDatabase): Promise<SidePanelFocus | undefined> {
  const value = (await db.settings.get(SIDE_PANEL_FOCUS_KEY))?.value;
  return v.is(SidePanelFocusSchema, value) ? value : undefined;
}
