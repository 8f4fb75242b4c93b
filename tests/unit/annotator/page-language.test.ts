// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { pageLanguage, pageLanguageOnce } from '@/annotator/page-language';

describe('the page’s language', () => {
  it('is what the page declares, before anything it could detect', async () => {
    document.documentElement.lang = 'en-GB';
    const detect = vi.fn(async () => 'it');
    expect(await pageLanguage(document, detect)).toBe('en-GB');
    expect(detect).not.toHaveBeenCalled();
  });

  it('is detected from the text once per address, not on every card', async () => {
    document.documentElement.lang = '';
    document.body.textContent = 'Il governo ha approvato la legge di bilancio.';
    const detect = vi.fn(async () => 'it');
    const languageOfPage = pageLanguageOnce(document, detect);
    expect([await languageOfPage(), await languageOfPage()]).toEqual(['it', 'it']);
    expect(detect).toHaveBeenCalledTimes(1);
    history.pushState({}, '', '/another-article');
    await languageOfPage();
    expect(detect).toHaveBeenCalledTimes(2);
  });
});
