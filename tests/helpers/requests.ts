/** Requests for tests that check who may send what: one valid request of every type. */
import type { RequestPayload, RequestType } from '@/core/messages';
import { toAnnotationCollection } from '@/core/web-annotation';
import { samplePackAs } from '../unit/helpers/packs';
import { newNoteId } from '@/core/notes';

export const selection = (url: string) => ({
  kind: 'selection' as const,
  url,
  quote: { type: 'TextQuoteSelector' as const, exact: 'Kim Jong-un', prefix: '', suffix: '' },
  position: { type: 'TextPositionSelector' as const, start: 0, end: 11 },
});

/** A valid request of every type, about `page`: typed as the whole contract, so a new request type must be added here. */
export function validRequests(page: string): { [T in RequestType]: RequestPayload<T> } {
  return {
    'page/init': { url: page },
    'page/find': { url: page, texts: ['Putin met Kim Jong-un.'] },
    'entity/card': { entityId: 'putin', lang: 'en' },
    'sidepanel/open': { entityId: 'putin' },
    'notes/add': { id: newNoteId(), target: { kind: 'entity', entityId: 'putin' }, body: 'From the popover' },
    'settings/update': { enabled: false },
    'packs/stage': { importId: 'import-1', part: 0, pack: samplePackAs('s') },
    'packs/import': { label: 'Mine', pack: samplePackAs('u') },
    'packs/remove': { packId: 'user:Mine' },
    'packs/restore': { undoId: '0b6f1a57-3c4e-4d7a-9a8e-2f1c5d6e7f80' },
    'documents/open': { documentId: 'd1', sentence: { start: 23, end: 83 } },
    'documents/add-page': { tabId: 3 },
    'documents/delete': { documentId: 'u1' },
    'notes/update': { id: 'n-1', body: 'changed' },
    'notes/delete': { id: 'n-1' },
    'notes/restore': { note: { id: 'n-2', target: { kind: 'page', url: page }, body: 'x', tags: [], created: '2026-01-01T00:00:00.000Z', updated: '2026-01-01T00:00:00.000Z' } },
    'notes/for-page': { url: page },
    'notes/anchored': { found: [], lost: ['n-1'] },
    'notes/import': { text: JSON.stringify(toAnnotationCollection([])) },
    'notes/capture-selection': { tabId: 3 },
    'notes/dismiss-draft': {},
    'page/entities-changed': { entities: 2 },
    'corrections/add': { kind: 'not-an-entity', entityId: 'putin' },
    'corrections/remove': { id: 'not-an-entity:putin' },
  };
}

/** What a web page's content script may ask for, as the contract means it (an oracle kept apart from core/messages.ts). */
export const PAGE_CONTEXT = ['page/init', 'page/find', 'entity/card', 'sidepanel/open', 'notes/add', 'documents/open', 'notes/for-page', 'notes/anchored', 'page/entities-changed', 'corrections/add'];
