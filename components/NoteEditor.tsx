/** Writes or edits a note: the body (plain text or Markdown) and comma-separated tags. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/services/i18n';

export interface NoteEditorProps {
  body?: string;
  tags?: string[];
  /** Names the editor for screen readers ("Note on Kim Jong-un"). */
  label: string;
  onSave(body: string, tags: string[]): Promise<unknown>;
  onCancel(): void;
}

export const parseTags = (text: string) => [
  ...new Set(
    text
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean),
  ),
];

export function NoteEditor({ body = '', tags = [], label, onSave, onCancel }: NoteEditorProps) {
  const [draft, setDraft] = useState(body);
  const [tagText, setTagText] = useState(tags.join(', '));
  const [error, setError] = useState('');
  const [saving, setSaving] = useState(false);
  // Focused when it opens (autofocus does nothing for an element added later, in a shadow root least of all).
  const bodyField = useRef<HTMLTextAreaElement>(null);
  useEffect(() => bodyField.current?.focus(), []);

  async function save(event: Event) {
    event.preventDefault();
    setSaving(true);
    try {
      await onSave(draft, parseTags(tagText));
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      // Usually the editor is gone by now; where it stays (the popover keeps an empty note open), it can save again.
      setSaving(false);
    }
  }

  return (
    <form
      class="note-editor"
      aria-label={label}
      onSubmit={save}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        // Handled here: whoever holds the editor (the popover) does not also close on this Esc.
        e.preventDefault();
        onCancel();
      }}
    >
      <label>
        <span>{t('noteBody')}</span>
        <textarea value={draft} placeholder={t('notePlaceholder')} onInput={(e) => setDraft(e.currentTarget.value)} ref={bodyField} />
      </label>
      <label>
        <span>{t('noteTags')}</span>
        <input type="text" value={tagText} placeholder={t('noteTagsPlaceholder')} onInput={(e) => setTagText(e.currentTarget.value)} />
      </label>
      <div class="actions">
        <button type="submit" disabled={saving}>
          {t('saveNote')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
