/**
 * The Dexie database and its schema versions. Each version is declared explicitly and kept:
 * Dexie upgrades an older database step by step, and every step keeps the reader's notes.
 */
import Dexie, { type EntityTable } from 'dexie';
import { withSentenceSpans, type PackDocument, type PackEntity, type PackEvent, type PackMention, type StoredCorrection } from '@/core/pack';
import type { UserPackId } from '@/core/pack-id';
import type { NoteRecord } from '@/core/web-annotation';
import { DATABASE_NAME } from './database-name';
import { knowledgeStampMiddleware, MATCHER_CACHE_TABLE, type MatcherCacheRow } from './matcher-cache';
import { documentMentionRows } from './mentions';

export { DATABASE_NAME };

/** Where a row came from: the pack built into the extension, or one the reader imported. */
export type PackId = 'bundled' | UserPackId;

// Rows are the pack's records as they arrive, plus what the store adds to them.
export type StoredDocument = PackDocument & { pack: PackId };

export type StoredEntity = PackEntity & {
  /** Every pack that contributed this entity; it is deleted when the last one goes. */
  packs: PackId[];
};

export type StoredEvent = PackEvent & { pack: PackId };

export type StoredMention = PackMention & { pack: PackId };

/** A mention as versions 1 to 4 stored it: a row of its own. */
type MentionRowV4 = StoredMention & { key: number };

/** Every mention in one document (storage/mentions.ts): the store's unit for mentions since version 5. */
export interface StoredDocumentMentions {
  documentId: string;
  pack: PackId;
  /** The document's language, so that a card can weigh its names by the documents' languages without reading the documents. */
  lang?: string;
  /** The distinct entities the document names, for finding every document that names one. */
  entityIds: string[];
  /** Five numbers per mention (storage/mentions.ts): the index of its entity in `entityIds`, its start and end, its sentence's start and end. */
  spans: Uint32Array;
}

export interface StoredNote extends NoteRecord {
  /** Denormalised from target for the indexes below. */
  entityId?: string;
  url?: string;
  /** Selection notes only: true when the last visit to the page could not find the quoted text. */
  orphaned?: boolean;
}

export type { StoredCorrection, NotAnEntityCorrection, HiddenNameCorrection, TypeCorrection, RenameCorrection, EntityNameCorrection, MergeCorrection, SplitCorrection } from '@/core/pack';

export interface Setting {
  key: string;
  value: unknown;
}

export type ContestoDatabase = Dexie & {
  documents: EntityTable<StoredDocument, 'id'>;
  entities: EntityTable<StoredEntity, 'id'>;
  events: EntityTable<StoredEvent, 'id'>;
  documentMentions: EntityTable<StoredDocumentMentions, 'documentId'>;
  notes: EntityTable<StoredNote, 'id'>;
  settings: EntityTable<Setting, 'key'>;
  corrections: EntityTable<StoredCorrection, 'id'>;
  matcherCache: EntityTable<MatcherCacheRow, 'key'>;
};

/** Version 1, the first schema shipped: kept verbatim so that upgrades from it stay tested. */
export const SCHEMA_V1 = {
  documents: 'id, pack',
  entities: 'id, *aliasKeys, *packs',
  events: 'id, *entities, documentId, date, pack',
  mentions: '++key, entityId, documentId, pack',
  notes: 'id, entityId, url, created',
  settings: 'key',
};

/** Version 2: notes gain tags and an updated time, indexed for the notes manager. */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  notes: 'id, entityId, url, created, updated, *tags',
};

/**
 * Version 3: mentions hold their sentence's span (pack format v2); the alias index, which no
 * reader used, is gone.
 */
const SCHEMA_V3 = {
  ...SCHEMA_V2,
  entities: 'id, *packs',
};

/** Version 4: the reader's corrections, a table of their own. */
const SCHEMA_V4 = {
  ...SCHEMA_V3,
  corrections: 'id, created',
};

/** Version 5: mentions stored one row per document (storage/mentions.ts), copied from the rows of one mention each. */
const SCHEMA_V5 = {
  ...SCHEMA_V4,
  documentMentions: 'documentId, pack, *entityIds',
};

/** Version 6: the rows of one mention each, copied in version 5, are gone. */
const SCHEMA_V6 = {
  ...SCHEMA_V5,
  mentions: null,
};

/** Version 7: the compiled dictionaries and the knowledge's stamp (storage/matcher-cache.ts). */
const SCHEMA_V7 = {
  ...SCHEMA_V6,
  [MATCHER_CACHE_TABLE]: 'key',
};

export function openDatabase(name = DATABASE_NAME): ContestoDatabase {
  const db = new Dexie(name) as ContestoDatabase;
  db.version(1).stores(SCHEMA_V1);
  db.version(2)
    .stores(SCHEMA_V2)
    .upgrade((tx) =>
      tx
        .table<StoredNote>('notes')
        .toCollection()
        .modify((note) => {
          note.tags ??= [];
          note.updated ??= note.created;
        }),
    );
  db.version(3)
    .stores(SCHEMA_V3)
    .upgrade(async (tx) => {
      await tx
        .table<StoredEntity & { aliasKeys?: string[] }>('entities')
        .toCollection()
        .modify((entity) => {
          delete entity.aliasKeys;
        });
      // Mentions imported before pack format v2 learn their sentences once, here, as ingestion splits them.
      const documents = tx.table<StoredDocument, string>('documents');
      const mentions = tx.table<MentionRowV4, number>('mentions');
      for (const id of await documents.toCollection().primaryKeys()) {
        const rows = await mentions.where('documentId').equals(id).toArray();
        const document = rows.length > 0 ? await documents.get(id) : undefined;
        if (document) await mentions.bulkPut(withSentenceSpans(document, rows));
      }
    });
  db.version(4).stores(SCHEMA_V4);
  db.version(5)
    .stores(SCHEMA_V5)
    .upgrade(async (tx) => {
      // One pack at a time: a row's mentions share the row's pack.
      const mentions = tx.table<MentionRowV4, number>('mentions');
      for (const packId of (await mentions.orderBy('pack').uniqueKeys()) as PackId[]) {
        const rows = await mentions.where('pack').equals(packId).toArray();
        const documents = await tx.table<StoredDocument, string>('documents').where('pack').equals(packId).toArray();
        await tx.table<StoredDocumentMentions, string>('documentMentions').bulkPut(documentMentionRows(rows, packId, documents));
      }
    });
  db.version(6).stores(SCHEMA_V6);
  db.version(7).stores(SCHEMA_V7);
  db.use(knowledgeStampMiddleware);
  return db;
}
