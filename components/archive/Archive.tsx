/**
 * The reader's archive in the options page: adding files and folders to a named collection
 * (read in a worker, with progress and Cancel), what each file became, and the collections with
 * their documents. Nothing is lost by surprise: a name that exists is added to, replacing or
 * removing a collection asks first and can be undone for a few seconds. Every write goes
 * through the background (packs/import, packs/remove, packs/restore).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ImportProgress, ImportSummary } from '@/core/ingest/run';
import { timeLeftMs } from '@/core/ingest/run';
import { userPackId, userPackLabel, type UserPackId } from '@/core/pack-id';
import { t, tCount } from '@/services/i18n';
import { request } from '@/services/rpc';
import { importedPacks, type CollectionDocument, type ImportedPack } from '@/storage/packs';
import { database } from '../database';
import { useLive } from '../hooks';
import { filesOfDrop, filesOfInput, type ChosenFile } from './chosen-files';
import { Collections } from './Collections';
import { Confirm } from './Confirm';
import { packStager } from './store-pack';
import { ImportSummaryView } from './ImportSummaryView';

/** How long an Undo is offered after a collection is replaced or removed. */
export const UNDO_MS = 15_000;

/** What became of each file the worker read; the packs went to `onPart` as they came. */
export interface ReadFiles {
  summary: ImportSummary;
  cancelled: boolean;
}

/** One part of a pack read (core/pack-parts.ts), as JSON text, with the notes a shared knowledge base carries on its first part. */
export interface PackPart {
  json: string;
  notes?: unknown;
}

/**
 * The worker that reads the files (entrypoints/options/import.worker.ts), as the options page
 * starts it. Each pack read comes back in parts, one at a time: the worker sends the next once
 * `onPart` has settled.
 */
export interface ImportWorker {
  start(files: ChosenFile[], onProgress: (progress: ImportProgress) => void, onPart: (part: PackPart, packIndex: number) => Promise<void>): Promise<ReadFiles>;
  cancel(): void;
}

interface Undo {
  message: string;
  packId: UserPackId;
  /** The background's ticket for what the collection held before; null when it did not exist. */
  previous: string | null;
  /** A replaced or removed collection is removed before `previous` goes back; a deleted document's collection is kept. */
  removeFirst: boolean;
}

type Phase = { step: 'idle' } | { step: 'reading'; progress: ImportProgress; startedAt: number; now: number } | { step: 'saving' };

