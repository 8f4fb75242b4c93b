import { describe, expect, it } from 'vitest';
import { readingOf } from '@/annotator/ambiguity';
import type { Annotation } from '@/annotator/highlighter';

// Only the entity ids matter to the reading; ranges and nodes are the page's business.
const at = (entityId: string, candidates?: string[]) => ({ entityId, type: 'place', candidates, range: null, nodes: [] }) as unknown as Annotation;

describe('one name, two things', () => {
  const georgia = at('georgia-country', ['georgia-country', 'georgia-state']);

  it('reads an unshared name as its one entity', () => {
    expect(readingOf(at('tbilisi'), [])).toEqual({ entityId: 'tbilisi' });
  });

  it('takes the entity that the page names unambiguously elsewhere', () => {
    expect(readingOf(georgia, [georgia, at('georgia-state'), at('atlanta')])).toEqual({ entityId: 'georgia-state' });
    expect(readingOf(georgia, [at('georgia-country'), georgia, at('georgia-country'), at('georgia-state')])).toEqual({ entityId: 'georgia-country' });
  });

  it('stays ambiguous, listing every candidate, when the page names none or both as often', () => {
    expect(readingOf(georgia, [georgia, georgia])).toEqual({ candidates: ['georgia-country', 'georgia-state'] });
    expect(readingOf(georgia, [georgia, at('georgia-country'), at('georgia-state')])).toEqual({ candidates: ['georgia-country', 'georgia-state'] });
  });
});
