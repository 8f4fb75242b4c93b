/**
 * The compiled dictionaries, kept in the store so that a background woken from sleep (Chromium
 * stops an idle service worker after 30 s, so in real browsing nearly every page meets a cold
 * one) loads them rather than compiling them again: with 30,000 aliases compiling takes about
 * 0.4 s of CPU, reading the compiled form back a few milliseconds.
 *
 * A compiled dictionary is good only for the knowledge it was compiled from. Every write to the
 * entities or the corrections, whoever makes it, also writes a new knowledge stamp in the same
 * transaction (the middleware below widens the transaction to this table), and a cached
 * dictionary is used only while its stamp is the store's: no writer can forget to invalidate it,
 * and a write that fails half-way leaves both as they were.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTransaction, Middleware } from 'dexie';
import type { CompiledMatcher } from '@/core/match';
import type { ContestoDatabase } from './schema';

export const MATCHER_CACHE_TABLE = 'matcherCache';
/** The tables a compiled dictionary is made from (storage/knowledge.ts, dictionaryOf). */
const KNOWLEDGE_TABLES = ['entities', 'corrections'];

const STAMP_KEY = 'knowledgeStamp';
const DICTIONARIES_KEY = 'dictionaries';

/** Two rows: the knowledge's stamp, and the dictionaries compiled from it. */
export interface MatcherCacheRow {
  key: typeof STAMP_KEY | typeof DICTIONARIES_KEY;
  stamp?: string;
  dictionaries?: CachedDictionaries;
}

export interface CachedDictionaries {
  /** The build that compiled them: another build may compile differently. */
  build: string;
  /** The knowledge stamp they were compiled from. */
  stamp: string;
  /** The sites with a dictionary of their own (names the reader hid there), so a page's site is known without reading the knowledge. */
  sitesWithOwnDictionary: string[];
  /** By site, '' for every other site. */
  compiled: Record<string, CompiledMatcher>;
}

/** What the store's knowledge is stamped with before any write to it (a new, empty store). */
const FIRST_STAMP = 'first';

const newStamp = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/** Widens every read-write transaction on the knowledge to the cache, and stamps the knowledge anew, once per transaction, at its first write there. */
export const knowledgeStampMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'knowledge-stamp',
  create(down) {
    const stamped = new WeakSet<DBCoreTransaction>();
    const cacheExists = down.schema.tables.some((table) => table.name === MATCHER_CACHE_TABLE);
    const coversCache = (trans: DBCoreTransaction) => (trans as unknown as IDBTransaction).objectStoreNames?.contains(MATCHER_CACHE_TABLE) ?? false;
    return {
      ...down,
      transaction(stores, mode, options) {
        const widened = mode === 'readwrite' && stores.some((store) => KNOWLEDGE_TABLES.includes(store)) && !stores.includes(MATCHER_CACHE_TABLE) && cacheExists;
        return down.transaction(widened ? [...stores, MATCHER_CACHE_TABLE] : stores, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (!KNOWLEDGE_TABLES.includes(name)) return table;
        return {
          ...table,
          async mutate(request: DBCoreMutateRequest) {
            // An upgrade from before this table existed has nothing cached to invalidate.
            if (!stamped.has(request.trans) && coversCache(request.trans)) {
              stamped.add(request.trans);
              await down.table(MATCHER_CACHE_TABLE).mutate({ type: 'put', trans: request.trans, values: [{ key: STAMP_KEY, stamp: newStamp() }] });
            }
            return table.mutate(request);
          },
        };
      },
    };
  },
};

/** The cached dictionaries, if they were compiled by this build from the knowledge as it is now. */
export async function readCachedDictionaries(db: ContestoDatabase, build: string): Promise<CachedDictionaries | undefined> {
  const [stamp, cached] = await db.transaction('r', db.matcherCache, () => Promise.all([knowledgeStamp(db), db.matcherCache.get(DICTIONARIES_KEY)]));
  const dictionaries = cached?.dictionaries;
  return dictionaries?.build === build && dictionaries.stamp === stamp ? dictionaries : undefined;
}

/** The knowledge's current stamp: read it in the transaction that reads the knowledge, so that the two agree. */
export async function knowledgeStamp(db: ContestoDatabase): Promise<string> {
  return (await db.matcherCache.get(STAMP_KEY))?.stamp ?? FIRST_STAMP;
}

/**
 * Keeps a site's compiled dictionary, made by `build` from the knowledge stamped `stamp`, beside
 * the others made from the same. Nothing is kept when the knowledge has changed since.
 */
export async function cacheDictionary(db: ContestoDatabase, entry: { build: string; stamp: string; site: string; compiled: CompiledMatcher; sitesWithOwnDictionary: string[] }): Promise<void> {
  const { build, stamp, site, compiled, sitesWithOwnDictionary } = entry;
  await db.transaction('rw', db.matcherCache, async () => {
    if ((await knowledgeStamp(db)) !== stamp) return;
    const cached = (await db.matcherCache.get(DICTIONARIES_KEY))?.dictionaries;
    const others = cached?.build === build && cached.stamp === stamp ? cached.compiled : {};
    await db.matcherCache.put({ key: DICTIONARIES_KEY, dictionaries: { build, stamp, sitesWithOwnDictionary, compiled: { ...others, [site]: compiled } } });
  });
}
