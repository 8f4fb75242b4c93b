import { describe, expect, it } from 'vitest';
import { realArticles } from '../../scripts/lib/article-folder';
import { documentText, scaleCorpus } from '../../scripts/lib/scale-corpus';

describe('the scale benchmark corpus', () => {
  const sources = realArticles();
  const languagesOf = new Map<string, Set<string>>();
  for (const source of sources) for (const paragraph of source.paragraphs) languagesOf.set(paragraph, new Set([...(languagesOf.get(paragraph) ?? []), source.lang!]));

  it('makes the same documents from the same seed, and others from another', () => {
    expect(scaleCorpus(sources, 300, 11)).toEqual(scaleCorpus(sources, 300, 11));
    expect(scaleCorpus(sources, 300, 12).map(documentText)).not.toEqual(scaleCorpus(sources, 300, 11).map(documentText));
  });

  it('makes distinct documents, each in one language and made only of the source pages’ paragraphs', () => {
    const documents = scaleCorpus(sources, 2_000);
    expect(new Set(documents.map(documentText)).size).toBe(2_000);
    expect(new Set(documents.map((document) => document.name)).size).toBe(2_000);
    expect(new Set(documents.map((document) => document.lang))).toEqual(new Set(['en', 'it']));
    for (const document of documents) {
      expect(document.paragraphs.length).toBeGreaterThan(1);
      for (const paragraph of document.paragraphs) expect(languagesOf.get(paragraph)).toContain(document.lang);
    }
  });
});
