/** The reader's collections, each opening onto its documents: title, date, language and how many entities it names. */
import { useState } from 'preact/hooks';
import { userPackLabel, type UserPackId } from '@/core/pack-id';
import { t, tCount } from '@/services/i18n';
import { documentViewUrl } from '@/services/document-url';
import { entityCounts, type CollectionDocument, type ImportedPack } from '@/storage/packs';
import { database } from '../database';
import { useLive } from '../hooks';
import { Confirm } from './Confirm';

interface CollectionsProps extends DocumentActions {
  packs: ImportedPack[];
  confirmingRemoval?: UserPackId;
  onAskRemove: (packId: UserPackId) => void;
  onRemove: (pack: ImportedPack) => void;
}

/** Deleting one document asks first, as removing a collection does. */
interface DocumentActions {
  confirmingDeletion?: string;
  onAskDelete: (documentId: string) => void;
  onDelete: (document: CollectionDocument) => void;
  onCancel: () => void;
}

export function Collections({ packs, confirmingRemoval, onAskRemove, onRemove, onCancel, ...documentActions }: CollectionsProps) {
  return (
    <section aria-labelledby="imported">
      <h2 id="imported">{t('optionsImportedPacks')}</h2>
      {packs.length === 0 ? (
        <p class="hint">{t('optionsNone')}</p>
      ) : (
        <ul class="collections">
          {packs.map((pack) => {
            const label = userPackLabel(pack.packId);
            const documents = tCount('countDocuments', pack.documents.length);
            return (
              <li key={pack.packId} aria-label={label}>
                <div class="collection-head">
                  <span>
                    <strong>{label}</strong> · {documents}
                  </span>
                  <button type="button" onClick={() => onAskRemove(pack.packId)}>
                    {t('optionsRemove')}
                  </button>
                </div>
                {confirmingRemoval === pack.packId && (
                  <Confirm question={t('optionsConfirmRemove', label, documents)} confirm={t('optionsRemove')} onConfirm={() => onRemove(pack)} onCancel={onCancel} />
                )}
                <CollectionDocuments pack={pack} label={label} {...documentActions} onCancel={onCancel} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

type DocumentTableProps = { pack: ImportedPack; label: string } & DocumentActions;

function CollectionDocuments(props: DocumentTableProps) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('collectionDocumentsOf', props.label)}</summary>
      {open && <DocumentTable {...props} />}
    </details>
  );
}

function DocumentTable({ pack, label, confirmingDeletion, onAskDelete, onDelete, onCancel }: DocumentTableProps) {
  const counts = useLive(() => entityCounts(database(), pack.packId), [pack.packId], new Map<string, number>());
  return (
    <table>
      <caption class="visually-hidden">{t('collectionDocumentsOf', label)}</caption>
      <thead>
        <tr>
          <th scope="col">{t('collectionTitle')}</th>
          <th scope="col">{t('collectionDate')}</th>
          <th scope="col">{t('collectionLanguage')}</th>
          <th scope="col">{t('collectionEntities')}</th>
          <th scope="col">
            <span class="visually-hidden">{t('collectionActions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {pack.documents.map((document) => {
          const title = document.title || document.source;
          return (
            <tr key={document.id}>
              <td title={document.source}>
                <a href={documentViewUrl(document.id)} target="_blank" rel="noopener">
                  {title}
                </a>
              </td>
              <td>{document.date ?? '—'}</td>
              <td>{document.lang}</td>
              <td>{counts.get(document.id) ?? 0}</td>
              <td>
                {confirmingDeletion === document.id ? (
                  <Confirm question={t('documentConfirmDelete', title)} confirm={t('documentDelete')} onConfirm={() => onDelete(document)} onCancel={onCancel} />
                ) : (
                  <button type="button" onClick={() => onAskDelete(document.id)} aria-label={t('documentDeleteNamed', title)}>
                    {t('documentDelete')}
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
