/**
 * The popup: the reader's notes manager (every note, newest first; search, filters, edit,
 * delete with undo; export and import), the switch for the current site, "Add this page", and the counts.
 */
import { useId, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { filterNotes } from '@/core/note-filter';
import { siteOf } from '@/core/settings';
import { notesToMarkdown, toAnnotationCollection } from '@/core/web-annotation';
import { request } from '@/services/rpc';
import { entityNames, knowledgeCounts } from '@/storage/knowledge';
import { allNotes, noteRecord } from '@/storage/notes';
import type { StoredNote } from '@/storage/schema';
import { readSettings } from '@/storage/settings';
import { AddPage } from '../AddPage';
import type { ImportWorker } from '../archive/Archive';
import { database } from '../database';
import { download } from '../download';
import { useDescribedTab, useLive } from '../hooks';
import { t, tCount } from '@/services/i18n';
import { NoteList } from '../NoteList';
import { OptionsLink } from '../OptionsLink';
import { StorageNotice } from '../StorageNotice';

export function NotesManager({ createImportWorker }: { createImportWorker: () => ImportWorker }) {
  const db = database();
  const tab = useDescribedTab();
  // Read together, so that a note is never shown before its entity's name (a note whose entity is gone is shown as orphaned).
  const { notes, names } = useLive(
    async () => {
      const all = await allNotes(db);
      return {
        notes: all,
        names: await entityNames(
          db,
          all.flatMap((n) => (n.target.kind === 'entity' ? [n.target.entityId] : [])),
        ),
      };
    },
    [],
    { notes: [] as StoredNote[], names: new Map<string, string>() },
  );
  const counts = useLive(() => knowledgeCounts(db), [], { entities: 0, events: 0, documents: 0 });
  const [query, setQuery] = useState('');
  const [entityId, setEntityId] = useState('');
  const [url, setUrl] = useState('');
  const [tag, setTag] = useState('');

  const entityName = (id: string) => names.get(id);
  const shown = filterNotes(notes, { query, entityId, url, tag }, entityName);
  // A page is listed by the title its newest note kept (notes from before titles have none), with its address beside it.
  const titles = new Map<string, string | undefined>();
  for (const { url: page, target } of notes) if (page && target.kind !== 'entity' && !titles.get(page)) titles.set(page, target.title);
  const pages = [...titles].map(([page, title]): [string, string] => [page, title ? `${title} · ${page}` : page]).sort(([, a], [, b]) => a.localeCompare(b));
  const tags = [...new Set(notes.flatMap((n) => n.tags))].sort((a, b) => a.localeCompare(b));

  return (
    <main class="panel popup">
      <header class="panel-head">
        <h1>Contesto</h1>
        <OptionsLink />
        <OpenSidePanel />
      </header>
      <StorageNotice />
      <Switches host={tab?.url && /^https?:/.test(tab.url) ? siteOf(tab.url) : undefined} />
      <AddPage tab={tab} createWorker={createImportWorker} />
      <p class="counts" aria-label={t('countsLabel')}>
        {[tCount('countEntities', counts.entities), tCount('countEvents', counts.events), tCount('countDocuments', counts.documents), tCount('countNotes', notes.length)].join(' · ')}
      </p>
      <section aria-labelledby="notes-title">
        <h2 id="notes-title">{t('yourNotes')}</h2>
        <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
          <label class="wide">
            <span>{t('searchNotes')}</span>
            <input type="search" value={query} placeholder={t('searchNotesPlaceholder')} onInput={(e) => setQuery(e.currentTarget.value)} />
          </label>
          <Choice label={t('filterEntity')} value={entityId} onChange={setEntityId} options={[...names].map(([id, name]) => [id, name])} />
          <Choice label={t('filterPage')} value={url} onChange={setUrl} options={pages} />
          <Choice label={t('filterTag')} value={tag} onChange={setTag} options={tags.map((tg) => [tg, `#${tg}`])} />
        </form>
        <NoteList notes={shown} entityName={entityName} empty={notes.length === 0 ? t('noNotesYet') : t('noNotesMatch')} />
      </section>
      <ExportImport notes={notes.map(noteRecord)} entityName={entityName} />
    </main>
  );
}

function Choice({ label, value, onChange, options }: { label: string; value: string; onChange(value: string): void; options: [string, string][] }) {
  // Labelled by id rather than by wrapping, so that the options' text is not read as part of the name.
  const id = useId();
  return (
    <div class="choice">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{t('filterAll')}</option>
        {options.map(([key, text]) => (
          <option key={key} value={key}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** On or off for the current site (when the tab is a web page) and everywhere. */
function Switches({ host }: { host?: string }) {
  const db = database();
  const settings = useLive(() => readSettings(db), [], undefined);
  if (!settings) return null;
  const enabled = !host || !settings.disabledSites.includes(host);
  return (
    <>
      {host && (
        <label class="switch">
          <input type="checkbox" checked={enabled} disabled={!settings.enabled} onChange={(e) => void request('settings/update', { site: { host, enabled: e.currentTarget.checked } })} />
          <span>{t('enabledOnSite', host)}</span>
        </label>
      )}
      <label class="switch">
        <input type="checkbox" checked={settings.enabled} onChange={(e) => void request('settings/update', { enabled: e.currentTarget.checked })} />
        <span>{t('enabledEverywhere')}</span>
      </label>
    </>
  );
}

function OpenSidePanel() {
  const open = async () => {
    if (import.meta.env.FIREFOX) await (browser as unknown as { sidebarAction: { open(): Promise<void> } }).sidebarAction.open();
    else await browser.sidePanel.open({ windowId: (await browser.windows.getCurrent()).id! });
    window.close();
  };
  return (
    <button type="button" onClick={() => void open()}>
      {t('openSidePanel')}
    </button>
  );
}

function ExportImport({ notes, entityName }: { notes: ReturnType<typeof noteRecord>[]; entityName(id: string): string | undefined }) {
  const [message, setMessage] = useState<{ text: string; error?: boolean }>();
  const stamp = new Date().toISOString().slice(0, 10);

  async function importFile(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!file) return;
    try {
      const report = await request('notes/import', { text: await file.text() });
      setMessage({ text: t('importReport', String(report.added.length), String(report.updated.length), String(report.skipped.length)) });
    } catch (error) {
      setMessage({ text: t('importRefused', (error as Error).message), error: true });
    }
    input.value = '';
  }

  return (
    <section class="export" aria-labelledby="export-title">
      <h2 id="export-title">{t('exportImport')}</h2>
      <div class="actions">
        <button type="button" onClick={() => download(`contesto-notes-${stamp}.jsonld`, 'application/ld+json', JSON.stringify(toAnnotationCollection(notes), null, 2))}>
          {t('exportJsonLd')}
        </button>
        <button type="button" onClick={() => download(`contesto-notes-${stamp}.md`, 'text/markdown', notesToMarkdown(notes, entityName))}>
          {t('exportMarkdown')}
        </button>
      </div>
      <label>
        <span>{t('importNotes')}</span>
        <input type="file" accept=".jsonld,.json,application/ld+json,application/json" onChange={(e) => void importFile(e.currentTarget)} />
      </label>
      {message && (
        <p class={message.error ? 'error' : 'status'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
