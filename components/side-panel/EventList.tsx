/** Events grouped by year, each with its date at the precision known, its sentence and its source document. */
import { formatPartialDate } from '@/core/format';
import type { StoredEvent } from '@/storage/schema';
import { database } from '../database';
import { useLive } from '../hooks';
import { t, uiLocale } from '../i18n';

export function EventList({ groups, onOpenEntity }: { groups: { year: string; events: StoredEvent[] }[]; onOpenEntity(entityId: string): void }) {
  const db = database();
  const events = groups.flatMap((group) => group.events);
  const key = events.map((event) => event.id).join('\n');
  const context = useLive(
    async () => {
      const [documents, entities] = await Promise.all([
        db.documents.bulkGet([...new Set(events.map((event) => event.documentId))]),
        db.entities.bulkGet([...new Set(events.flatMap((event) => event.entities))]),
      ]);
      return {
        titles: new Map(documents.flatMap((doc) => (doc ? [[doc.id, doc.title] as const] : []))),
        names: new Map(entities.flatMap((entity) => (entity ? [[entity.id, entity.name] as const] : []))),
      };
    },
    [key],
    { titles: new Map<string, string>(), names: new Map<string, string>() },
  );
  const locale = uiLocale();
  return (
    <div class="event-list">
      {groups.map(({ year, events: ofYear }) => (
        <section key={year} aria-label={year}>
          <h4 class="year">{year}</h4>
          <ol class="timeline">
            {ofYear.map((event) => (
              <li key={event.id} data-event-id={event.id}>
                <time dateTime={event.date}>{formatPartialDate(event.date, locale)}</time>
                <p class="summary">{event.summary}</p>
                {context.titles.get(event.documentId) && <p class="meta">{t('fromDocument', context.titles.get(event.documentId)!)}</p>}
                <ul class="chips">
                  {event.entities.map((entityId) => (
                    <li key={entityId}>
                      <button type="button" onClick={() => onOpenEntity(entityId)}>
                        {context.names.get(entityId) ?? entityId}
                      </button>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
