/**
 * One name, two things: a highlight whose words are an alias of several entities ("Georgia" the
 * country and the state, a family name two people share). The page decides when it can: the
 * candidate that the page also names unambiguously elsewhere (its full name, its other names) is
 * the one meant. When the page names none or several of them equally, the highlight stays
 * ambiguous and its card lists them all. The choice depends only on the page, so every hover
 * shows the same card.
 */
import type { EntityType } from '@/core/pack';
import type { Annotation } from './highlighter';

export type Reading = { entityId: string; type: EntityType } | { candidates: string[] };

/**
 * Reads annotations against the page's `annotations`. What the page names unambiguously is counted
 * once, and only when an ambiguous annotation asks, so pages without shared names pay nothing.
 */
export function createReader(annotations: readonly Annotation[]): (annotation: Annotation) => Reading {
  let named: Map<string, { count: number; type: EntityType }> | undefined;
  return (annotation) => {
    const candidates = annotation.candidates;
    if (!candidates || candidates.length < 2) return { entityId: annotation.entityId, type: annotation.type };
    named ??= countUnambiguous(annotations);
    const best = Math.max(...candidates.map((id) => named!.get(id)?.count ?? 0));
    const leaders = candidates.filter((id) => (named!.get(id)?.count ?? 0) === best);
    return best > 0 && leaders.length === 1 ? { entityId: leaders[0]!, type: named.get(leaders[0]!)!.type } : { candidates };
  };
}

function countUnambiguous(annotations: readonly Annotation[]): Map<string, { count: number; type: EntityType }> {
  const named = new Map<string, { count: number; type: EntityType }>();
  for (const { entityId, type, candidates } of annotations) {
    if (candidates) continue;
    const entry = named.get(entityId);
    if (entry) entry.count++;
    else named.set(entityId, { count: 1, type });
  }
  return named;
}
