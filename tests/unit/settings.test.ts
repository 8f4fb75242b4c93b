import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { validateRequest } from '@/core/messages';
import { ENTITY_TYPES } from '@/core/pack';
import { DEFAULT_SETTINGS, matchesToDraw, parseLanguages, type Shown } from '@/core/settings';
import { createRouter } from '@/services/router';
import { openDatabase } from '@/storage/schema';
import { pageServices } from './helpers/services';

const kim: Shown = { entityId: 'kim', type: 'person' };
const moscow: Shown = { entityId: 'moscow', type: 'place' };
const tass: Shown = { entityId: 'tass', type: 'organization' };
/** 'Kim' alone: two people the page may not tell apart. */
const kimAmbiguous: Shown = { entityId: 'kim', type: 'person', candidates: ['kim', 'kim-yo-jong'] };

describe('matchesToDraw', () => {
  const first = { ...DEFAULT_SETTINGS, occurrences: 'first' as const };

  it('keeps everything with the default settings', () => {
    const matches = [kim, moscow, kim, tass, kimAmbiguous];
    expect(matchesToDraw(matches, DEFAULT_SETTINGS)).toEqual(matches);
  });

  it('drops the types the reader switched off', () => {
    expect(matchesToDraw([kim, moscow, tass, moscow], { highlightTypes: ['person', 'organization'], occurrences: 'all' })).toEqual([kim, tass]);
    expect(matchesToDraw([kim, moscow], { highlightTypes: [], occurrences: 'all' })).toEqual([]);
  });

  it("keeps only each entity's first occurrence, across batches through what the page already shows", () => {
    expect(matchesToDraw([kim, moscow, kim, moscow, tass], first)).toEqual([kim, moscow, tass]);
    expect(matchesToDraw([kim, tass], first, new Set(['kim']))).toEqual([tass]);
  });

  it('counts words that name several entities as the first occurrence of all of them, or of none already shown', () => {
    expect(matchesToDraw([kimAmbiguous, kim, { entityId: 'kim-yo-jong', type: 'person' }], first)).toEqual([kimAmbiguous]);
    expect(matchesToDraw([kim, kimAmbiguous], first)).toEqual([kim]);
    expect(matchesToDraw([kimAmbiguous], first, new Set(['kim-yo-jong']))).toEqual([]);
  });

  it('applies the type filter before choosing first occurrences', () => {
    const hidden: Shown = { entityId: 'kim', type: 'place' };
    expect(matchesToDraw([hidden, kim], { highlightTypes: ['person'], occurrences: 'first' })).toEqual([kim]);
  });
});

describe("the reader's languages", () => {
  it('keeps primary codes, lower-cased, once each, in order', () => {
    expect(parseLanguages('it, en-GB fr;IT')).toEqual(['it', 'en', 'fr']);
    expect(parseLanguages('  ')).toEqual([]);
  });

  it('refuses what is not a language code, and too many', () => {
    expect(parseLanguages('italiano')).toBeUndefined();
    expect(parseLanguages('it, 42')).toBeUndefined();
    expect(parseLanguages('<b>')).toBeUndefined();
    expect(parseLanguages('aa ab ae af ak am an ar as av ay')).toBeUndefined();
  });
});

describe('the settings/update request', () => {
  const update = (payload: unknown) => validateRequest({ type: 'settings/update', payload });

  it('accepts every setting within its bounds', () => {
    expect(update({ highlightTypes: ['person', 'place'], occurrences: 'first', languages: ['it', 'en'], hoverDelayMs: 0 })).toHaveProperty('request');
    expect(update({ highlightTypes: [], languages: [] })).toHaveProperty('request');
    expect(update({ site: { host: 'news.example', enabled: true } })).toHaveProperty('request');
  });

  it('refuses bad values with a clear error', () => {
    const bad: unknown[] = [
      { highlightTypes: ['person', 'person'] },
      { highlightTypes: ['people'] },
      { highlightTypes: 'person' },
      { highlightTypes: [...ENTITY_TYPES, 'person'] },
      { occurrences: 'some' },
      { occurrences: 1 },
      { languages: ['it', 'it'] },
      { languages: ['it-IT'] },
      { languages: ['English'] },
      { languages: ['<script>'] },
      { languages: Array.from({ length: 11 }, (_, i) => `l${'abcdefghijk'[i]}`) },
      { hoverDelayMs: -1 },
      { hoverDelayMs: 5_001 },
      { hoverDelayMs: 1.5 },
      { disabledSites: ['news.example'] },
    ];
    for (const payload of bad) expect(update(payload), JSON.stringify(payload)).toMatchObject({ error: expect.stringMatching(/^Invalid "settings\/update" message/) });
  });
});

it('the background stores what pages highlight and how, keeps the other settings, and tells pages in page/init', async () => {
  const db = openDatabase(`settings-${Math.random()}`);
  const { knowledge, platform } = pageServices(db, 'en-US');
  const router = createRouter(knowledge.handlers, Promise.resolve());
  const handle = (type: string, payload: unknown) => router.handle({ type, payload }, { context: 'extension' });
  const page = () => handle('page/init', { url: 'https://news.example/a' });
  try {
    expect(await page()).toMatchObject({ value: { hoverDelayMs: 350, highlightTypes: [...ENTITY_TYPES], occurrences: 'all', languages: [] } });
    await handle('settings/update', { site: { host: 'elsewhere.example', enabled: false } });
    const changed = { highlightTypes: ['person'], occurrences: 'first', languages: ['it', 'en'], hoverDelayMs: 100 };
    expect(await handle('settings/update', changed)).toMatchObject({ ok: true, value: { enabled: true, disabledSites: ['elsewhere.example'], ...changed } });
    expect(await page()).toMatchObject({ value: { enabled: true, ...changed } });
    expect((await handle('settings/update', { occurrences: 'most' })).ok).toBe(false);
    expect(platform.settingsChanged).toHaveBeenCalledTimes(2);
  } finally {
    await db.delete();
  }
});
