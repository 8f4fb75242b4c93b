/** Extension pages read the database directly (same origin as the background); they write through messages. */
import { openDatabase, type ContestoDatabase } from '@/storage/schema';

let db: ContestoDatabase | undefined;

export function database(): ContestoDatabase {
  db ??= openDatabase();
  return db;
}
