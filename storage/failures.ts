/**
 * When the database cannot do its job: it cannot be opened, another copy of Contesto holds it
 * at an older version and does not let go (the upgrade is blocked), or the disk is full. Each
 * failure has a name the interface turns into a clear message; nothing is written half-way,
 * since every write is one transaction that the browser rolls back whole.
 */
import type Dexie from 'dexie';

export type StorageFailure = 'quota' | 'blocked' | 'unavailable';

/** Thrown while another connection keeps the database at an older version. */
export class DatabaseBlockedError extends Error {
  override name = 'DatabaseBlockedError';
  constructor() {
    super('The database is held open at an older version by another copy of Contesto.');
  }
}

/** Errors that mean the database could not be opened or has been closed under us (Dexie's names). */
const UNAVAILABLE = new Set(['OpenFailedError', 'DatabaseClosedError', 'MissingAPIError', 'InvalidStateError', 'UnknownError', 'VersionError']);

/** The failure an error stands for, looking through Dexie's wrappers (`inner`, a bulk write's `failures`); undefined for any other error. */
export function storageFailureOf(error: unknown): StorageFailure | undefined {
  const seen = new Set<unknown>();
  const queue = [error];
  let failure: StorageFailure | undefined;
  while (queue.length > 0) {
    const current = queue.shift();
    if (!current || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const { name, inner, failures } = current as { name?: string; inner?: unknown; failures?: unknown };
    if (name === 'QuotaExceededError') return 'quota';
    if (name === 'DatabaseBlockedError') failure ??= 'blocked';
    else if (name && UNAVAILABLE.has(name)) failure ??= 'unavailable';
    queue.push(inner, ...(Array.isArray(failures) ? failures : failures && typeof failures === 'object' ? Object.values(failures) : []));
  }
  return failure;
}

/**
 * How long an open may take before the gate asks the browser whether it waits behind another
 * upgrade. An open queued behind another context's blocked upgrade (a page of ours opened first)
 * gets no "blocked" event of its own: it only waits.
 */
const OPEN_PATIENCE_MS = 2_000;

/** True when the stored database is older than `db`'s schema, so our open waits for an upgrade that has not begun. */
async function upgradeWaits(db: Dexie): Promise<boolean> {
  const stored = (await indexedDB.databases?.())?.find((database) => database.name === db.name);
  return stored?.version !== undefined && stored.version < db.verno * 10;
}

/**
 * Opens the database on demand. `ready()` resolves once it is open, and rejects at once (never
 * waits without end) while the upgrade is blocked, or with the error that made the last attempt
 * fail; the next call tries again, so a closed tab or freed disk space brings it back.
 */
export function databaseGate(db: Dexie) {
  let blocked = false;
  let opening: Promise<unknown> | undefined;
  db.on('blocked', () => {
    blocked = true;
  });
  // A connection closed under us (another copy's upgrade or deletion, the browser) is opened again by the next
  // request, through the gate: Dexie's own reopening would wait without end behind an upgrade that is blocked.
  db.on('close', () => {
    opening = undefined;
  });
  function open(): Promise<unknown> {
    opening ??= db.open().then(
      () => {
        blocked = false;
      },
      (error: unknown) => {
        blocked = false;
        opening = undefined;
        throw error;
      },
    );
    return opening;
  }
  return {
    /** True while another connection keeps the upgrade waiting. */
    get blocked() {
      return blocked;
    },
    /** Settles when the attempt under way does: lets a page clear its message once a blocked upgrade goes through. */
    opened: (): Promise<unknown> => open(),
    async ready(): Promise<void> {
      if (db.isOpen()) return;
      const attempt = open();
      // Dexie waits for the other connection without end: answer now, keep waiting behind the scenes.
      const stillBlocked = new Promise<never>((_, reject) => {
        if (blocked) return reject(new DatabaseBlockedError());
        // Dexie calls the newest listener first, before the one above has set `blocked`.
        const onBlocked = () => reject(new DatabaseBlockedError());
        db.on('blocked', onBlocked);
        void attempt.finally(() => db.on('blocked').unsubscribe(onBlocked)).catch(() => {});
        const patience = setTimeout(() => {
          void upgradeWaits(db).then((waits) => {
            if (!waits || db.isOpen()) return;
            blocked = true;
            reject(new DatabaseBlockedError());
          });
        }, OPEN_PATIENCE_MS);
        void attempt.finally(() => clearTimeout(patience)).catch(() => {});
      });
      await Promise.race([attempt, stillBlocked]);
    },
  };
}

export type DatabaseGate = ReturnType<typeof databaseGate>;
