import { describe, expect, it } from 'vitest';
import { byYear, dateSpan, filterEvents } from '@/core/timeline';

const event = (id: string, date: string, entities: string[] = []) => ({ id, date, summary: id, entities, documentId: 'd' });
const events = [
  event('interview', '2023-01', ['rudenko']),
  event('recognition', '2022-07-13', ['nk', 'donetsk']),
  event('summit', '2019-04', ['nk', 'putin']),
  event('accusations', '2022-09', ['usa', 'nk']),
  event('year', '2022'),
];

describe('the timeline', () => {
  it('groups events by year in date order', () => {
    expect(byYear(events).map((g) => [g.year, g.events.map((e) => e.id)])).toEqual([
      ['2019', ['summit']],
      ['2022', ['year', 'recognition', 'accusations']],
      ['2023', ['interview']],
    ]);
  });

  it('filters by entity and by a date range at any precision', () => {
    expect(filterEvents(events, { entityId: 'nk' }).map((e) => e.id)).toEqual(['recognition', 'summit', 'accusations']);
    expect(filterEvents(events, { from: '2022-08', to: '2023' }).map((e) => e.id)).toEqual(['interview', 'accusations', 'year']);
    expect(filterEvents(events, { entityId: 'nk', to: '2022-07-13' }).map((e) => e.id)).toEqual(['recognition', 'summit']);
    expect(dateSpan('2024-02')).toEqual(['2024-02-01', '2024-02-29']);
  });
});
