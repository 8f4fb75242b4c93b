import './highlights.css';
import { browser } from 'wxt/browser';
import { createAnnotator, type Annotator } from '@/annotator/annotator';
import { createBadgeReporter } from '@/annotator/badge-reporter';
import type { Highlighter } from '@/annotator/highlighter';
import { createNotesLayer, type NotesLayer } from '@/annotator/notes-layer';
import { createPopover } from '@/annotator/popover';
import { createTabServer } from '@/annotator/tab-server';
import { loadMatcher } from '@/core/match';
import { pageUrl } from '@/core/page-url';
import { onBroadcast } from '@/services/broadcast';
import { request } from '@/services/rpc';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  async main(ctx) {
    let annotator: Annotator | undefined;
    let notes: NotesLayer | undefined;
    // What the extension's questions are answered about: kept while a new dictionary loads, gone when Contesto is off.
    let shown: Highlighter | undefined;
    const badge = createBadgeReporter((entities) => void request('page/entities-changed', { entities }).catch(() => {}));
    const answerTab = createTabServer(document, () => shown);

    function turnOff() {
      annotator?.destroy();
      annotator = undefined;
      shown = undefined;
      badge.follow(undefined);
      notes?.destroy();
      notes = undefined;
    }

    // (Re)starts or stops Contesto on this page as the reader's settings say.
    async function sync() {
      const init = await request('page/init', { url: location.href });
      if (ctx.isInvalid) return;
      if (!init.enabled) return turnOff();
      if (annotator) return;
      const popover = await createPopover(ctx, document, {
        loadCard: (entityId) => request('entity/card', { entityId }),
        openInSidePanel: (entityId) => void request('sidepanel/open', { entityId }),
        addNote: async (entityId, body, tags) => void (await request('notes/add', { target: { kind: 'entity', entityId }, body, tags })),
      });
      annotator = createAnnotator(ctx, document, loadMatcher(init.matcher), popover, { hoverDelayMs: init.hoverDelayMs });
      shown = annotator.highlighter;
      badge.follow(shown);
      notes ??= createNotesLayer(document, {
        loadNotes: () => request('notes/for-page', { url: pageUrl(location.href) }),
        report: (found, lost) => request('notes/anchored', { found, lost }),
      });
      await Promise.all([annotator.start(), notes.refresh()]);
    }

    const onTabMessage = (message: unknown, sender: { id?: string }) => (sender.id === browser.runtime.id ? answerTab(message) : undefined);
    browser.runtime.onMessage.addListener(onTabMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onTabMessage));
    ctx.onInvalidated(
      onBroadcast(({ broadcast }) => {
        if (broadcast === 'notes/changed') void notes?.refresh();
        if (broadcast === 'knowledge/changed') {
          // Start over with the new dictionary.
          annotator?.destroy();
          annotator = undefined;
        }
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
