/** The IndexedDB database's name, apart from its schema (storage/schema.ts) so that code that only reads it need not load Dexie. */
export const DATABASE_NAME = 'contesto';
