import { describe, expect, it } from 'vitest';
import { createReader } from '@/annotator/ambiguity';
import type { Annotation } from '@/annotator/highlighter';

// Only the entity ids matter to the reading; ranges and nodes are the page's business.
const at = (entityId: string, candidates?: string[]) => ({ entityId, type: 'place', candidates, range: null, nodes: [] }) as unknown as Annotation;

describe('one name, two things', () => {
  const georgia = at('georgia-country', ['georgia-country', 'georgia-state']);

  it('reads an unshared name as its one entity', () => {
    expect(createReader([])(at('tbilisi'))).toEqual({ entityId: 'tbilisi', type: 'place' });
  });

  it('takes the entity that the page names unambiguously elsewhere', () => {
    expect(createReader([georgia, at('georgia-state'), at('atlanta')])(georgia)).toEqual({ entityId: 'georgia-state', type: 'place' });
    expect(createReader([at('georgia-country'), georgia, at('georgia-country'), at('georgia-state')])(georgia)).toEqual({ entityId: 'georgia-country', type: 'place' });
  });

  it('stays ambiguous, listing every candidate, when the page names none or both as often', () => {
    expect(createReader([georgia, georgia])(georgia)).toEqual({ candidates: ['georgia-country', 'georgia-state'] });
    expect(createReader([georgia, at('georgia-country'), at('georgia-state')])(georgia)).toEqual({ candidates: ['georgia-country', 'georgia-state'] });
  });
});
