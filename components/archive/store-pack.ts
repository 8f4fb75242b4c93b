/**
 * Hands the packs an import read to the background as the worker sends them, one part at a time
 * (core/pack-parts.ts): each part is staged (`packs/stage`) as it comes and let go, so the page
 * never holds a large import, and each pack is then stored whole, in one transaction
 * (`packs/import` with its import id), so a large import never lands by halves.
 */
import type { PackPart } from './Archive';
import { request } from '@/services/rpc';

export function packStager() {
  const imports: { importId: string; notes?: unknown; parts: number }[] = [];
  const errors: string[] = [];
  return {
    /** Stages one part of the pack numbered `packIndex`; a failure is kept for `store` to report. */
    async stage({ json, notes }: PackPart, packIndex: number): Promise<void> {
      const staged = (imports[packIndex] ??= { importId: crypto.randomUUID(), parts: 0 });
      // A shared knowledge base may carry its author's notes, on its first part.
      if (notes !== undefined) staged.notes = notes;
      try {
        // The background reads the part's JSON (parsePack): the page never rebuilds it.
        await request('packs/stage', { importId: staged.importId, part: staged.parts++, pack: json });
      } catch (error) {
        errors.push((error as Error).message);
      }
    },
    /** How many packs were staged. */
    get count() {
      return imports.length;
    },
    /** Stores every staged pack in the collection `label`, its notes merged by id as a notes import is; answers what failed. */
    async store(label: string): Promise<string[]> {
      const failed = [...errors];
      const fail = (error: unknown) => void failed.push((error as Error).message);
      for (const { importId, notes } of imports) {
        await request('packs/import', { label, importId }).catch(fail);
        if (notes !== undefined) await request('notes/import', { text: JSON.stringify(notes) }).catch(fail);
      }
      return failed;
    },
  };
}
