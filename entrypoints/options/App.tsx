/**
 * The options page: the reader adds their own documents, and sets what pages show (components/ReaderSettings.tsx).
 * Ingestion runs here, with the same code as the CLI (core/ingest) and the browser's DOMParser for HTML; the background stores it.
 */
import { useState } from 'preact/hooks';
import bundledThesaurus from '@/corpus/aliases.tsv?raw';
import { database } from '@/components/database';
import { useLive } from '@/components/hooks';
import { ReaderSettings } from '@/components/ReaderSettings';
import { StorageNotice } from '@/components/StorageNotice';
import { t, tCount } from '@/services/i18n';
import { formatOf, ingest, type SourceInput } from '@/core/ingest';
import { userPackLabel } from '@/core/pack-id';
import { request } from '@/services/rpc';
import { importedPacks } from '@/storage/packs';

const parseHtml = (html: string) => new DOMParser().parseFromString(html, 'text/html');
const importedText = (name: string, added: { entities: number; events: number }) => t('optionsImported', name, tCount('countEntities', added.entities), tCount('countEvents', added.events));

export function App() {
  const db = database();
  const packs = useLive(() => importedPacks(db), [], []);
  const [label, setLabel] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [messages, setMessages] = useState<{ text: string; error?: boolean }[]>([]);
  const [busy, setBusy] = useState(false);

  async function add(event: Event) {
    event.preventDefault();
    if (files.length === 0) return;
    setBusy(true);
    const report: { text: string; error?: boolean }[] = [];
    try {
      const name = label.trim() || files[0].name;
      const packFiles = files.filter((file) => file.name.endsWith('.json'));
      const documents: SourceInput[] = await Promise.all(files.filter((file) => formatOf(file.name)).map(async (file) => ({ name: file.name, content: new Uint8Array(await file.arrayBuffer()) })));
      for (const file of files) if (!file.name.endsWith('.json') && !formatOf(file.name)) report.push({ text: t('optionsUnsupported', file.name), error: true });
      for (const file of packFiles) {
        const result = await request('packs/import', { label: file.name, pack: JSON.parse(await file.text()) }).catch((error: Error) => error);
        report.push(result instanceof Error ? { text: `${file.name}: ${result.message}`, error: true } : { text: importedText(file.name, result) });
      }
      if (documents.length > 0) {
        const { pack, failures } = ingest(documents, { thesaurus: bundledThesaurus, parseHtml });
        for (const failure of failures) report.push({ text: failure.message, error: true });
        if (pack.documents.length > 0) {
          const result = await request('packs/import', { label: name, pack });
          report.push({ text: importedText(name, result) });
        }
      }
    } catch (error) {
      report.push({ text: (error as Error).message, error: true });
    }
    setMessages(report);
    setBusy(false);
  }

  return (
    <main>
      <h1>{t('optionsTitle')}</h1>
      <StorageNotice />
      <p class="hint">{t('optionsHint')}</p>
      <form onSubmit={add}>
        <label>
          {t('optionsFiles')}
          <input type="file" multiple accept=".txt,.md,.markdown,.html,.htm,.json" onChange={(e) => setFiles([...(e.currentTarget.files ?? [])])} />
        </label>
        <label>
          {t('optionsLabel')}
          <input type="text" value={label} placeholder={files[0]?.name ?? ''} onInput={(e) => setLabel(e.currentTarget.value)} />
        </label>
        <button type="submit" disabled={busy || files.length === 0}>
          {t('optionsAdd')}
        </button>
        <div role="status" aria-live="polite">
          {messages.map((message, i) => (
            <p key={i} class={message.error ? 'error' : undefined}>
              {message.text}
            </p>
          ))}
        </div>
      </form>
      <section aria-labelledby="imported">
        <h2 id="imported">{t('optionsImportedPacks')}</h2>
        {packs.length === 0 ? (
          <p class="hint">{t('optionsNone')}</p>
        ) : (
          <ul>
            {packs.map((pack) => (
              <li key={pack.packId}>
                <span>
                  {userPackLabel(pack.packId)} · {tCount('countDocuments', pack.documents)}
                </span>
                <button type="button" onClick={() => void request('packs/remove', { packId: pack.packId })}>
                  {t('optionsRemove')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <ReaderSettings />
    </main>
  );
}
