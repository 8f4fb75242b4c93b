import { browser } from 'wxt/browser';
import bundledPack from '@/.generated/bundled-pack.json';
import { stableHash } from '@/core/hash';
import { SETTINGS_CHANGED } from '@/core/messages';
import { createKnowledgeService } from '@/services/knowledge-service';
import { createNotesService } from '@/services/notes-service';
import { createRouter } from '@/services/router';
import { seedBundledPack } from '@/storage/packs';
import { openDatabase } from '@/storage/schema';
import { setSidePanelFocus } from '@/storage/settings';

export default defineBackground(() => {
  const db = openDatabase();
  const { generatedAt: _, ...content } = bundledPack;
  // Seeding is idempotent and checks the fingerprint first, so it is safe on every start
  // (install, update, or a service worker woken for a message).
  const ready = seedBundledPack(db, bundledPack, stableHash(JSON.stringify(content))).catch((error) => {
    console.error('Contesto could not load its bundled knowledge pack:', error);
  });

  const knowledge = createKnowledgeService(db, {
    async openSidePanel(tabId, entityId) {
      if (entityId) await setSidePanelFocus(db, entityId);
      if (import.meta.env.FIREFOX) {
        // Firefox's sidebar API is missing from WXT's Chrome-shaped types.
        await (browser as unknown as { sidebarAction: { open(): Promise<void> } }).sidebarAction.open();
        return true;
      }
      if (tabId === undefined) return false;
      await browser.sidePanel.open({ tabId });
      return true;
    },
    settingsChanged() {
      void browser.tabs.query({}).then((tabs) => {
        for (const tab of tabs) if (tab.id !== undefined) browser.tabs.sendMessage(tab.id, { type: SETTINGS_CHANGED }).catch(() => {});
      });
    },
  });

  const router = createRouter({ ...knowledge.handlers, ...createNotesService(db).handlers }, ready);

  browser.runtime.onMessage.addListener((message, sender) => router.handle(message, { tabId: sender.tab?.id }));
  void navigator.storage?.persist?.();
});
