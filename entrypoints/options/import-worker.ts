/** The import worker (import.worker.ts) as the options page and the popup's "Add this page" drive it: one import per worker. */
import type { ImportWorker } from '@/components/archive/Archive';
import type { FromImportWorker, ToImportWorker } from './import.worker';

export function createImportWorker(): ImportWorker {
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
