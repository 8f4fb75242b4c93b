import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { figures, ingestArticle, loadGold, scoreArticle, total } from '../../scripts/lib/ner-eval';
import { ROOT } from '../fixtures/ingest/helpers';

// The figures `npm run eval:ner` reports on the hand-made development set, held where they stand
// (rounded down), so a change that makes extraction worse fails here. Raise them when it improves.
const FLOOR = {
  en: { precision: 0.9, recall: 0.93, typeAccuracy: 0.95 },
  it: { precision: 0.86, recall: 0.83, typeAccuracy: 0.9 },
};

describe('extraction quality on real articles (tests/fixtures/gold)', () => {
  const thesaurus = readFileSync(join(ROOT, 'corpus', 'aliases.tsv'), 'utf8');
  const scores = loadGold().map((article) => scoreArticle(article, ingestArticle(article, thesaurus)));

  it.each(Object.entries(FLOOR))('keeps precision, recall and type accuracy in %s', (lang, floor) => {
    const articles = scores.filter((score) => score.article.lang === lang);
    expect(articles.length).toBeGreaterThanOrEqual(6);
    const { precision, recall, typeAccuracy } = figures(total(articles));
    expect({ precision, recall, typeAccuracy }).toEqual({
      precision: expect.toSatisfy((value: number) => value >= floor.precision),
      recall: expect.toSatisfy((value: number) => value >= floor.recall),
      typeAccuracy: expect.toSatisfy((value: number) => value >= floor.typeAccuracy),
    });
  });
});
