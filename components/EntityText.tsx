/** A document's text with its entities in their types' colours, as text nodes and spans (never HTML). */
import type { ComponentChildren } from 'preact';
import type { EntityType } from '@/core/pack';

export interface EntitySpan {
  start: number;
  end: number;
  type: EntityType;
}

/**
 * The text from `from` to `to`, each span (in text order, none overlapping the one before) in a
 * span of its type's class; a span that crosses `from` or `to` is cut there.
 */
export function withEntities(text: string, spans: readonly EntitySpan[], from = 0, to = text.length): ComponentChildren[] {
  const parts: ComponentChildren[] = [];
  let at = from;
  for (const { start, end, type } of spans) {
    if (start >= to) break;
    const [cutStart, cutEnd] = [Math.max(start, at), Math.min(end, to)];
    if (cutEnd <= cutStart) continue;
    parts.push(text.slice(at, cutStart), <span class={`entity-${type}`}>{text.slice(cutStart, cutEnd)}</span>);
    at = cutEnd;
  }
  parts.push(text.slice(at, to));
  return parts;
}
