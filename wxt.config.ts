import { defineConfig } from 'wxt';

// Chrome MV3 and Firefox MV2 from one source; see docs in README.md ("Architecture").
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // WXT has no Preact module: point Vite's JSX at Preact.
  vite: () => ({
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  }),
  manifest: ({ browser }) => ({
    name: 'Contesto',
    description: 'Context for news readers from a knowledge base kept on your device.',
    permissions: ['storage', 'unlimitedStorage', 'contextMenus', 'tabs', ...(browser === 'firefox' ? [] : ['sidePanel'])],
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
