/**
 * The Dexie database and its schema versions. Each version is declared explicitly and kept:
 * Dexie upgrades an older database step by step, and every step keeps the reader's notes.
 */
import Dexie, { type EntityTable } from 'dexie';
import { withSentenceSpans, type EntityType, type PackDocument, type PackEntity, type PackEvent, type PackMention } from '@/core/pack';
import type { UserPackId } from '@/core/pack-id';
import type { NoteRecord } from '@/core/web-annotation';

export const DATABASE_NAME = 'contesto';

/** Where a row came from: the pack built into the extension, or one the reader imported. */
export type PackId = 'bundled' | UserPackId;

// Rows are the pack's records as they arrive, plus what the store adds to them.
export type StoredDocument = PackDocument & { pack: PackId };

export type StoredEntity = PackEntity & {
  /** Every pack that contributed this entity; it is deleted when the last one goes. */
  packs: PackId[];
};

export type StoredEvent = PackEvent & { pack: PackId };

export type StoredMention = PackMention & { key?: number; pack: PackId };

export interface StoredNote extends NoteRecord {
  /** Denormalised from target for the indexes below. */
  entityId?: string;
  url?: string;
  /** Selection notes only: true when the last visit to the page could not find the quoted text. */
  orphaned?: boolean;
}

/**
 * A reader's correction of what ingestion found, kept apart from it (storage/corrections.ts):
 * re-ingesting, reseeding or importing never touches it, and the dictionary applies it every time.
 */
export type StoredCorrection = NotAnEntityCorrection | HiddenNameCorrection | TypeCorrection | RenameCorrection | EntityNameCorrection | MergeCorrection;

/** The popover's "Not an entity": none of the entity's names is highlighted. */
export interface NotAnEntityCorrection {
  id: string;
  kind: 'not-an-entity';
  entityId: string;
  /** The entity's name and type when it was corrected, so the list still reads after the entity has gone. */
  name: string;
  type: EntityType;
  created: string;
}

/** The reader's type for an entity ingestion typed wrongly ("Palermo" is a place, not a person). */
export interface TypeCorrection {
  id: string;
  kind: 'type';
  entityId: string;
  name: string;
  type: EntityType;
  /** The type ingestion gave it. */
  was: EntityType;
  created: string;
}

/** The reader's name for an entity: shown everywhere, and highlighted with its other names. */
export interface RenameCorrection {
  id: string;
  kind: 'rename';
  entityId: string;
  name: string;
  /** The name ingestion gave it. */
  was: string;
  created: string;
}

/** A name the reader gave an entity ("added-name") or took from it ("removed-name"): pages highlight it for that entity, or no longer. */
export interface EntityNameCorrection {
  id: string;
  kind: 'added-name' | 'removed-name';
  entityId: string;
  /** The entity's name when corrected, for the list. */
  entityName: string;
  name: string;
  created: string;
}

/** Two entities that are one ("Usa" and "Stati Uniti"): `entityId` is read as `into`, with all its names, mentions and events. */
export interface MergeCorrection {
  id: string;
  kind: 'merge';
  entityId: string;
  /** Both entities' names when merged, for the list. */
  name: string;
  into: string;
  intoName: string;
  created: string;
}

/** "Don't highlight this name": these words are not highlighted, on one site or anywhere, whatever entity they name. */
export interface HiddenNameCorrection {
  id: string;
  kind: 'hidden-name';
  /** As the page wrote it. */
  name: string;
  /** Folded as aliases are compared (core/normalize foldAlias). */
  key: string;
  /** A host name; none means everywhere. */
  site?: string;
  created: string;
}

export interface Setting {
  key: string;
  value: unknown;
}

export type ContestoDatabase = Dexie & {
  documents: EntityTable<StoredDocument, 'id'>;
  entities: EntityTable<StoredEntity, 'id'>;
  events: EntityTable<StoredEvent, 'id'>;
  mentions: EntityTable<StoredMention, 'key'>;
  notes: EntityTable<StoredNote, 'id'>;
  settings: EntityTable<Setting, 'key'>;
  corrections: EntityTable<StoredCorrection, 'id'>;
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
      const mentions = tx.table<StoredMention, number>('mentions');
      for (const id of await documents.toCollection().primaryKeys()) {
        const rows = await mentions.where('documentId').equals(id).toArray();
        const document = rows.length > 0 ? await documents.get(id) : undefined;
        if (document) await mentions.bulkPut(withSentenceSpans(document, rows));
      }
    });
  db.version(4).stores(SCHEMA_V4);
  return db;
}
