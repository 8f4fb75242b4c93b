/** What the reader is told when the database fails (storage/failures.ts), in the extension's languages. */
import { storageFailureOf } from '@/storage/failures';
import { t } from './i18n';

/** The reader's message for a database failure; undefined for any other error. */
export function storageFailureMessage(error: unknown): string | undefined {
  switch (storageFailureOf(error)) {
    case 'quota':
      return t('storageQuota');
    case 'blocked':
      return t('storageBlocked');
    case 'unavailable':
      return t('storageUnavailable');
    default:
      return undefined;
  }
}
