/** The reader's collections, each opening onto its documents: title, date, language and how many entities it names. */
import { useState } from 'preact/hooks';
import { userPackLabel, type UserPackId } from '@/core/pack-id';
import { t, tCount } from '@/services/i18n';
import { entityCounts, type ImportedPack } from '@/storage/packs';
import { database } from '../database';
import { useLive } from '../hooks';
import { Confirm } from './Confirm';

interface CollectionsProps {
  packs: ImportedPack[];
  confirmingRemoval?: UserPackId;
  onAskRemove: (packId: UserPackId) => void;
  onRemove: (pack: ImportedPack) => void;
  onCancel: () => void;
}

export function Collections({ packs, confirmingRemoval, onAskRemove, onRemove, onCancel }: CollectionsProps) {
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
                <CollectionDocuments pack={pack} label={label} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function CollectionDocuments({ pack, label }: { pack: ImportedPack; label: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('collectionDocumentsOf', label)}</summary>
      {open && <DocumentTable pack={pack} label={label} />}
    </details>
  );
}

function DocumentTable({ pack, label }: { pack: ImportedPack; label: string }) {
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
        </tr>
      </thead>
      <tbody>
        {pack.documents.map((document) => (
          <tr key={document.id}>
            <td title={document.source}>{document.title || document.source}</td>
            <td>{document.date ?? '—'}</td>
            <td>{document.lang}</td>
            <td>{counts.get(document.id) ?? 0}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
