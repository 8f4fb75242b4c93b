/** Opens the options page, where the reader adds documents and changes settings. */
import { browser } from 'wxt/browser';
import { t } from '@/services/i18n';

export function OptionsLink({ label = t('openOptions') }: { label?: string }) {
  return (
    <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
      {label}
    </button>
  );
}
