/** The timeline: events in date order, grouped by year, filtered by entity and date range. Dates are ISO at any precision. */

export interface DatedEvent {
  id: string;
  date: string;
  summary: string;
  entities: string[];
  documentId: string;
}

export interface TimelineFilter {
  entityId?: string;
  /** ISO dates at any precision; an event counts when its span (a day, month or year) overlaps. */
  from?: string;
  to?: string;
}

/** The first and last day a date at its precision covers: "2022" → 2022-01-01 … 2022-12-31. */
export function dateSpan(date: string): [string, string] {
  const [year, month, day] = date.split('-');
  if (day) return [date, date];
  if (month) return [`${year}-${month}-01`, `${year}-${month}-${String(new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate()).padStart(2, '0')}`];
  return [`${year}-01-01`, `${year}-12-31`];
}

export function filterEvents<T extends DatedEvent>(events: T[], { entityId, from, to }: TimelineFilter): T[] {
  const after = from ? dateSpan(from)[0] : undefined;
  const before = to ? dateSpan(to)[1] : undefined;
  return events.filter((event) => {
    const [start, end] = dateSpan(event.date);
    return (!entityId || event.entities.includes(entityId)) && (!after || end >= after) && (!before || start <= before);
  });
}

/** Oldest first; within a year, less precise dates ("2022") come before the precise ones they contain. */
export function byYear<T extends { date: string }>(events: T[]): { year: string; events: T[] }[] {
  const sorted = [...events].sort((a, b) => a.date.localeCompare(b.date));
  const groups: { year: string; events: T[] }[] = [];
  for (const event of sorted) {
    const year = event.date.slice(0, 4);
    if (groups.at(-1)?.year !== year) groups.push({ year, events: [] });
    groups.at(-1)!.events.push(event);
  }
  return groups;
}
