/**
 * Cards asked for once the pointer rests on a name, while the hover delay runs (hover.ts), so that
 * the card opens with its content instead of a loading line: a frequent name's card takes 100 to
 * 200 ms on a store of 10,000 documents, well inside the delay. A card asked for early serves only
 * a show that follows soon after, so what it says is never older than that.
 */
import type { EntityCard } from '@/core/messages';

type LoadCard = (entityId: string) => Promise<EntityCard | null>;

/** How long a card asked for early may wait for its show. */
const PREPARED_FOR_MS = 2_000;

export function prefetchingCards(loadCard: LoadCard, now: () => number = () => performance.now()) {
  let prepared = new Map<string, { card: Promise<EntityCard | null>; at: number }>();
  const fresh = (entityId: string) => {
    const entry = prepared.get(entityId);
    return entry && now() - entry.at <= PREPARED_FOR_MS ? entry : undefined;
  };
  return {
    /** Asks for the cards of `entityIds` now; the previous name's are dropped. */
    prepare(entityIds: string[]) {
      prepared = new Map(
        entityIds.map((entityId) => {
          const known = fresh(entityId);
          if (known) return [entityId, known];
          const card = loadCard(entityId);
          // Its show reports a failure; a card never shown has no one to report to.
          card.catch(() => {});
          return [entityId, { card, at: now() }];
        }),
      );
    },
    /** The card asked for early, once, if it is recent; else the card asked for now. */
    load(entityId: string): Promise<EntityCard | null> {
      const known = fresh(entityId);
      prepared.delete(entityId);
      return known ? known.card : loadCard(entityId);
    },
  };
}
