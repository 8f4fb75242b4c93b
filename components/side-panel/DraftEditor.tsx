/** The note on a selection captured from a page (context menu or Alt+Shift+M), waiting for the reader's words. */
import { newNoteId } from '@/core/notes';
import type { NoteDraft } from '@/storage/notes';
import { request } from '@/services/rpc';
import { t } from '@/services/i18n';
import { NoteEditor } from '../NoteEditor';

export function DraftEditor({ draft }: { draft: NoteDraft }) {
  const dismiss = () => void request('notes/dismiss-draft', {});
  return (
    <section class="draft" aria-labelledby="draft-title">
      <h2 id="draft-title">{t('noteOnSelection')}</h2>
      <blockquote>{draft.target.quote.exact}</blockquote>
      <NoteEditor
        key={draft.at}
        label={t('noteOnSelection')}
        onSave={async (body, tags) => {
          await request('notes/add', { id: newNoteId(), target: draft.target, body, tags });
          await request('notes/dismiss-draft', {});
        }}
        onCancel={dismiss}
      />
    </section>
  );
}
