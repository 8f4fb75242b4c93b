/** UI strings from the extension's _locales, following the browser's language. */
import { browser } from 'wxt/browser';

export type Translate = (key: string, ...substitutions: string[]) => string;

export const t: Translate = (key, ...substitutions) => browser.i18n.getMessage(key as never, substitutions) || key;

export const uiLocale = (): string => browser.i18n.getUILanguage();
