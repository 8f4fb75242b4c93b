/** "Open the document": the document view in a new tab, at the sentence when one is given (extension pages; the popover asks the background). */
import type { TextSpan } from '@/core/document-link';
import { documentViewUrl } from '@/services/document-url';
import { t } from '@/services/i18n';

export function DocumentLink({ documentId, sentence, title }: { documentId: string; sentence?: TextSpan; title: string }) {
  return (
    <a class="open-document" href={documentViewUrl(documentId, sentence)} target="_blank" rel="noopener" title={title}>
      {t('openDocument')}
    </a>
  );
}
