/**
 * WXT's content script context, without what it tells the page (wxt.config.ts aliases
 * `wxt/utils/content-script-context` to this file, so WXT's own entrypoint wrapper makes this one).
 * WXT's context talks to itself through the page's DOM, by events named after the extension's id,
 * which a page that knows the id (Firefox's is the same on every install) can hear and forge:
 * - it announces each start on the document (and by a window message) and stops when it hears
 *   another: a page heard Contesto start, and switched it off with a forged event (wxt-dev/wxt#1752).
 *   No browser runs two live copies of our content script in one document (Chromium injects an
 *   updated script only into documents loaded after the update, Firefox unloads the old copy before
 *   it injects the new one), so this one neither announces nor listens;
 * - it reports a new address to `wxt:locationchange` listeners by an event on the window: a page
 *   heard its own navigations reported, and could make Contesto read it again at will. This one
 *   calls its listeners directly.
 */
import { ContentScriptContext as WxtContentScriptContext } from '../../node_modules/wxt/dist/utils/content-script-context.mjs';
import { WxtLocationChangeEvent } from '../../node_modules/wxt/dist/utils/internal/custom-events.mjs';

export class ContentScriptContext extends WxtContentScriptContext {
  /** The `wxt:locationchange` listeners. */
  #addressListeners = [];
  #address = '';

  stopOldScripts() {}
  listenForNewerScripts() {}

  addEventListener(target, type, handler, options) {
    if (type !== 'wxt:locationchange') return super.addEventListener(target, type, handler, options);
    if (this.#addressListeners.push(handler) === 1 && this.isValid) this.#followAddress();
  }

  #followAddress() {
    this.#address = location.href;
    const arrivedAt = (address) => {
      if (address === this.#address) return;
      const change = new WxtLocationChangeEvent(new URL(address), new URL(this.#address));
      this.#address = address;
      for (const listener of this.#addressListeners) listener(change);
    };
    // The Navigation API tells of every navigation, history.pushState's included; where there is none (Firefox ESR), the address is read every second.
    if (typeof globalThis.navigation?.addEventListener === 'function') {
      globalThis.navigation.addEventListener('navigate', (event) => arrivedAt(new URL(event.destination.url).href), { signal: this.signal });
    } else this.setInterval(() => arrivedAt(location.href), 1000);
  }
}
