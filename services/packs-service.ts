/** Answers the options page: the reader's own packs, built from their documents. */
import { parsePack, type Pack } from '@/core/pack';
import { userPackId } from '@/core/pack-id';
import { joinParts } from '@/core/pack-parts';
import type { ResponseTypes } from '@/core/messages';
import { importCorrections } from '@/storage/corrections';
import { appendCheckedPack, removePack } from '@/storage/packs';
import type { ContestoDatabase } from '@/storage/schema';
import type { Handlers } from './router';
import { createUndoShelf, type UndoShelf } from './undo-shelf';

/** A staged import not finished within this time is dropped: its sender has gone. */
const STAGED_FOR_MS = 10 * 60_000;

interface StagedImport {
  parts: Map<number, Pack>;
  touched: number;
  /** The answer once stored, so that a repeated 'packs/import' answers it again instead of failing. */
  stored?: ResponseTypes['packs/import'];
}

export function createPacksService(db: ContestoDatabase, onKnowledgeChanged: () => void, undo: UndoShelf = createUndoShelf(), now = Date.now) {
  const staged = new Map<string, StagedImport>();
  const stagedImport = (importId: string) => {
    for (const [id, entry] of staged) if (now() - entry.touched > STAGED_FOR_MS) staged.delete(id);
    const entry = staged.get(importId) ?? { parts: new Map(), touched: now() };
    entry.touched = now();
    staged.set(importId, entry);
    return entry;
  };

  /** The staged parts in order, checked when they arrived; refused whole when one never came. */
  function stagedParts(importId: string): Pack[] {
    const { parts } = stagedImport(importId);
    const ordered = [...parts.keys()].sort((a, b) => a - b);
    if (ordered.length === 0 || ordered.some((part, index) => part !== index)) {
      staged.delete(importId);
      throw new Error('Part of this import never reached Contesto’s background (it may have restarted); nothing was added. Add the files again.');
    }
    return ordered.map((part) => parts.get(part)!);
  }

  const handlers: Handlers<'packs/stage' | 'packs/import' | 'packs/remove' | 'packs/restore'> = {
    'packs/stage': async ({ payload }) => {
      // Checked on arrival, so a broken part is told at once, in the words parsePack uses.
      const pack = parsePack(payload.pack);
      stagedImport(payload.importId).parts.set(payload.part, pack);
      return { staged: pack.documents.length };
    },
    'packs/import': async ({ payload }) => {
      const packId = userPackId(payload.label);
      const earlier = payload.importId === undefined ? undefined : staged.get(payload.importId)?.stored;
      if (earlier) return earlier;
      // Parts are joined first, so an entity several parts name is merged into the store once.
      const pack = payload.importId === undefined ? parsePack(payload.pack) : joinParts(stagedParts(payload.importId));
      await appendCheckedPack(db, pack, packId);
      // A shared knowledge base brings its corrections; the reader's own win where both corrected the same thing.
      await importCorrections(db, pack.corrections ?? []);
      onKnowledgeChanged();
      const stored = { packId, documents: pack.documents.length, entities: pack.entities.length, events: pack.events.length };
      if (payload.importId !== undefined) Object.assign(stagedImport(payload.importId), { parts: new Map(), stored });
      return stored;
    },
    'packs/remove': async ({ payload }) => {
      const removed = await removePack(db, payload.packId);
      onKnowledgeChanged();
      return { removed: removed && { undoId: undo.keep({ packId: payload.packId, pack: removed }), documents: removed.documents.length } };
    },
    'packs/restore': async ({ payload }) => {
      await undo.restore(payload.undoId, ({ packId, pack }) => appendCheckedPack(db, pack, packId));
      onKnowledgeChanged();
      return { restored: true };
    },
  };
  return { handlers };
}
