/**
 * Hands one pack, in the parts the import worker cut it into (core/pack-parts.ts), to the background:
 * a single part goes whole; more are staged one message at a time and then stored together, in one
 * transaction, so that a large import neither holds the page nor lands by halves.
 */
import type { Pack } from '@/core/pack';
import { request } from '@/services/rpc';

export async function storePack(label: string, parts: Pack[]) {
  if (parts.length === 1) return request('packs/import', { label, pack: parts[0] });
  const importId = crypto.randomUUID();
  for (const [part, pack] of parts.entries()) await request('packs/stage', { importId, part, pack });
  return request('packs/import', { label, importId });
}
