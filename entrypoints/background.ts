import { browser } from 'wxt/browser';
import bundledPack from '@/.generated/bundled-pack.json';
// The fingerprint of what the pack is built from (scripts/lib/bundled-pack.ts), fixed at build time: hashing the pack itself cost every start of the worker about 3 ms.
import bundledPackFingerprint from '@/.generated/bundled-pack.json.fingerprint?raw';
import { t } from '@/services/i18n';
import { broadcast } from '@/services/broadcast';
import { documentViewUrl } from '@/services/document-url';
import { createCorrectionsService } from '@/services/corrections-service';
import { createDocumentsService } from '@/services/documents-service';
import { createKnowledgeService } from '@/services/knowledge-service';
import { createNotesService } from '@/services/notes-service';
import { createPageService } from '@/services/page-service';
import { askTab } from '@/services/tab-rpc';
import { createPacksService } from '@/services/packs-service';
import { createUndoShelf } from '@/services/undo-shelf';
import { createRouter, type Handlers } from '@/services/router';
import { databaseGate } from '@/storage/failures';
import { seedBundledPack } from '@/storage/packs';
import { openDatabase } from '@/storage/schema';
import { setSidePanelFocus } from '@/storage/settings';

const ADD_NOTE_MENU_ID = 'contesto-add-note';
const ADD_PAGE_MENU_ID = 'contesto-add-page';
/** Manifest `commands` (wxt.config.ts). Firefox toggles its sidebar with the built-in `_execute_sidebar_action`. */
const ADD_NOTE_COMMAND = 'add-note';
const ADD_PAGE_COMMAND = 'add-page';
const OPEN_SIDE_PANEL_COMMAND = 'open-side-panel';

export default defineBackground(() => {
  const db = openDatabase();
  const gate = databaseGate(db);
  let seeded: Promise<unknown> | undefined;
  // The database is opened again after a failure (blocked by an older copy, not openable); once
  // open, the bundled pack is seeded once per start. Seeding is idempotent and checks the
  // fingerprint first, so it is safe on every start (install, update, or a worker woken for a message).
  const ready = () =>
    gate.ready().then(
      () =>
        (seeded ??= seedBundledPack(db, bundledPack, bundledPackFingerprint.trim()).catch((error) => {
          console.error('Contesto could not load its bundled knowledge pack:', error);
        })),
    );
  void ready().catch((error) => console.error('Contesto could not open its database:', error));

  /**
   * Opens the side panel. Browsers allow it only in answer to a user action, so it is called
   * before anything is awaited in the handlers below.
   */
  function openSidePanel(tabId: number | undefined): Promise<boolean> {
    if (import.meta.env.FIREFOX) {
      // Firefox's sidebar API is missing from WXT's Chrome-shaped types.
      return (browser as unknown as { sidebarAction: { open(): Promise<void> } }).sidebarAction.open().then(() => true);
    }
    if (tabId === undefined) return Promise.resolve(false);
    return browser.sidePanel.open({ tabId }).then(() => true);
  }

  const notes = createNotesService(db, {
    notesChanged: () => broadcast('notes/changed', {}),
    selectionOf: (tabId) => askTab(tabId, 'tab/selection', {}),
  });
  const knowledge = createKnowledgeService(db, {
    async openSidePanel(tabId, entityId) {
      const opening = openSidePanel(tabId);
      if (entityId) await setSidePanelFocus(db, entityId);
      return opening;
    },
    settingsChanged: () => broadcast('settings/changed', {}),
    uiLanguage: () => browser.i18n.getUILanguage(),
    selectionNotesOn: notes.selectionNotesOn,
    build: import.meta.env.CONTESTO_BUILD,
  });

  const knowledgeChanged = () => {
    knowledge.forgetKnowledge();
    broadcast('knowledge/changed', {});
  };
  // Removing a collection and deleting a document keep what went on one shelf: either is undone by 'packs/restore'.
  const undo = createUndoShelf();
  const packs = createPacksService(db, knowledgeChanged, undo);
  const documents = createDocumentsService(
    db,
    {
      async openDocumentView(documentId, sentence, besideTabId) {
        await browser.tabs.create({ url: documentViewUrl(documentId, sentence), ...(besideTabId !== undefined && { openerTabId: besideTabId }) });
      },
      knowledgeChanged,
    },
    undo,
  );
  const corrections = createCorrectionsService(db, knowledgeChanged);
  const page = createPageService({
    setBadge(tabId, text) {
      // Firefox's MV2 build has browserAction where Chrome's MV3 has action.
      void (browser.action ?? browser.browserAction).setBadgeText({ tabId, text }).catch(() => {});
    },
    pageChanged: (tabId) => broadcast('page/changed', { tabId }),
  });
  // Typed as the whole contract, so a request type without a handler fails the build.
  const handlers: Handlers = { ...knowledge.handlers, ...notes.handlers, ...packs.handlers, ...documents.handlers, ...corrections.handlers, ...page.handlers };
  const router = createRouter(handlers, ready);

  // The extension's own pages have its origin; anything else is a content script inside a web page.
  const extensionOrigin = browser.runtime.getURL('/');
  browser.runtime.onMessage.addListener((message, { url = '', tab }) =>
    router.handle(message, url.startsWith(extensionOrigin) ? { context: 'extension', tabId: tab?.id } : { context: 'page', url, tabId: tab?.id }),
  );

  // A note on the selection, from the context menu or the keyboard: the side panel opens with
  // an editor holding the quote (the reader types the note there).
  function noteOnSelection(tabId: number | undefined) {
    if (tabId === undefined) return;
    void openSidePanel(tabId).catch(() => false);
    void ready()
      .then(() => notes.captureSelection(tabId))
      .catch((error) => console.warn('Contesto could not read the selection:', error));
  }
  browser.runtime.onInstalled.addListener(({ reason }) => {
    // A new reader is greeted once: what Contesto does, the bundled example, the way to their documents.
    if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
    void browser.contextMenus.removeAll().then(() => {
      browser.contextMenus.create({ id: ADD_NOTE_MENU_ID, title: t('addNoteToSelection'), contexts: ['selection'] });
      browser.contextMenus.create({ id: ADD_PAGE_MENU_ID, title: t('addThisPageMenu'), contexts: ['page'], documentUrlPatterns: ['http://*/*', 'https://*/*'] });
    });
  });
  // "Add this page" from the context menu or the keyboard: the side panel opens on the tab and adds its page, as the popup's button does.
  function addPage(tabId: number | undefined) {
    if (tabId === undefined) return;
    void openSidePanel(tabId).catch(() => false);
    void router.handle({ type: 'documents/add-page', payload: { tabId } }, { context: 'extension' });
  }
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === ADD_NOTE_MENU_ID) noteOnSelection(tab?.id);
    if (info.menuItemId === ADD_PAGE_MENU_ID) addPage(tab?.id);
  });
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === ADD_NOTE_COMMAND) noteOnSelection(tab?.id);
    if (command === ADD_PAGE_COMMAND) addPage(tab?.id);
    if (command === OPEN_SIDE_PANEL_COMMAND) void openSidePanel(tab?.id).catch(() => false);
  });
  void navigator.storage?.persist?.();
});
