// The layers of the project, enforced: see README.md ("Architecture") and docs/architecture.md.
import noUnsanitized from 'eslint-plugin-no-unsanitized';
import tseslint from 'typescript-eslint';

/** Imports a folder may not make, as path patterns that catch both `@/x` and relative forms. */
const forbid = (folders, message) => ({
  group: folders.flatMap((folder) => [`@/${folder}`, `@/${folder}/**`, `**/${folder}`, `**/${folder}/**`]),
  message,
});
const browserPackages = {
  group: ['wxt', 'wxt/**', '#imports', 'webextension-polyfill', '@wxt-dev/*', 'dexie', 'preact', 'preact/**'],
  message: 'core/ is pure logic: no browser, extension, storage or UI code.',
};

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', '.generated/**', 'node_modules/**', 'out/**', 'tests/fixtures/**', '.scratch/**'] },
  ...tseslint.configs.recommended,
  noUnsanitized.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['scripts/build/*.cjs'] }, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [browserPackages, forbid(['storage', 'services', 'components', 'annotator', 'entrypoints'], 'core/ is pure logic: no browser, extension, storage or UI code.')] },
      ],
    },
  },
  {
    files: ['annotator/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid(['storage'], 'The content script reaches the knowledge base only through the background (services/rpc).'),
            { group: ['dexie'], message: 'The content script never opens the database.' },
          ],
        },
      ],
    },
  },
  {
    files: ['storage/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [forbid(['services', 'components', 'annotator', 'entrypoints'], 'storage/ is the data layer: features and UI build on it, not the other way round.')] },
      ],
    },
  },
  {
    files: ['services/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [forbid(['components', 'annotator', 'entrypoints'], 'services/ answer messages; they render nothing.')] }] },
  },
  {
    files: ['entrypoints/background.ts', 'entrypoints/background/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [forbid(['components', 'annotator'], 'The background renders nothing and never runs page code.')] }] },
  },
  {
    // Tests build their DOM fixtures from strings they write themselves.
    files: ['tests/**'],
    rules: { 'no-unsanitized/property': 'off', 'no-unsanitized/method': 'off' },
  },
  {
    // Plain JavaScript (this file) has no TypeScript project to be type-checked against.
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
