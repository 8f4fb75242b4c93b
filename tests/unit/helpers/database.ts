/** A fresh database per test, seeded with the sample pack, and deleted after the test. */
import { afterEach } from 'vitest';
import { MATCHER_CACHE_TABLE } from '@/storage/matcher-cache';
import { seedBundledPack } from '@/storage/packs';
import { openDatabase, type ContestoDatabase } from '@/storage/schema';
import { samplePack } from './packs';

export function seededDatabases(prefix: string): () => Promise<ContestoDatabase> {
  const opened: ContestoDatabase[] = [];
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.delete();
  });
  return async () => {
    const db = openDatabase(`${prefix}-${Math.random()}`);
    opened.push(db);
    await seedBundledPack(db, samplePack(), 'f');
    return db;
  };
}

/** Every row the store holds, by table: all but the compiled dictionaries, which are made from the rest and stamped anew by any write to the knowledge (storage/matcher-cache.ts). */
export async function storeContent(db: ContestoDatabase) {
  const tables = db.tables.filter((table) => table.name !== MATCHER_CACHE_TABLE);
  return Object.fromEntries(await Promise.all(tables.map(async (table) => [table.name, await table.toArray()] as const)));
}
