/** What an import did, file by file: added, skipped as a duplicate, not added (with the reason), not read. */
import { useState } from 'preact/hooks';
import type { ImportSummary } from '@/core/ingest/run';
import { t } from '@/services/i18n';

/** Rows drawn at first and at each "Show more": an archive of thousands of files must not hold the page while its list is drawn. */
const ROWS_SHOWN = 200;

export function ImportSummaryView({ summary }: { summary: ImportSummary }) {
  const groups = [
    { key: 'summaryAdded', rows: summary.added.map(({ file, title }) => [file, title]) },
    { key: 'summaryDuplicates', rows: summary.duplicates.map(({ file, sameAs }) => [file, t('summarySameAs', sameAs)]) },
    { key: 'summaryFailed', rows: summary.failed.map(({ file, reason }) => [file, reason]), error: true },
    { key: 'summaryNotRead', rows: summary.notRead.map((file) => [file, '']) },
  ];
  return (
    <div class="summary">
      {groups
        .filter(({ rows }) => rows.length > 0)
        .map(({ key, rows, error }) => (
          <section key={key} aria-label={t(key, String(rows.length))}>
            <h3 class={error ? 'error' : undefined}>{t(key, String(rows.length))}</h3>
            <SummaryRows rows={rows} />
          </section>
        ))}
    </div>
  );
}

function SummaryRows({ rows }: { rows: string[][] }) {
  const [shown, setShown] = useState(ROWS_SHOWN);
  return (
    <>
      <ul>
        {rows.slice(0, shown).map(([file, detail]) => (
          <li key={file}>
            <span class="file">{file}</span>
            {detail && <span class="detail">{detail}</span>}
          </li>
        ))}
      </ul>
      {rows.length > shown && (
        <button type="button" onClick={() => setShown(shown + ROWS_SHOWN)}>
          {t('summaryShowMore', String(Math.min(ROWS_SHOWN, rows.length - shown)), String(rows.length - shown))}
        </button>
      )}
    </>
  );
}
