/** One entity in depth: names, description, its dated events by year, related entities, the documents and sentences, the reader's notes. */
import { useEffect, useRef } from 'preact/hooks';
import { formatPartialDate } from '@/core/format';
import { shownNames, type NameContext } from '@/core/names';
import { byYear } from '@/core/timeline';
import { entityDossier } from '@/storage/knowledge';
import { database } from '../database';
import { useLive, useReaderLanguages } from '../hooks';
import { t, uiLocale } from '@/services/i18n';
import { DocumentLink } from '../DocumentLink';
import { EntityCorrections } from './EntityCorrections';
import { EventList } from './EventList';
import { NotesSection } from './NotesSection';

/** Names shown at once; the rest behind a disclosure, with every name pages are matched on. */
const SHOWN_NAMES = 8;

export function EntityView({ entityId, onOpenEntity, onBack }: { entityId: string; onOpenEntity(entityId: string): void; onBack(): void }) {
  const db = database();
  const view = useLive(() => entityDossier(db, entityId), [entityId], undefined);
  const locale = uiLocale();
  const reader = useReaderLanguages();
  // Keyboard and screen-reader users land on the entity they opened (once, not on every live update).
  const heading = useRef<HTMLHeadingElement>(null);
  const loaded = !!view;
  useEffect(() => {
    if (loaded) heading.current?.focus();
  }, [loaded]);

  if (view === undefined) return <p class="muted">{t('loading')}</p>;
  if (view === null) return <p class="muted">{t('entityUnknown')}</p>;
  const { entity, events, documents, related, notes } = view;
  const context: NameContext = { reader, documents: documents.flatMap(({ document }) => document.lang ?? []) };
  const { name, otherNames } = shownNames(entity, context);

  return (
    <article class="entity-view" aria-labelledby="entity-name">
      <button type="button" class="back" onClick={onBack}>
        ← {t('back')}
      </button>
      <header class="card-head">
        <h2 id="entity-name" tabIndex={-1} ref={heading}>
          {name}
        </h2>
        <span class={`type type-${entity.type}`}>{t(`type_${entity.type}`)}</span>
      </header>
      {otherNames.length > 0 && (
        <p class="aliases">
          <span class="label">{t('alsoKnownAs')}: </span>
          {otherNames.slice(0, SHOWN_NAMES).join(' · ')}
        </p>
      )}
      {entity.aliases.length > Math.min(otherNames.length, SHOWN_NAMES) + 1 && (
        <details class="aliases">
          <summary>{t('allNames', String(entity.aliases.length))}</summary>
          {entity.aliases.join(' · ')}
        </details>
      )}
      {entity.description && <p class="description">{entity.description}</p>}
      <EntityCorrections key={entity.id} entity={entity} />

      <section aria-labelledby="entity-timeline">
        <h3 id="entity-timeline">{t('timeline')}</h3>
        {events.events.length === 0 ? <p class="muted">{t('noEvents')}</p> : <EventList groups={byYear(events.events)} context={events} onOpenEntity={onOpenEntity} />}
      </section>

      {related.length > 0 && (
        <section aria-labelledby="entity-related">
          <h3 id="entity-related">{t('related')}</h3>
          <ul class="chips">
            {related.map(({ entity: other, documents: shared }) => (
              <li key={other.id} class={`type-${other.type}`}>
                <button type="button" onClick={() => onOpenEntity(other.id)}>
                  {shownNames(other, context).name}{' '}
                  <span class="count">
                    {shared}
                    <span class="sr-only"> {t('documentsInCommon')}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="entity-documents">
        <h3 id="entity-documents">{t('sources')}</h3>
        {documents.map(({ document, sentences }) => (
          <figure key={document.id} class="source">
            <figcaption>
              {document.title}
              {document.date && ` · ${formatPartialDate(document.date, locale)}`}
            </figcaption>
            {sentences.map(({ text, start, end }) => (
              <div key={start} class="sentence">
                <blockquote>{text}</blockquote>
                <DocumentLink documentId={document.id} sentence={{ start, end }} title={document.title} />
              </div>
            ))}
          </figure>
        ))}
      </section>

      <NotesSection
        id="entity-notes"
        title={t('yourNotes')}
        target={{ kind: 'entity', entityId }}
        addLabel={t('addNote')}
        editorLabel={t('noteOnEntity', entity.name)}
        notes={notes}
        entityName={() => entity.name}
      />
    </article>
  );
}
