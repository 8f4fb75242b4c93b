// The polyfill's export, held in an object of one property (see webextension-polyfill.mjs).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- this file is CommonJS by purpose: the interop copies its one property.
module.exports = { browser: require('webextension-polyfill/dist/browser-polyfill.js') };
