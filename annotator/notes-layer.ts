/**
 * The reader's selection notes on the page: anchors each note in the page text (core/anchoring),
 * draws the found ones as the CSS highlight `contesto-note`, reports which are orphaned, and
 * anchors them again when the page changes.
 */
import './notes-layer.css';
import { anchorQuote } from '@/core/anchoring';
import type { SelectionNote } from '@/core/messages';
import { locateSpan, readPageText } from './page-text';

export const NOTE_HIGHLIGHT = 'contesto-note';
/** Waits for a burst of DOM changes to settle before anchoring notes again. */
const REANCHOR_DELAY_MS = 1_000;

export interface NotesLayerActions {
  loadNotes(): Promise<SelectionNote[]>;
  report(found: string[], lost: string[]): Promise<unknown>;
}

export type NotesLayer = ReturnType<typeof createNotesLayer>;

export function createNotesLayer(doc: Document, actions: NotesLayerActions) {
  const drawable = typeof CSS !== 'undefined' && 'highlights' in CSS;
  // In the registry only while a note is drawn: the registry is the page's, and its scripts can read it, so a page without notes must find nothing of ours there.
  let highlight: Highlight | undefined;
  const drawing = () => {
    if (drawable && !highlight) CSS.highlights.set(NOTE_HIGHLIGHT, (highlight = new Highlight()));
    return highlight;
  };
  const undraw = () => {
    if (highlight) CSS.highlights.delete(NOTE_HIGHLIGHT);
    highlight = undefined;
  };
  let generation = 0;
  let count = 0;

  /** Anchors the page's notes again (after a load, a change of notes, or of the page): `given` when the caller has them, else loaded. */
  async function refresh(given?: SelectionNote[]) {
    const mine = ++generation;
    const notes = given ?? (await actions.loadNotes());
    if (mine !== generation) return;
    count = notes.length;
    watchWhileNoted();
    // Drawn again from nothing (in this one task, so no frame shows it empty); left out of the registry when no note is found.
    undraw();
    // Most pages have no notes: then there is no need to read the page's text at all.
    if (notes.length === 0) return;
    const page = readPageText(doc.body);
    const found: string[] = [];
    const lost: string[] = [];
    for (const note of notes) {
      const anchor = page.nodes.length > 0 ? anchorQuote(page.text, note.quote, note.position) : null;
      if (!anchor) {
        lost.push(note.id);
        continue;
      }
      found.push(note.id);
      drawing()?.add(locateSpan(page, anchor).range);
    }
    await actions.report(found, lost);
  }

  let reanchorTimer: ReturnType<typeof setTimeout> | undefined;
  const observer = new MutationObserver(() => {
    clearTimeout(reanchorTimer);
    reanchorTimer = setTimeout(() => void refresh(), REANCHOR_DELAY_MS);
  });
  let watching = false;
  // Only a page with selection notes needs anchoring again when it changes: most pages have none, and are not watched at all.
  function watchWhileNoted() {
    if (count > 0 && !watching) observer.observe(doc.body, { childList: true, subtree: true, characterData: true });
    if (count === 0 && watching) {
      observer.disconnect();
      clearTimeout(reanchorTimer);
    }
    watching = count > 0;
  }

  return {
    refresh,
    destroy() {
      generation++;
      observer.disconnect();
      clearTimeout(reanchorTimer);
      undraw();
    },
  };
}
