/**
 * What a removal took away, kept in the background for the reader's Undo. The answer to a
 * removal carries only a ticket: a collection of thousands of documents, sent back whole, would
 * not fit in a message (64 MB), and the reader would lose the collection and the undo at once.
 * Kept in memory for a while longer than the options page offers Undo: a background that
 * restarts in between forgets it, and the Undo then says so.
 */
import type { Pack } from '@/core/pack';
import type { UserPackId } from '@/core/pack-id';

/** The options page offers Undo for 15 s (components/archive/Archive.tsx UNDO_MS). */
const KEPT_FOR_MS = 60_000;

export interface Removed {
  packId: UserPackId;
  pack: Pack;
}

export type UndoShelf = ReturnType<typeof createUndoShelf>;

export function createUndoShelf(now = Date.now) {
  const shelf = new Map<string, Removed & { at: number; restored?: boolean }>();
  const forget = () => {
    for (const [undoId, { at }] of shelf) if (now() - at > KEPT_FOR_MS) shelf.delete(undoId);
  };
  return {
    /** Keeps what was removed; the ticket that puts it back. */
    keep(removed: Removed): string {
      forget();
      const undoId = crypto.randomUUID();
      shelf.set(undoId, { ...removed, at: now() });
      return undoId;
    },
    /** Puts back what the ticket kept, with `put`, once: asked again, it puts nothing back twice. */
    async restore(undoId: string, put: (removed: Removed) => Promise<void>): Promise<void> {
      forget();
      const removed = shelf.get(undoId);
      if (!removed) throw new Error('This can no longer be undone: Contesto’s background restarted, or too much time went by.');
      if (removed.restored) return;
      await put(removed);
      removed.restored = true;
    },
  };
}
