/**
 * The options page: the reader's archive (components/archive: adding documents, their
 * collections), their corrections (components/Corrections.tsx) and what pages show
 * (components/ReaderSettings.tsx). Files are read in a worker
 * (import.worker.ts) with the same code as the CLI; the background stores what it made.
 */
import { Archive, type ImportWorker } from '@/components/archive/Archive';
import { Corrections } from '@/components/Corrections';
import { ReaderSettings } from '@/components/ReaderSettings';
import { StorageNotice } from '@/components/StorageNotice';
import { t } from '@/services/i18n';
import type { FromImportWorker, ToImportWorker } from './import.worker';

function createImportWorker(): ImportWorker {
  const worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
  const send = (message: ToImportWorker) => worker.postMessage(message);
  return {
    start: (files, onProgress) =>
      new Promise((resolve, reject) => {
        worker.addEventListener('message', ({ data }: MessageEvent<FromImportWorker>) => {
          if (data.type === 'progress') return onProgress(data);
          // PDF.js's parser, loaded in the worker, also greets the worker's owner ("ready"): only the import's answers count.
          if (data.type !== 'done' && data.type !== 'error') return;
          worker.terminate();
          if (data.type === 'done') resolve(data);
          else reject(new Error(data.message));
        });
        worker.addEventListener('error', (event) => {
          worker.terminate();
          reject(new Error(event.message || 'the import stopped.'));
        });
        send({ type: 'start', files });
      }),
    cancel: () => send({ type: 'cancel' }),
  };
}

export function App() {
  return (
    <main>
      <h1>{t('optionsTitle')}</h1>
      <StorageNotice />
      <p class="hint">{t('optionsHint')}</p>
      <Archive createWorker={createImportWorker} />
      <Corrections />
      <ReaderSettings />
    </main>
  );
}
