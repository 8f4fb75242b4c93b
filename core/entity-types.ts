/**
 * The kinds of entity a knowledge base holds. Apart from pack.ts, whose schemas are built when it
 * loads: the content script needs only these, and building the pack's schemas cost every page
 * about 0.9 ms.
 */
export const ENTITY_TYPES = ['person', 'organization', 'place', 'event', 'other'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];
