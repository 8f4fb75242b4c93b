/**
 * WXT's content script context, without its announcement to the page (wxt.config.ts aliases
 * `wxt/utils/content-script-context` to this file, so WXT's own entrypoint wrapper makes this one).
 * WXT's context announces each start on the page, by an event on the document named after the
 * extension's id and by a window message, and stops when it hears another start: a page that knows
 * the id heard Contesto start, and switched it off with a forged event (wxt-dev/wxt#1752). Nothing
 * else changes. No browser runs two live copies of our content script in one document: Chromium
 * injects an updated script only into documents loaded after the update, and Firefox unloads the
 * old copy before it injects the new one.
 */
import { ContentScriptContext as WxtContentScriptContext } from '../../node_modules/wxt/dist/utils/content-script-context.mjs';

export class ContentScriptContext extends WxtContentScriptContext {
  stopOldScripts() {}
  listenForNewerScripts() {}
}