export function Archive({ createWorker }: { createWorker: () => ImportWorker }) {
  const db = database();
  const packs = useLive(() => importedPacks(db), [], []);
  const [files, setFiles] = useState<ChosenFile[]>([]);
  const [label, setLabel] = useState('');
  const [replace, setReplace] = useState(false);
  const [confirming, setConfirming] = useState<{ packId: UserPackId; action: 'replace' | 'remove' } | { documentId: string; action: 'delete' }>();
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const [summary, setSummary] = useState<{ summary: ImportSummary; cancelled: boolean; errors: string[] }>();
  const [undo, setUndo] = useState<Undo>();
  const [notice, setNotice] = useState('');
  const worker = useRef<ImportWorker>();

  useEffect(() => {
    if (!undo) return;
    const timer = setTimeout(() => setUndo(undefined), UNDO_MS);
    return () => clearTimeout(timer);
  }, [undo]);

  const name = label.trim() || files[0]?.name.split('/')[0] || '';
  const existing = name ? packs.find((pack) => pack.packId === userPackId(name)) : undefined;
  const busy = phase.step !== 'idle';

  function choose(chosen: ChosenFile[]) {
    setFiles((current) => [...current, ...chosen.filter((file) => !current.some((other) => other.name === file.name))]);
    setSummary(undefined);
  }

  async function add() {
    setConfirming(undefined);
    const packId = userPackId(name);
    const startedAt = performance.now();
    setPhase({ step: 'reading', progress: { done: 0, total: files.length }, startedAt, now: startedAt });
    worker.current = createWorker();
    const stager = packStager();
    let result: ReadFiles;
    try {
      result = await worker.current.start(files, (progress) => setPhase({ step: 'reading', progress, startedAt, now: performance.now() }), stager.stage);
    } catch (error) {
      setSummary({ summary: { added: [], duplicates: [], failed: [], notRead: [] }, cancelled: false, errors: [(error as Error).message] });
      setPhase({ step: 'idle' });
      return;
    } finally {
      worker.current = undefined;
    }
    setPhase({ step: 'saving' });
    const errors: string[] = [];
    let previous: string | null = null;
    if (existing && replace && stager.count > 0) previous = (await request('packs/remove', { packId }).catch(fail(errors)))?.removed?.undoId ?? null;
    errors.push(...(await stager.store(name)));
    if (previous) setUndo({ message: t('optionsReplaced', name), packId, previous, removeFirst: true });
    setSummary({ summary: result.summary, cancelled: result.cancelled, errors });
    setFiles([]);
    setReplace(false);
    setPhase({ step: 'idle' });
  }

  async function remove(pack: ImportedPack) {
    setConfirming(undefined);
    const { removed } = await request('packs/remove', { packId: pack.packId });
    setUndo({ message: t('optionsRemoved', userPackLabel(pack.packId)), packId: pack.packId, previous: removed?.undoId ?? null, removeFirst: true });
  }

  async function deleteDocument(document: CollectionDocument) {
    setConfirming(undefined);
    setNotice('');
    try {
      const { deleted } = await request('documents/delete', { documentId: document.id });
      if (deleted) setUndo({ message: t('documentDeleted', document.title || document.source), packId: deleted.packId, previous: deleted.undoId, removeFirst: false });
    } catch (error) {
      setNotice(t('optionsStoreFailed', (error as Error).message));
    }
  }

  async function undoLast(last: Undo) {
    setUndo(undefined);
    // A replaced collection loses what was added in its place; a removed one comes back; a deleted document goes back into its collection.
    if (last.removeFirst) await request('packs/remove', { packId: last.packId });
    if (last.previous) await request('packs/restore', { undoId: last.previous });
    setNotice(t('optionsUndone', userPackLabel(last.packId)));
  }

  const submit = (event: Event) => {
    event.preventDefault();
    if (files.length === 0 || !name) return;
    if (existing && replace) setConfirming({ packId: existing.packId, action: 'replace' });
    else void add();
  };

  return (
    <>
      <form onSubmit={submit} aria-busy={busy}>
        <DropZone onFiles={choose} disabled={busy} />
        {files.length > 0 && (
          <p class="chosen">
            {tCount('optionsChosen', files.length)}{' '}
            <button type="button" class="link" onClick={() => setFiles([])} disabled={busy}>
              {t('optionsClear')}
            </button>
          </p>
        )}
        <label>
          {t('optionsLabel')}
          <input type="text" list="collection-names" value={label} placeholder={files[0]?.name.split('/')[0] ?? ''} onInput={(e) => setLabel(e.currentTarget.value)} disabled={busy} />
          <datalist id="collection-names">
            {packs.map((pack) => (
              <option key={pack.packId} value={userPackLabel(pack.packId)} />
            ))}
          </datalist>
        </label>
        {existing && (
          <div class="existing">
            <p>{t('optionsExisting', name, tCount('countDocuments', existing.documents.length))}</p>
            <label class="choice">
              <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.currentTarget.checked)} disabled={busy} />
              {t('optionsReplace')}
            </label>
          </div>
        )}
        {confirming?.action === 'replace' && existing ? (
          <Confirm
            question={t('optionsConfirmReplace', tCount('countDocuments', existing.documents.length), name)}
            confirm={t('optionsConfirmReplaceButton')}
            onConfirm={() => void add()}
            onCancel={() => setConfirming(undefined)}
          />
        ) : (
          <button type="submit" disabled={busy || files.length === 0 || !name}>
            {t('optionsAdd')}
          </button>
        )}
        {phase.step !== 'idle' && <Progress phase={phase} onCancel={() => worker.current?.cancel()} />}
        <div role="status" aria-live="polite" class="report">
          {summary?.cancelled && <p>{t('optionsCancelled')}</p>}
          {summary?.errors.map((error) => (
            <p key={error} class="error">
              {t('optionsStoreFailed', error)}
            </p>
          ))}
          {summary && <ImportSummaryView summary={summary.summary} />}
        </div>
      </form>
      <div role="status" aria-live="polite" class="undo">
        {undo ? (
          <p>
            {undo.message}{' '}
            <button type="button" onClick={() => void undoLast(undo)}>
              {t('optionsUndo')}
            </button>
          </p>
        ) : (
          notice && <p>{notice}</p>
        )}
      </div>
      <Collections
        packs={packs}
        confirmingRemoval={confirming?.action === 'remove' ? confirming.packId : undefined}
        onAskRemove={(packId) => setConfirming({ packId, action: 'remove' })}
        onRemove={(pack) => void remove(pack)}
        confirmingDeletion={confirming?.action === 'delete' ? confirming.documentId : undefined}
        onAskDelete={(documentId) => setConfirming({ documentId, action: 'delete' })}
        onDelete={(document) => void deleteDocument(document)}
        onCancel={() => setConfirming(undefined)}
      />
    </>
  );
}

const fail = (errors: string[]) => (error: Error) => {
  errors.push(error.message);
  return undefined;
};

function DropZone({ onFiles, disabled }: { onFiles: (files: ChosenFile[]) => void; disabled: boolean }) {
  const [over, setOver] = useState(false);
  return (
    <div
      class={over ? 'drop over' : 'drop'}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        if (!disabled && e.dataTransfer) void filesOfDrop(e.dataTransfer).then(onFiles);
      }}
    >
      <p>{t('optionsDrop')}</p>
      <label class="button">
        {t('optionsChooseFiles')}
        <input type="file" multiple accept=".txt,.text,.md,.markdown,.html,.htm,.pdf,.json" disabled={disabled} onChange={(e) => onFiles(filesOfInput(e.currentTarget.files))} />
      </label>
      <label class="button">
        {t('optionsChooseFolder')}
        <input type="file" {...{ webkitdirectory: true }} disabled={disabled} onChange={(e) => onFiles(filesOfInput(e.currentTarget.files))} />
      </label>
    </div>
  );
}

function Progress({ phase, onCancel }: { phase: Exclude<Phase, { step: 'idle' }>; onCancel: () => void }) {
  if (phase.step === 'saving') return <p>{t('optionsSaving')}</p>;
  const { progress, startedAt, now } = phase;
  const left = timeLeftMs(progress, now - startedAt);
  return (
    <div class="progress">
      <progress max={progress.total} value={progress.done} aria-label={t('optionsProgress', String(progress.done), String(progress.total))} />
      <p>
        {[
          t('optionsProgress', String(progress.done), String(progress.total)),
          progress.current ? t('optionsReading', progress.current) : t('optionsBuilding'),
          left !== undefined ? t('optionsTimeLeft', String(Math.max(1, Math.round(left / 1000)))) : '',
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <button type="button" onClick={onCancel}>
        {t('optionsCancel')}
      </button>
    </div>
  );
}
