/** One entity explained: shared by the popover and the side panel. Renders text only. */
import type { EntityCard as Card } from '@/core/messages';
import { formatPartialDate } from '@/core/format';
import type { Translate } from '@/services/i18n';

export interface EntityCardProps {
  card: Card;
  t: Translate;
  locale: string;
  /** Opens the rest (events and sources the card leaves out) elsewhere: the card itself never grows. */
  onMore?(): void;
  /** Opens a source's document at its sentence. */
  onOpenSource(source: Card['sources'][number]): void;
  /** Buttons and editors that depend on where the card is shown: outside the card's scrolling part, so always in view. */
  children?: preact.ComponentChildren;
}

/** Most useful first: what it is, its newest dated events, then what the documents say. */
export function EntityCard({ card, t, locale, onMore, onOpenSource, children }: EntityCardProps) {
  const otherNames = card.aliases.filter((alias) => alias !== card.name);
  return (
    <article class="card" aria-labelledby="contesto-card-name">
      <header class="card-head">
        <h2 id="contesto-card-name" class="name" tabIndex={-1}>
          {card.name}
        </h2>
        <span class={`type type-${card.type}`}>{t(`type_${card.type}`)}</span>
      </header>
      {/* Focusable, so that the keyboard scrolls it too when it holds more than the card's height. */}
      <div class="card-body" tabIndex={0} role="group" aria-labelledby="contesto-card-name">
        {card.description && <p class="description">{card.description}</p>}
        {otherNames.length > 0 && (
          <p class="aliases">
            <span class="label">{t('alsoKnownAs')}: </span>
            {otherNames.slice(0, 8).join(' · ')}
            {otherNames.length > 8 && ` · +${otherNames.length - 8}`}
          </p>
        )}
        {card.events.length > 0 && (
          <CardSection title={t('timeline')}>
            <ol class="timeline">
              {card.events.map((event) => (
                <li key={event.id}>
                  <time dateTime={event.date}>{formatPartialDate(event.date, locale)}</time>
                  <span class="summary">{event.summary}</span>
                </li>
              ))}
            </ol>
          </CardSection>
        )}
        {card.sources.length > 0 && (
          <CardSection title={t('sources')}>
            {card.sources.map((source) => (
              <figure key={`${source.documentId}:${source.start}`} class="source">
                <blockquote>{source.sentence}</blockquote>
                <figcaption>
                  {source.title}
                  {source.date && ` · ${formatPartialDate(source.date, locale)}`}{' '}
                  <button type="button" class="link" onClick={() => onOpenSource(source)}>
                    {t('openDocument')}
                  </button>
                </figcaption>
              </figure>
            ))}
          </CardSection>
        )}
        {card.related.length > 0 && (
          <CardSection title={t('related')}>
            <ul class="related">
              {card.related.map((entity) => (
                <li key={entity.id} class={`type-${entity.type}`}>
                  {entity.name}
                </li>
              ))}
            </ul>
          </CardSection>
        )}
        <p class="notes-count">{t('notesCount', String(card.noteCount))}</p>
        {card.more > 0 && onMore && (
          <button type="button" class="more" onClick={onMore}>
            {t('moreInSidePanel', String(card.more))}
          </button>
        )}
      </div>
      {children}
    </article>
  );
}

/** A part of the card, named by its heading. */
function CardSection({ title, children }: { title: string; children: preact.ComponentChildren }) {
  return (
    <section aria-label={title}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}
