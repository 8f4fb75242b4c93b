/**
 * The options page: the reader's archive (components/archive: adding documents, their
 * collections, sharing them), their corrections (components/Corrections.tsx) and what pages show
 * (components/ReaderSettings.tsx). Files are read in a worker (import-worker.ts) with the same
 * code as the CLI; the background stores what it made.
 */
import { Archive } from '@/components/archive/Archive';
import { Corrections } from '@/components/Corrections';
import { ShareKnowledge } from '@/components/archive/ShareKnowledge';
import { ReaderSettings } from '@/components/ReaderSettings';
import { StorageNotice } from '@/components/StorageNotice';
import { t } from '@/services/i18n';
import { createImportWorker } from './import-worker';

export function App() {
  return (
    <main>
      <h1>{t('optionsTitle')}</h1>
      <StorageNotice />
      <p class="hint">{t('optionsHint')}</p>
      <Archive createWorker={createImportWorker} />
      <Corrections />
      <ShareKnowledge />
      <ReaderSettings />
    </main>
  );
}
