/** The ids of the packs the reader imports in the options page, `user:<label>-<hash>`: built and read here only. */
import { stableHash } from './hash';

/** What every imported pack's id starts with (the options page lists the packs by it). */
export const USER_PACK_PREFIX = 'user:';

export type UserPackId = `${typeof USER_PACK_PREFIX}${string}`;

const USER_PACK_ID = /^user:.{1,200}$/;

/** The label is cut short for the id; the hash of the whole label keeps long labels apart. */
export function userPackId(label: string): UserPackId {
  return `${USER_PACK_PREFIX}${label.slice(0, 60)}-${stableHash(label)}`;
}

export function isUserPackId(id: unknown): id is UserPackId {
  return typeof id === 'string' && USER_PACK_ID.test(id);
}

/** A pack's label as the reader typed it (the id adds a short hash after the last dash). */
export function userPackLabel(id: string): string {
  return id.slice(USER_PACK_PREFIX.length).replace(/-[a-z0-9]+$/, '');
}
