/** What wxt.config.ts defines for every bundle, beside WXT's own (.wxt/types/globals.d.ts). */
interface ImportMetaEnv {
  /** A name of its own for each build (storage/matcher-cache.ts). */
  readonly CONTESTO_BUILD: string;
}
