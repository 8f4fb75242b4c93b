/** UI strings from the extension's _locales, following the browser's language. */
import { browser } from 'wxt/browser';

export type Translate = (key: string, ...substitutions: string[]) => string;

export const t: Translate = (key, ...substitutions) => browser.i18n.getMessage(key as never, substitutions) || key;

export const uiLocale = (): string => browser.i18n.getUILanguage();

let pluralRules: Intl.PluralRules | undefined;

/**
 * A message that depends on a count: `<key>_one`, `<key>_other` (the forms Intl.PluralRules names,
 * chosen by the rules of the language the messages are in, which is not always the browser's).
 * `substitutions` default to the count itself.
 */
export function tCount(key: string, count: number, ...substitutions: string[]): string {
  pluralRules ??= new Intl.PluralRules(t('pluralRulesLocale'));
  const values = substitutions.length > 0 ? substitutions : [String(count)];
  return browser.i18n.getMessage(`${key}_${pluralRules.select(count)}` as never, values) || t(`${key}_other`, ...values);
}
