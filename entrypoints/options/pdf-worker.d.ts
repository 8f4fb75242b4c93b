// PDF.js's parser ships without declarations; this worker only hands it to PDF.js (globalThis.pdfjsWorker).
declare module 'pdfjs-dist/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
