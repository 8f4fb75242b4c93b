/** Every event in the knowledge base by year, filtered by entity and by date range. */
import { useState } from 'preact/hooks';
import { foldAlias } from '@/core/normalize';
import { byYear, filterEvents } from '@/core/timeline';
import { allEvents, type EventsInContext } from '@/storage/knowledge';
import { database } from '../database';
import { useLive } from '../hooks';
import { t, tCount } from '@/services/i18n';
import { Section } from '../Section';
import { EventList } from './EventList';

const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const NO_EVENTS: EventsInContext = { events: [], titles: new Map(), entities: new Map(), sentences: new Map() };

export function TimelineView({ onOpenEntity }: { onOpenEntity(entityId: string): void }) {
  const db = database();
  const [entityName, setEntityName] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const timeline = useLive(() => allEvents(db), [], NO_EVENTS);
  const { events } = timeline;
  // Entities that take part in events, for the filter's suggestions.
  const entities = [...timeline.entities.values()];

  const wanted = foldAlias(entityName);
  const entity = wanted ? entities.find((e) => e.aliases.some((alias) => foldAlias(alias) === wanted)) : undefined;
  const dateError = [from, to].some((date) => date && !PARTIAL_DATE.test(date));
  // A name that matches no entity shows nothing rather than everything.
  const shown = wanted && !entity ? [] : filterEvents(events, { entityId: entity?.id, from: PARTIAL_DATE.test(from) ? from : undefined, to: PARTIAL_DATE.test(to) ? to : undefined });

  return (
    <Section id="timeline-title" title={t('viewTimeline')} level={2} class="timeline-view">
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          <span>{t('filterEntity')}</span>
          <input type="text" list="timeline-entities" value={entityName} onInput={(e) => setEntityName(e.currentTarget.value)} />
          <datalist id="timeline-entities">
            {entities.map((e) => (
              <option key={e.id} value={e.name} />
            ))}
          </datalist>
        </label>
        <label>
          <span>{t('filterFrom')}</span>
          <input type="text" inputMode="numeric" placeholder="2019-04" value={from} onInput={(e) => setFrom(e.currentTarget.value.trim())} aria-invalid={!!from && !PARTIAL_DATE.test(from)} />
        </label>
        <label>
          <span>{t('filterTo')}</span>
          <input type="text" inputMode="numeric" placeholder="2023" value={to} onInput={(e) => setTo(e.currentTarget.value.trim())} aria-invalid={!!to && !PARTIAL_DATE.test(to)} />
        </label>
      </form>
      <p class="muted" role="status">
        {dateError ? t('dateFormatHint') : tCount('eventsShown', events.length, String(shown.length), String(events.length))}
      </p>
      <EventList groups={byYear(shown)} context={timeline} onOpenEntity={onOpenEntity} />
    </Section>
  );
}
