/** Events grouped by year, each with its date at the precision known, its sentence and its source document. */
import { formatPartialDate } from '@/core/format';
import { shownNames } from '@/core/names';
import type { EventsInContext } from '@/storage/knowledge';
import type { StoredEvent } from '@/storage/schema';
import { t, uiLocale } from '@/services/i18n';
import { DocumentLink } from '../DocumentLink';
import { useReaderLanguages } from '../hooks';

export function EventList({
  groups,
  context,
  onOpenEntity,
}: {
  groups: { year: string; events: StoredEvent[] }[];
  context: Pick<EventsInContext, 'titles' | 'entities' | 'sentences'>;
  onOpenEntity(entityId: string): void;
}) {
  const locale = uiLocale();
  const reader = useReaderLanguages();
  const nameOf = (entityId: string) => {
    const entity = context.entities.get(entityId);
    return entity ? shownNames(entity, { reader, documents: [] }).name : entityId;
  };
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
                {context.titles.has(event.documentId) && (
                  <p class="meta">
                    {t('fromDocument', context.titles.get(event.documentId)!)}{' '}
                    <DocumentLink documentId={event.documentId} sentence={context.sentences.get(event.id)} title={context.titles.get(event.documentId)!} />
                  </p>
                )}
                <ul class="chips">
                  {event.entities.map((entityId) => (
                    <li key={entityId}>
                      <button type="button" onClick={() => onOpenEntity(entityId)}>
                        {nameOf(entityId)}
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
