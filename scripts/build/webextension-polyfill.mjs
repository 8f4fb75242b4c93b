/**
 * webextension-polyfill for the bundle, as a plain default export (wxt.config.ts aliases the package
 * to this file). Imported directly, a CommonJS module, the bundler's interop copies every property of
 * its export onto a namespace object; where the browser has `browser` natively (Chromium 144 and later,
 * Firefox) that export is the browser's own object, and reading each property builds the bindings of
 * every extension API: about 1 ms at the start of every content script. Here the interop copies one
 * property, of the holder. The polyfill itself is unchanged.
 */
import holder from './webextension-polyfill-holder.cjs';

export default holder.browser;
