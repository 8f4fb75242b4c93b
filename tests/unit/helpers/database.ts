/** A fresh database per test, seeded with the sample pack, and deleted after the test. */
import { afterEach } from 'vitest';
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
