/**
 * The language a page is written in, so that a card names an entity the way the page does: what
 * the page declares (`<html lang>`, a Content-Language meta), else what the browser detects in
 * its text (i18n.detectLanguage, on the device), else unknown.
 */
import { browser } from 'wxt/browser';

/** Enough text for the detector to be sure; reading more costs time and says nothing new. */
const SAMPLE_LENGTH = 2_000;

export type DetectLanguage = (text: string) => Promise<string | undefined>;

const browserDetects: DetectLanguage = async (text) => {
  const { isReliable, languages } = await browser.i18n.detectLanguage(text);
  return isReliable ? languages[0]?.language : undefined;
};

export async function pageLanguage(doc: Document, detect: DetectLanguage = browserDetects): Promise<string | undefined> {
  const declared = doc.documentElement.lang || doc.querySelector('meta[http-equiv="content-language" i]')?.getAttribute('content');
  if (declared?.trim()) return declared.split(',')[0]!.trim();
  const text = (doc.querySelector('article, main') ?? doc.body)?.textContent?.trim().slice(0, SAMPLE_LENGTH);
  return text ? detect(text).catch(() => undefined) : undefined;
}

/**
 * The page's language, worked out once per address (a single-page app may change it) rather than on
 * every card: detection reads the page's text.
 */
export function pageLanguageOnce(doc: Document, detect?: DetectLanguage): () => Promise<string | undefined> {
  let known: { url: string; language: Promise<string | undefined> } | undefined;
  return () => {
    const url = doc.location?.href ?? '';
    if (known?.url !== url) known = { url, language: pageLanguage(doc, detect) };
    return known.language;
  };
}
