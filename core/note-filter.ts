/** Finding notes in the notes manager: words in the text, #tags, and filters by entity, page or tag. */
import { foldAlias } from './normalize';
import type { NoteRecord } from './web-annotation';

export interface NoteFilter {
  /** Words to find in the body, quote, page (title or address) or entity name; `#word` asks for a tag. */
  query?: string;
  entityId?: string;
  url?: string;
  tag?: string;
}

export function filterNotes<T extends NoteRecord & { url?: string }>(notes: T[], filter: NoteFilter, entityName: (entityId: string) => string | undefined): T[] {
  const terms = foldAlias(filter.query ?? '')
    .split(' ')
    .filter(Boolean);
  const tagTerms = terms.filter((term) => term.startsWith('#') && term.length > 1).map((term) => term.slice(1));
  const words = terms.filter((term) => !term.startsWith('#'));
  return notes.filter((note) => {
    const { target } = note;
    if (filter.entityId && !(target.kind === 'entity' && target.entityId === filter.entityId)) return false;
    if (filter.url && note.url !== filter.url) return false;
    if (filter.tag && !note.tags.includes(filter.tag)) return false;
    const tags = note.tags.map(foldAlias);
    if (!tagTerms.every((term) => tags.some((tag) => tag.startsWith(term)))) return false;
    if (words.length === 0) return true;
    const haystack = foldAlias(
      [note.body, ...note.tags, target.kind === 'entity' ? (entityName(target.entityId) ?? '') : `${target.title ?? ''} ${target.url}`, target.kind === 'selection' ? target.quote.exact : ''].join(
        ' ',
      ),
    );
    return words.every((word) => haystack.includes(word));
  });
}
