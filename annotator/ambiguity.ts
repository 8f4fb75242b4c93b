/**
 * One name, two things: a highlight whose words are an alias of several entities ("Georgia" the
 * country and the state, a family name two people share). The page decides when it can: the
 * candidate that the page also names unambiguously elsewhere (its full name, its other names) is
 * the one meant. When the page names none or several of them, the highlight stays ambiguous and
 * its card lists them all. The choice depends only on the page, so every hover shows the same card.
 */
import type { Annotation } from './highlighter';

export type Reading = { entityId: string } | { candidates: string[] };

export function readingOf(annotation: Annotation, annotations: readonly Annotation[]): Reading {
  const candidates = annotation.candidates;
  if (!candidates || candidates.length < 2) return { entityId: annotation.entityId };
  const support = new Map(candidates.map((id) => [id, 0]));
  for (const other of annotations) {
    if (!other.candidates && support.has(other.entityId)) support.set(other.entityId, support.get(other.entityId)! + 1);
  }
  const best = Math.max(...support.values());
  const leaders = candidates.filter((id) => support.get(id) === best);
  return best > 0 && leaders.length === 1 ? { entityId: leaders[0]! } : { candidates };
}
