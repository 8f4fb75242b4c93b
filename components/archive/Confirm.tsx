/** An in-page question before something is replaced or removed (a dialog the keyboard and tests reach like the rest of the page). */
import { t } from '@/services/i18n';

export function Confirm({ question, confirm, onConfirm, onCancel }: { question: string; confirm: string; onConfirm: () => void; onCancel: () => void }) {
  return (
    <div class="confirm" role="alertdialog" aria-label={question}>
      <p>{question}</p>
      <button type="button" class="danger" onClick={onConfirm}>
        {confirm}
      </button>
      <button type="button" onClick={onCancel}>
        {t('optionsCancel')}
      </button>
    </div>
  );
}
