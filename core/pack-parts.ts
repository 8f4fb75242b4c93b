/**
 * A large pack cut into parts that each travel in a message of their own (an extension message is
 * refused over 64 MB, and sending a large one holds the sender's thread for as long as it takes
 * to serialise), and joined again in the background (joinParts), which stores them in one transaction.
 * Each part is a valid pack: whole documents with their events and mentions, and the entities
 * these name.
 */
import type { Pack, PackEntity } from './pack';

/** About a quarter of a megabyte of JSON per part: a part of 1 MB held the options page's thread for 50 ms (received, sent on, collected). */
const PART_WEIGHT = 250_000;
/** What one mention or event adds to its document's weight in a part, beside the document's text. */
const ROW_WEIGHT = 120;

export function packParts(pack: Pack, maxWeight = PART_WEIGHT): Pack[] {
  const mentionsOf = groupBy(pack.mentions, (mention) => mention.documentId);
  const eventsOf = groupBy(pack.events, (event) => event.documentId);
  const weight = (id: string, text: string) => text.length + ROW_WEIGHT * ((mentionsOf.get(id)?.length ?? 0) + (eventsOf.get(id)?.length ?? 0));

  const groups: Pack['documents'][] = [];
  let current: Pack['documents'] = [];
  let currentWeight = 0;
  for (const document of pack.documents) {
    const documentWeight = weight(document.id, document.text);
    if (current.length > 0 && currentWeight + documentWeight > maxWeight) {
      groups.push(current);
      current = [];
      currentWeight = 0;
    }
    current.push(document);
    currentWeight += documentWeight;
  }
  groups.push(current);
  if (groups.length === 1) return [pack];

  const entities = new Map(pack.entities.map((entity) => [entity.id, entity]));
  const named = new Set([...pack.mentions.map((mention) => mention.entityId), ...pack.events.flatMap((event) => event.entities)]);
  // Corrections, notes and the entities no document names travel once, with the first part.
  const { documents: _, events: __, mentions: ___, entities: ____, corrections, notes, ...header } = pack;
  return groups.map((documents, index) => {
    const events = documents.flatMap((document) => eventsOf.get(document.id) ?? []);
    const mentions = documents.flatMap((document) => mentionsOf.get(document.id) ?? []);
    const ids = new Set([...mentions.map((mention) => mention.entityId), ...events.flatMap((event) => event.entities)]);
    const unnamed: PackEntity[] = index === 0 ? pack.entities.filter((entity) => !named.has(entity.id)) : [];
    return {
      ...header,
      documents,
      events,
      mentions,
      entities: [...unnamed, ...[...ids].map((id) => entities.get(id)!)],
      ...(index === 0 && corrections !== undefined && { corrections }),
      ...(index === 0 && notes !== undefined && { notes }),
    };
  });
}

/** The parts of one pack as one pack again: an entity several parts name is written once. */
export function joinParts(parts: Pack[]): Pack {
  const [first] = parts;
  if (!first) throw new Error('No part to join.');
  const entities = new Map(parts.flatMap((part) => part.entities.map((entity) => [entity.id, entity] as const)));
  return {
    ...first,
    documents: parts.flatMap((part) => part.documents),
    events: parts.flatMap((part) => part.events),
    mentions: parts.flatMap((part) => part.mentions),
    entities: [...entities.values()],
  };
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}
