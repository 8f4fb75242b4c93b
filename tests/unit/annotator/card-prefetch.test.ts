import { describe, expect, it, vi } from 'vitest';
import { prefetchingCards } from '@/annotator/card-prefetch';
import type { EntityCard } from '@/core/messages';

const cardOf = (id: string, asked: number) => ({ id, name: `${id} #${asked}` }) as EntityCard;

function store() {
  let asked = 0;
  const loadCard = vi.fn(async (id: string) => cardOf(id, ++asked));
  let clock = 0;
  const cards = prefetchingCards(loadCard, () => clock);
  return { loadCard, cards, wait: (ms: number) => void (clock += ms) };
}

describe('cards asked for while the hover delay runs', () => {
  it('the show that follows gets the card asked for early, without asking again', async () => {
    const { loadCard, cards, wait } = store();
    cards.prepare(['moscow']);
    expect(loadCard).toHaveBeenCalledTimes(1);
    wait(350);
    expect(await cards.load('moscow')).toEqual(cardOf('moscow', 1));
    expect(loadCard).toHaveBeenCalledTimes(1);
  });

  it('serves one show only: the next one asks again, so notes added meanwhile are counted', async () => {
    const { loadCard, cards } = store();
    cards.prepare(['moscow']);
    await cards.load('moscow');
    expect(await cards.load('moscow')).toEqual(cardOf('moscow', 2));
    expect(loadCard).toHaveBeenCalledTimes(2);
  });

  it('is not used once it is old, nor for another name', async () => {
    const { loadCard, cards, wait } = store();
    cards.prepare(['moscow']);
    wait(2_001);
    expect(await cards.load('moscow')).toEqual(cardOf('moscow', 2));
    cards.prepare(['kyiv']);
    expect(await cards.load('moscow')).toEqual(cardOf('moscow', 4));
    expect(loadCard).toHaveBeenCalledTimes(4);
  });

  it('asks once for a name the pointer leaves and comes back to, and for each of an ambiguous name’s entities', async () => {
    const { loadCard, cards } = store();
    cards.prepare(['moscow']);
    cards.prepare(['moscow']);
    expect(loadCard).toHaveBeenCalledTimes(1);
    cards.prepare(['georgia-country', 'georgia-state']);
    expect(loadCard.mock.calls.map(([id]) => id)).toEqual(['moscow', 'georgia-country', 'georgia-state']);
  });

  it('a card asked for early that fails fails its show, and one never shown rejects unseen', async () => {
    // Not a vi.fn: a spy handles the promises it returns (to record how they settled).
    const loadCard = async () => {
      throw new Error('The background is gone');
    };
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const cards = prefetchingCards(loadCard, () => 0);
      cards.prepare(['moscow']);
      cards.prepare(['kyiv']);
      // The pointer rests: tasks pass before the show.
      await new Promise((resolve) => setTimeout(resolve, 10));
      await expect(cards.load('kyiv')).rejects.toThrow('The background is gone');
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});
