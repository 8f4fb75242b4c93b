import './highlights.css';
import { browser } from 'wxt/browser';
import { createAnnotator, type Annotator } from '@/annotator/annotator';
import { createBadgeReporter } from '@/annotator/badge-reporter';
import { prefetchingCards } from '@/annotator/card-prefetch';
import { createNotesLayer, type NotesLayer } from '@/annotator/notes-layer';
import { pageLanguageOnce } from '@/annotator/page-language';
import { createPopover, MOUNT_POPOVER_GLOBAL, type MountPopover } from '@/annotator/popover';
import { createTabServer } from '@/annotator/tab-server';
import { newNoteId } from '@/core/notes';
import { pageUrl } from '@/core/page-url';
import { siteOf } from '@/core/settings';
import { onBroadcast } from '@/services/broadcast';
import { request } from '@/services/rpc';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/** The card's script (entrypoints/popover-card.ts), run in this world on the first show; it leaves its mount function here. */
async function loadCardScript(): Promise<MountPopover> {
  // eslint-disable-next-line no-unsanitized/method -- the extension's own file, by a fixed name: nothing from the page reaches this address.
  await import(/* @vite-ignore */ browser.runtime.getURL('/popover-card.js'));
  return (globalThis as unknown as Record<string, MountPopover>)[MOUNT_POPOVER_GLOBAL]!;
}

const askInit = () => request('page/init', { url: location.href });

/**
 * Resolves once the document is parsed (its state is interactive), in a task of its own: readystatechange fires inside the
 * parser's last task, and reading the page there would make one long task of the page's parsing, its layout and our scan.
 */
function parsed(ctx: ContentScriptContext): Promise<void> {
  if (document.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => ctx.addEventListener(document, 'readystatechange', () => ctx.setTimeout(resolve, 0), { once: true }));
}

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  // At the document's start, to ask for the page's settings at once: a background the browser stopped (after 30 s idle, so on most
  // pages a reader opens) starts while the page is parsed. The page is read once it is parsed, not at idle: Chromium's idle is the
  // load event or 200 ms after the DOM's end, whichever comes first, so a page still loading its images would wait for its first highlight.
  runAt: 'document_start',
  async main(ctx) {
    if (import.meta.env.CONTESTO_CONTENT_STOP === 'evaluated') return;
    let firstInit: ReturnType<typeof askInit> | undefined = askInit();
    // Its failure is met where it is awaited, after the parse: not an unhandled rejection meanwhile.
    firstInit.catch(() => {});
    await parsed(ctx);
    if (ctx.isInvalid) return;
    if (import.meta.env.CONTESTO_CONTENT_STOP === 'asked') return void (await firstInit.catch(() => {}));
    let annotator: Annotator | undefined;
    // The page settings the annotator runs with (page/init's answer), to tell when they change; undefined asks for a fresh start.
    let runningWith: string | undefined;
    // The knowledge changed since the page was last read: the running annotator reads it again.
    let knowledgeChanged = false;
    let notes: NotesLayer | undefined;
    // What the extension's questions are answered about: kept while a new dictionary loads, gone when Contesto is off.
    let shown: Annotator | undefined;
    const languageOfPage = pageLanguageOnce(document);
    const badge = createBadgeReporter((entities) => void request('page/entities-changed', { entities }).catch(() => {}));
    const answerTab = createTabServer(document, () => shown, badge.wasRead);

    function turnOff() {
      annotator?.destroy();
      annotator = undefined;
      shown = undefined;
      badge.follow(undefined);
      notes?.destroy();
      notes = undefined;
    }

    // (Re)starts or stops Contesto on this page as the reader's settings say: a change to what is drawn or how starts it over.
    async function applySettings() {
      const init = await (firstInit ?? askInit());
      firstInit = undefined;
      if (ctx.isInvalid) return;
      if (!init.enabled) return turnOff();
      const { notes: notesOnPage, ...settings } = init;
      const reread = knowledgeChanged;
      knowledgeChanged = false;
      if (annotator && JSON.stringify(settings) === runningWith) return reread ? annotator.refresh() : undefined;
      annotator?.destroy();
      runningWith = JSON.stringify(settings);
      const cards = prefetchingCards(async (entityId) => request('entity/card', { entityId, lang: await languageOfPage() }));
      const popover = createPopover(
        ctx,
        document,
        {
          loadCard: cards.load,
          openInSidePanel: (entityId) => void request('sidepanel/open', { entityId }),
          openDocument: (documentId, sentence) => void request('documents/open', { documentId, sentence }).catch(() => {}),
          addNote: async (entityId, body, tags) => void (await request('notes/add', { id: newNoteId(), target: { kind: 'entity', entityId }, body, tags })),
          markNotAnEntity: async (entityId) => void (await request('corrections/add', { kind: 'not-an-entity', entityId })),
          hideName: async (name, where) => void (await request('corrections/add', { kind: 'hidden-name', name, ...(where === 'site' && { site: siteOf(location.href) }) })),
        },
        loadCardScript,
      );
      const find = async (texts: string[]) => (await request('page/find', { url: location.href, texts })).matches;
      annotator = createAnnotator(ctx, document, find, popover, {
        ...settings,
        prepareCard: (anchor) => {
          popover.warm();
          cards.prepare(anchor.candidates ?? [anchor.entityId]);
        },
      });
      shown = annotator;
      badge.follow(shown.highlighter);
      notes ??= createNotesLayer(document, {
        loadNotes: () => request('notes/for-page', { url: pageUrl(location.href) }),
        report: (found, lost) => request('notes/anchored', { found, lost }),
      });
      await Promise.all([annotator.start(), notes.refresh(notesOnPage)]);
    }

    // One at a time, so that settings changed in quick succession never start two annotators.
    let syncing = Promise.resolve();
    function sync() {
      syncing = syncing.catch(() => {}).then(applySettings);
      return syncing;
    }

    const onTabMessage = (message: unknown, sender: { id?: string }) => (sender.id === browser.runtime.id ? answerTab(message) : undefined);
    browser.runtime.onMessage.addListener(onTabMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onTabMessage));
    ctx.onInvalidated(
      onBroadcast(({ broadcast }) => {
        if (broadcast === 'notes/changed') void notes?.refresh();
        // Read the page again with the new dictionary (in turn, after any sync under way).
        if (broadcast === 'knowledge/changed') knowledgeChanged = true;
        if (broadcast === 'settings/changed' || broadcast === 'knowledge/changed') void sync();
      }),
    );
    ctx.addEventListener(window, 'wxt:locationchange', () => void notes?.refresh());
    ctx.onInvalidated(() => {
      turnOff();
      badge.destroy();
    });
    await sync();
  },
});
