import './highlights.css';
import { browser } from 'wxt/browser';
import { createAnnotator } from '@/annotator/annotator';
import { createPopover } from '@/annotator/popover';
import { connectReaderTools } from '@/annotator/reader-tools';
import { loadMatcher } from '@/core/match';
import { KNOWLEDGE_CHANGED, SETTINGS_CHANGED } from '@/core/messages';
import { request } from '@/services/rpc';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  async main(ctx) {
    let annotator: ReturnType<typeof createAnnotator> | undefined;
    const readerTools = connectReaderTools(ctx, document);

    // (Re)starts or stops Contesto on this page as the reader's settings say.
    async function sync() {
      const init = await request('page/init', { url: location.href });
      if (ctx.isInvalid) return;
      if (!init.enabled) {
        annotator?.destroy();
        annotator = undefined;
        readerTools.detach();
        return;
      }
      if (annotator) return;
      const popover = await createPopover(ctx, document, {
        loadCard: (entityId) => request('entity/card', { entityId }),
        openInSidePanel: (entityId) => void request('sidepanel/open', { entityId }),
        addNote: async (entityId, body) => void (await request('notes/add', { target: { kind: 'entity', entityId }, body })),
      });
      annotator = createAnnotator(ctx, document, loadMatcher(init.matcher), popover, { hoverDelayMs: init.hoverDelayMs });
      ctx.onInvalidated(() => annotator?.destroy());
      await Promise.all([annotator.start(), readerTools.attach(annotator.highlighter)]);
    }

    const onMessage = (message: unknown, sender: { id?: string }) => {
      if (sender.id !== browser.runtime.id) return;
      const type = (message as { type?: unknown })?.type;
      if (type === KNOWLEDGE_CHANGED) {
        // Start over with the new dictionary.
        annotator?.destroy();
        annotator = undefined;
      }
      if (type === SETTINGS_CHANGED || type === KNOWLEDGE_CHANGED) void sync();
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
    await sync();
  },
});
