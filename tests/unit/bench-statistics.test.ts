import { describe, expect, it } from 'vitest';
import { bootstrapInterval, median, percentile, spreadOver } from '@/scripts/lib/bench-pages';

describe('the benchmarks’ statistics', () => {
  it('takes the middle value, or the mean of the two middle ones, as the median, and nearest-rank percentiles', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 95)).toBe(100);
    expect(percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 50)).toBe(50);
  });

  it('gives no spread to pages that all measure the same', () => {
    expect(bootstrapInterval([12, 12, 12, 12, 12], median)).toEqual([12, 12]);
  });

  it('holds the median between its bounds, within the values, and widens with the spread between pages', () => {
    const tight = [30, 31, 29, 30, 32, 28, 30, 31, 29, 30, 30, 31];
    const loose = [10, 50, 5, 45, 30, 60, 20, 40, 15, 55, 25, 35];
    const [tightLow, tightHigh] = bootstrapInterval(tight, median);
    const [looseLow, looseHigh] = bootstrapInterval(loose, median);
    expect(tightLow).toBeLessThanOrEqual(median(tight));
    expect(tightHigh).toBeGreaterThanOrEqual(median(tight));
    expect(looseLow).toBeGreaterThanOrEqual(Math.min(...loose));
    expect(looseHigh).toBeLessThanOrEqual(Math.max(...loose));
    expect(looseHigh - looseLow).toBeGreaterThan(5 * (tightHigh - tightLow));
  });

  it('reads the same for the same figures, and says nothing of no figures', () => {
    const values = [3, 9, 4, 7, 1, 8, 2, 6];
    expect(bootstrapInterval(values, median)).toEqual(bootstrapInterval(values, median));
    expect(bootstrapInterval([], median)).toEqual([NaN, NaN]);
  });

  it('spreads the pages it takes evenly over the sorted list, from its first, and takes all of a list no longer than asked', () => {
    const pages = Array.from({ length: 12 }, (_, i) => `page-${String(i).padStart(2, '0')}.html`);
    expect(spreadOver(pages, 4)).toEqual(['page-00.html', 'page-03.html', 'page-06.html', 'page-09.html']);
    expect(spreadOver(pages, 12)).toEqual(pages);
    expect(spreadOver(pages.slice(0, 3), 5)).toEqual(pages.slice(0, 3));
  });
});
