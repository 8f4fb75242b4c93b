/** The import worker (import.worker.ts) as the options page and the popup's "Add this page" drive it: one import per worker. */
import type { ImportWorker, ReadFiles } from '@/components/archive/Archive';
import type { FromImportWorker, ToImportWorker } from './import.worker';

/** Files posted to the worker in one message: cloning a file handle costs the page a third of a millisecond, at times two (25 at once took 60 to 78 ms). */
const FILES_PER_MESSAGE = 10;

export function createImportWorker(): ImportWorker {
  const worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
  const send = (message: ToImportWorker) => worker.postMessage(message);
  return {
    start: (files, onProgress, onPart) =>
      new Promise<ReadFiles>((resolve, reject) => {
        worker.addEventListener('message', ({ data }: MessageEvent<FromImportWorker>) => {
          if (data.type === 'progress') return onProgress(data);
          if (data.type === 'part') return void onPart(data, data.packIndex).finally(() => send({ type: 'next' }));
          // PDF.js's parser, loaded in the worker, also greets the worker's owner ("ready"): only the import's answers count.
          if (data.type !== 'done' && data.type !== 'error') return;
          worker.terminate();
          if (data.type === 'done') resolve({ summary: data.summary, cancelled: data.cancelled });
          else reject(new Error(data.message));
        });
        worker.addEventListener('error', (event) => {
          worker.terminate();
          reject(new Error(event.message || 'the import stopped.'));
        });
        void postInTurns(files, send);
      }),
    cancel: () => send({ type: 'cancel' }),
  };
}

/** The files a few at a time, each message in a task of its own, then the start. */
async function postInTurns(files: Parameters<ImportWorker['start']>[0], send: (message: ToImportWorker) => void) {
  for (let index = 0; index < files.length; index += FILES_PER_MESSAGE) {
    send({ type: 'files', files: files.slice(index, index + FILES_PER_MESSAGE) });
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  send({ type: 'start' });
}
