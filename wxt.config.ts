import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import { ensureBundledPack } from './scripts/lib/bundled-pack';

/** Where the content script stops in the partial builds that `npm run bench:parts` times (scripts/bench-parts.ts); empty in every other build. */
const contentStop = process.env.CONTESTO_CONTENT_STOP ?? '';
if (!['', 'evaluated', 'asked'].includes(contentStop)) throw new Error(`CONTESTO_CONTENT_STOP is "evaluated", "asked" or unset, not "${contentStop}"`);

// Chrome MV3 and Firefox MV2 from one source; see docs in README.md ("Architecture").
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // A partial build goes beside the real one, never in its place.
  ...(contentStop && { outDirTemplate: `{{browser}}-mv{{manifestVersion}}-stopped-${contentStop}` }),
  // The background imports the pack built from corpus/; each build makes sure it is current.
  hooks: {
    'build:before': (wxt) => wxt.logger.info(`Bundled pack: ${ensureBundledPack()}.`),
  },
  // WXT has no Preact module: point Vite's JSX at Preact.
  vite: () => ({
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    define: {
      // Names this build, so that dictionaries another build compiled are compiled again (storage/matcher-cache.ts).
      'import.meta.env.CONTESTO_BUILD': JSON.stringify(randomUUID()),
      // In a partial build, an expression the minifier cannot settle: it would drop the code after the stop, and the build would time a smaller script than Contesto's.
      'import.meta.env.CONTESTO_CONTENT_STOP': contentStop ? `(globalThis.contestoContentStop ?? ${JSON.stringify(contentStop)})` : '""',
    },
    // The polyfill, without the interop's copy of the browser's whole API at every start (see the file).
    resolve: {
      alias: [
        { find: /^webextension-polyfill$/, replacement: fileURLToPath(new URL('./scripts/build/webextension-polyfill.mjs', import.meta.url)) },
        // The content script's context, without the events WXT's context sends itself through the page (see the file).
        { find: /^wxt\/utils\/content-script-context$/, replacement: fileURLToPath(new URL('./scripts/build/content-script-context.mjs', import.meta.url)) },
      ],
    },
  }),
  manifest: ({ browser }) => ({
    name: 'Contesto',
    description: 'Context for news readers from a knowledge base kept on your device.',
    // Each one is needed, and why is in README.md ("Permissions"). IndexedDB needs none: no `storage`.
    permissions: ['unlimitedStorage', 'contextMenus', 'tabs', ...(browser === 'firefox' ? [] : ['sidePanel'])],
    default_locale: 'en',
    // The popover's card, which the content script imports on a card's first show. Chromium serves it to pages
    // only under a per-session address (use_dynamic_url), so a page cannot probe for it; Firefox's address is per install.
    web_accessible_resources: [{ resources: ['popover-card.js'], matches: ['http://*/*', 'https://*/*'], ...(browser === 'firefox' ? {} : { use_dynamic_url: true }) }],
    // Keyboard: a note on the selection (Chromium reserves Alt+Shift+N and Alt+Shift+A), the side panel (Firefox's built-in sidebar command).
    commands: {
      'add-note': { suggested_key: { default: 'Alt+Shift+M' }, description: '__MSG_commandAddNote__' },
      'add-page': { suggested_key: { default: 'Alt+Shift+D' }, description: '__MSG_commandAddPage__' },
      ...(browser === 'firefox'
        ? { _execute_sidebar_action: { suggested_key: { default: 'Alt+Shift+S' }, description: '__MSG_commandOpenSidePanel__' } }
        : { 'open-side-panel': { suggested_key: { default: 'Alt+Shift+S' }, description: '__MSG_commandOpenSidePanel__' } }),
    },
    browser_specific_settings:
      browser === 'firefox'
        ? {
            gecko: {
              id: 'contesto@contesto.invalid',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          }
        : undefined,
  }),
});
