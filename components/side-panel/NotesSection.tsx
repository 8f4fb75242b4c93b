/** The reader's notes on one thing (an entity, a page) with the button that writes a new one: the entity view and "On this page" share it. */
import { useState } from 'preact/hooks';
import { newNoteId, type NoteTarget } from '@/core/notes';
import { request } from '@/services/rpc';
import type { StoredNote } from '@/storage/schema';
import { t } from '@/services/i18n';
import { NoteEditor } from '../NoteEditor';
import { NoteList, type NoteListProps } from '../NoteList';
import { Section } from '../Section';

export interface NotesSectionProps {
  id: string;
  title: string;
  /** What a new note is attached to. */
  target: Extract<NoteTarget, { kind: 'entity' | 'page' }>;
  /** The add button's text, and the editor's name for screen readers. */
  addLabel: string;
  editorLabel: string;
  notes: StoredNote[];
  entityName: NoteListProps['entityName'];
}

export function NotesSection({ id, title, target, addLabel, editorLabel, notes, entityName }: NotesSectionProps) {
  const [writing, setWriting] = useState(false);
  return (
    <Section id={id} title={title} class="notes">
      {writing ? (
        <NoteEditor
          label={editorLabel}
          onSave={async (body, tags) => {
            await request('notes/add', { id: newNoteId(), target, body, tags });
            setWriting(false);
          }}
          onCancel={() => setWriting(false)}
        />
      ) : (
        <button type="button" onClick={() => setWriting(true)}>
          {addLabel}
        </button>
      )}
      <NoteList notes={notes} entityName={entityName} empty={t('noNotesHere')} />
    </Section>
  );
}
