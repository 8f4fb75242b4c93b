/** What wxt.config.ts defines for every bundle, beside WXT's own (.wxt/types/globals.d.ts). */
interface ImportMetaEnv {
  /** A name of its own for each build (storage/matcher-cache.ts). */
  readonly CONTESTO_BUILD: string;
  /**
   * Where the content script stops, in the partial builds `npm run bench:parts` times: once evaluated, or once the
   * background answered its first question. Empty in every other build, where the checks are compiled away.
   */
  readonly CONTESTO_CONTENT_STOP: '' | 'evaluated' | 'asked';
}
