import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { validateBroadcast } from '@/core/messages';
import { onBroadcast } from '@/services/broadcast';
import { readNoteDraft, setNoteDraft } from '@/storage/notes';
import { openDatabase, type ContestoDatabase } from '@/storage/schema';
import { readSidePanelFocus, setSidePanelFocus } from '@/storage/settings';

/** Not broadcasts, or broadcasts that do not fit the contract: every one is ignored. */
const MALFORMED: unknown[] = [
  null,
  'notes/changed',
  { type: 'notes/changed', payload: {} },
  { broadcast: 'notes/changed' },
  { broadcast: 'notes/changed', payload: { extra: true } },
  { broadcast: 'notes/gone', payload: {} },
  { broadcast: 'page/changed', payload: {} },
  { broadcast: 'page/changed', payload: { tabId: -1 } },
  { broadcast: 'page/changed', payload: { tabId: '3' } },
  { broadcast: 'toString', payload: {} },
  { type: 'page/entities-changed', payload: { entities: 3 } },
];

describe('broadcasts', () => {
  afterEach(() => fakeBrowser.reset());

  it('validates a broadcast into its typed form', () => {
    expect(validateBroadcast({ broadcast: 'page/changed', payload: { tabId: 3 } })).toEqual({ broadcast: 'page/changed', payload: { tabId: 3 } });
    expect(validateBroadcast({ broadcast: 'knowledge/changed', payload: {} })).toEqual({ broadcast: 'knowledge/changed', payload: {} });
  });

  it.each(MALFORMED)('ignores %j', (message) => {
    expect(validateBroadcast(message)).toBeNull();
  });

  it('hands listeners only valid broadcasts from the extension itself, never answers, and stops when asked', async () => {
    const listener = vi.fn();
    const stop = onBroadcast(listener);
    const own = { id: fakeBrowser.runtime.id };
    // The listener never answers, so the sendResponse callback is never called.
    const deliver = (message: unknown, sender: { id: string }) => fakeBrowser.runtime.onMessage.trigger(message, sender, () => {});
    const replies = [
      ...(await Promise.all(MALFORMED.map((message) => deliver(message, own)))),
      await deliver({ broadcast: 'notes/changed', payload: {} }, { id: 'another-extension' }),
      await deliver({ broadcast: 'page/changed', payload: { tabId: 7 } }, own),
    ];
    expect(listener.mock.calls).toEqual([[{ broadcast: 'page/changed', payload: { tabId: 7 } }]]);
    expect(replies.flat().every((reply) => reply === undefined)).toBe(true);
    stop();
    expect(await deliver({ broadcast: 'notes/changed', payload: {} }, own)).toEqual([]);
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

describe('side-panel focus and note drafts', () => {
  const dbs: ContestoDatabase[] = [];
  afterEach(async () => {
    for (const db of dbs.splice(0)) await db.delete();
  });
  const freshDb = () => {
    const db = openDatabase(`ui-state-${Math.random()}`);
    dbs.push(db);
    return db;
  };
  const selection = {
    kind: 'selection' as const,
    url: 'https://news.example/corea',
    quote: { type: 'TextQuoteSelector' as const, exact: 'Corea del Nord', prefix: 'la ', suffix: ' ha' },
    position: { type: 'TextPositionSelector' as const, start: 10, end: 24 },
  };

  it('reads back what was written, and nothing before', async () => {
    const db = freshDb();
    expect(await readSidePanelFocus(db)).toBeUndefined();
    expect(await readNoteDraft(db)).toBeUndefined();
    await setSidePanelFocus(db, 'ent-kim', 1_000);
    await setNoteDraft(db, selection, 2_000);
    expect(await readSidePanelFocus(db)).toEqual({ entityId: 'ent-kim', at: 1_000 });
    expect(await readNoteDraft(db)).toEqual({ target: selection, at: 2_000 });
  });

  it('reads a row of another shape (an older or damaged one) as nothing', async () => {
    const db = freshDb();
    await db.settings.bulkPut([
      { key: 'sidePanelFocus', value: 'ent-kim' },
      { key: 'noteDraft', value: { target: { kind: 'page', url: 'https://news.example/' }, at: 1 } },
    ]);
    expect(await readSidePanelFocus(db)).toBeUndefined();
    expect(await readNoteDraft(db)).toBeUndefined();
  });
});
