/**
 * Notes as the reader sees them: what each is attached to, the body rendered from Markdown,
 * tags and times; edit in place, delete with undo. Writes go to the background.
 */
import { useState } from 'preact/hooks';
import { safeHref } from '@/core/markdown';
import type { NoteRecord } from '@/core/web-annotation';
import { request } from '@/services/rpc';
import type { StoredNote } from '@/storage/schema';
import { t, uiLocale } from '@/services/i18n';
import { Markdown } from './Markdown';
import { NoteEditor } from './NoteEditor';

export interface NoteListProps {
  notes: StoredNote[];
  /** An entity's name; undefined when the entity is no longer stored (its notes are then shown as orphaned). */
  entityName(entityId: string): string | undefined;
  /** Opens the entity a note is about, where that makes sense. */
  onOpenEntity?(entityId: string): void;
  empty: string;
}

export function NoteList({ notes, entityName, onOpenEntity, empty }: NoteListProps) {
  const [editing, setEditing] = useState<string>();
  const [deleted, setDeleted] = useState<NoteRecord>();
  const [status, setStatus] = useState('');

  async function remove(note: StoredNote) {
    const { deleted: record } = await request('notes/delete', { id: note.id });
    setDeleted(record ?? undefined);
    setStatus(t('noteDeleted'));
  }
  async function undo() {
    if (!deleted) return;
    await request('notes/restore', { note: deleted });
    setDeleted(undefined);
    setStatus(t('noteRestored'));
  }

  return (
    <div class="note-list">
      <p class="status" role="status">
        {status}
        {deleted && (
          <button type="button" class="link" onClick={undo}>
            {t('undo')}
          </button>
        )}
      </p>
      {notes.length === 0 ? (
        <p class="muted">{empty}</p>
      ) : (
        <ul>
          {notes.map((note) => (
            <li key={note.id} class="note" data-note-id={note.id}>
              <NoteSubject note={note} entityName={entityName} onOpenEntity={onOpenEntity} />
              {editing === note.id ? (
                <NoteEditor
                  label={t('editNote')}
                  body={note.body}
                  tags={note.tags}
                  onSave={async (body, tags) => {
                    await request('notes/update', { id: note.id, body, tags });
                    setEditing(undefined);
                    setStatus(t('noteSaved'));
                  }}
                  onCancel={() => setEditing(undefined)}
                />
              ) : (
                <>
                  {note.body && <Markdown source={note.body} />}
                  {note.tags.length > 0 && (
                    <ul class="tags" aria-label={t('noteTags')}>
                      {note.tags.map((tag) => (
                        <li key={tag}>#{tag}</li>
                      ))}
                    </ul>
                  )}
                  <p class="meta">
                    <time dateTime={note.updated}>{formatTime(note.updated)}</time>
                    {note.updated !== note.created && ` · ${t('noteCreated', formatTime(note.created))}`}
                  </p>
                  <div class="actions">
                    <button type="button" onClick={() => setEditing(note.id)}>
                      {t('edit')}
                    </button>
                    <button type="button" onClick={() => void remove(note)}>
                      {t('delete')}
                    </button>
                  </div>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function NoteSubject({ note, entityName, onOpenEntity }: Pick<NoteListProps, 'entityName' | 'onOpenEntity'> & { note: StoredNote }) {
  const { target } = note;
  if (target.kind === 'entity') {
    const name = entityName(target.entityId);
    // The entity went with the last document that mentioned it: the note stays, orphaned, until a document names it again.
    if (name === undefined)
      return (
        <p class="subject">
          <strong>{t('noteEntityGone')}</strong>
          <span class="orphaned"> · {t('noteEntityOrphaned')}</span>
        </p>
      );
    return (
      <p class="subject">
        {onOpenEntity ? (
          <button type="button" class="link" onClick={() => onOpenEntity(target.entityId)}>
            {name}
          </button>
        ) : (
          <strong>{name}</strong>
        )}
      </p>
    );
  }
  return (
    <div class="subject">
      {target.kind === 'selection' && <blockquote>{target.quote.exact}</blockquote>}
      <p class="url">
        {target.kind === 'page' ? t('notePage') : t('noteSelection')}{' '}
        {safeHref(target.url) ? (
          <a href={safeHref(target.url)!} target="_blank" rel="noopener noreferrer">
            {target.title || target.url}
          </a>
        ) : (
          target.title || target.url
        )}
        {target.title && ` · ${target.url}`}
        {note.orphaned && <span class="orphaned"> · {t('noteOrphaned')}</span>}
      </p>
    </div>
  );
}

function formatTime(iso: string): string {
  return new Intl.DateTimeFormat(uiLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
