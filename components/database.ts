/** Extension pages read the database directly (same origin as the background); they write through messages. */
import { databaseGate, type DatabaseGate } from '@/storage/failures';
import { openDatabase, type ContestoDatabase } from '@/storage/schema';

let db: ContestoDatabase | undefined;
let gate: DatabaseGate | undefined;

export function database(): ContestoDatabase {
  db ??= openDatabase();
  return db;
}

/** Whether the page's database opens (storage/failures.ts), for the message every page shows when it does not. */
export function pageDatabaseGate(): DatabaseGate {
  gate ??= databaseGate(database());
  return gate;
}
