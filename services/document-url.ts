/** The document view's address (core/document-link.ts) in this extension. */
import { browser } from 'wxt/browser';
import { documentViewQuery, type TextSpan } from '@/core/document-link';

export function documentViewUrl(documentId: string, sentence?: TextSpan): string {
  return browser.runtime.getURL('/document.html') + documentViewQuery(documentId, sentence);
}
