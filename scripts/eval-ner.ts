/**
 * Precision, recall, F1 and type accuracy of ingestion on the hand-made development set
 * (tests/fixtures/gold, scoring rules in scripts/lib/ner-eval.ts), per article and overall, and
 * beside it, on the English articles, the off-the-shelf library compromise scored the same way.
 *   npx tsx scripts/eval-ner.ts [--verbose]   (--verbose lists what was spurious, missed, mistyped)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compromisePack } from './lib/ner-baseline';
import { figures, ingestArticle, ingestTexts, loadGold, scoreArticle, total, type ArticleScore, type Counts } from './lib/ner-eval';

const verbose = process.argv.includes('--verbose');
const thesaurus = readFileSync(join(import.meta.dirname, '..', 'corpus', 'aliases.tsv'), 'utf8');
const packs = loadGold().map((article) => ({ article, pack: ingestArticle(article, thesaurus) }));
const scores: ArticleScore[] = packs.map(({ article, pack }) => scoreArticle(article, pack));

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
const row = (label: string, counts: Counts) => {
  const { precision, recall, f1, typeAccuracy } = figures(counts);
  return `| ${label} | ${counts.extracted} | ${counts.required} | ${percent(precision)} | ${percent(recall)} | ${percent(f1)} | ${percent(typeAccuracy)} |`;
};

const lines = ['| Article | Extracted | Gold | Precision | Recall | F1 | Right type |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: |'];
for (const score of scores) lines.push(row(`${score.article.id} (${score.article.lang}, ${score.article.split})`, score));
const groups: [string, ArticleScore[]][] = [
  ['**English**', scores.filter((score) => score.article.lang === 'en')],
  ['**Italian**', scores.filter((score) => score.article.lang === 'it')],
  ['**Development half**', scores.filter((score) => score.article.split === 'dev')],
  ['**Held-out half**', scores.filter((score) => score.article.split === 'test')],
  ['**All**', scores],
];
for (const [label, group] of groups) lines.push(row(label, total(group)));
console.log(lines.join('\n'));

// The same English articles through compromise, scored the same way.
const english = scores.filter((score) => score.article.lang === 'en');
const texts = packs.filter(({ article }) => article.lang === 'en').map(({ pack }) => pack.documents[0]!.text);
let started = performance.now();
const baselinePacks = texts.map((text) => compromisePack(text));
const compromiseMs = (performance.now() - started) / texts.length;
started = performance.now();
ingestTexts(texts, thesaurus);
const contestoMs = (performance.now() - started) / texts.length;
const baseline = english.map(({ article }, index) => scoreArticle(article, baselinePacks[index]!));
console.log(['', '| English articles | Extracted | Gold | Precision | Recall | F1 | Right type |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: |'].join('\n'));
for (const [label, group] of [
  ['Contesto', english],
  ['compromise 14.17 (baseline)', baseline],
] as const) {
  for (const split of ['dev', 'test'] as const) console.log(row(`${label}, ${split === 'dev' ? 'development' : 'held-out'} half`, total(group.filter((score) => score.article.split === split))));
  console.log(row(`**${label}**`, total(group)));
}
console.log(`\nTime per English article, on the same text: compromise ${compromiseMs.toFixed(0)} ms; all of Contesto's ingestion ${contestoMs.toFixed(0)} ms.`);

if (verbose) {
  for (const score of scores) {
    console.log(`\n## ${score.article.id}`);
    if (score.spurious.length) console.log(`spurious: ${score.spurious.join(' · ')}`);
    if (score.missed.length) console.log(`missed: ${score.missed.join(' · ')}`);
    if (score.mistyped.length) console.log(`mistyped: ${score.mistyped.join(' · ')}`);
  }
}
