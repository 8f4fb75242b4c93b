/**
 * Scores ingestion against the hand-made development set (tests/fixtures/gold): each article is
 * ingested alone, as a reader's own document would be, and its entities are compared with the
 * article's gold list.
 *  - An extracted entity is right when one of its names in the article (its name, or a form the
 *    article writes it in) is a name of a gold entity; each gold entity is found at most once, so
 *    a second entity for the same thing counts against precision.
 *  - Precision: right / extracted (entities matching an optional gold item are left out).
 *  - Recall: required gold entities found / required gold entities.
 *  - Type accuracy: among the found ones, those whose type is the gold type or an accepted one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser } from 'linkedom';
import { ingest } from '../../core/ingest';
import { foldAlias } from '../../core/normalize';
import type { EntityType, Pack, PackEntity } from '../../core/pack';

export const GOLD_DIR = join(import.meta.dirname, '..', '..', 'tests', 'fixtures', 'gold');

export interface GoldEntity {
  name: string;
  type: EntityType;
  altTypes?: EntityType[];
  aliases: string[];
  optional?: boolean;
}

export interface GoldArticle {
  id: string;
  lang: string;
  split: 'dev' | 'test';
  page: string;
  entities: GoldEntity[];
}

export interface Counts {
  extracted: number;
  right: number;
  required: number;
  found: number;
  typed: number;
}

export interface ArticleScore extends Counts {
  article: GoldArticle;
  /** What was extracted and matched nothing: the false positives, "type name". */
  spurious: string[];
  /** Required gold entities no extracted entity matched. */
  missed: string[];
  /** Found with a wrong type: "name: extracted type ≠ gold type". */
  mistyped: string[];
}

/** The articles listed in tests/fixtures/gold/index.tsv (page paths relative to it), with their gold lists. */
export function loadGold(): GoldArticle[] {
  const [header, ...rows] = readFileSync(join(GOLD_DIR, 'index.tsv'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split('\t'));
  const column = (name: string) => header!.indexOf(name);
  return rows.map((row) => {
    const page = row[column('file')]!;
    const id = row[column('id')]!;
    const gold = JSON.parse(readFileSync(join(GOLD_DIR, `${id}.gold.json`), 'utf8')) as { lang: string; entities: GoldEntity[] };
    return { id, lang: gold.lang, split: row[column('split')] as 'dev' | 'test', page: join(GOLD_DIR, page), entities: gold.entities };
  });
}

const parseHtml = (html: string) => new DOMParser().parseFromString(html, 'text/html') as unknown as Document;

export function ingestArticle(article: GoldArticle, thesaurus: string): Pack {
  return ingest([{ name: `${article.id}.html`, content: new Uint8Array(readFileSync(article.page)) }], { parseHtml, thesaurus, now: new Date('2024-01-01T00:00:00Z') }).pack;
}

/** Plain texts ingested together, as a folder of .txt documents is. */
export function ingestTexts(texts: string[], thesaurus: string): Pack {
  return ingest(
    texts.map((content, index) => ({ name: `text-${index}.txt`, content })),
    { parseHtml, thesaurus, now: new Date('2024-01-01T00:00:00Z') },
  ).pack;
}

/** The folded forms under which an extracted entity shows in its document: its name first. */
function formsInDocument(entity: PackEntity, pack: Pack): string[] {
  const text = pack.documents[0]?.text ?? ''; // a baseline's pack has no document: its names are its forms
  const surfaces = pack.mentions.filter((mention) => mention.entityId === entity.id).map((mention) => text.slice(mention.start, mention.end));
  return [...new Set([entity.name, ...surfaces].map(foldAlias))];
}

export function scoreArticle(article: GoldArticle, pack: Pack): ArticleScore {
  const goldByForm = new Map<string, GoldEntity>();
  for (const gold of article.entities) for (const form of [gold.name, ...gold.aliases]) goldByForm.set(foldAlias(form), gold);
  const score: ArticleScore = { article, extracted: 0, right: 0, required: 0, found: 0, typed: 0, spurious: [], missed: [], mistyped: [] };
  const matched = new Set<GoldEntity>();
  // Entities whose own name is a gold name are paired first, so a short form cannot steal the pair.
  const candidates = pack.entities.map((entity) => ({ entity, forms: formsInDocument(entity, pack) }));
  candidates.sort((a, b) => Number(goldByForm.has(b.forms[0]!)) - Number(goldByForm.has(a.forms[0]!)));
  for (const { entity, forms } of candidates) {
    const golds = forms.map((form) => goldByForm.get(form)).filter((gold): gold is GoldEntity => !!gold);
    if (golds.some((gold) => gold.optional) && golds.every((gold) => gold.optional || matched.has(gold))) continue;
    score.extracted++;
    const gold = golds.find((candidate) => !matched.has(candidate) && !candidate.optional);
    if (!gold) {
      score.spurious.push(`${entity.type} ${entity.name}${golds.length ? ' (again)' : ''}`);
      continue;
    }
    matched.add(gold);
    score.right++;
    score.found++;
    if (gold.type === entity.type || gold.altTypes?.includes(entity.type)) score.typed++;
    else score.mistyped.push(`${gold.name}: ${entity.type} ≠ ${gold.type}`);
  }
  const required = article.entities.filter((gold) => !gold.optional);
  score.required = required.length;
  score.missed = required.filter((gold) => !matched.has(gold)).map((gold) => `${gold.type} ${gold.name}`);
  return score;
}

export function total(scores: Counts[]): Counts {
  const sum: Counts = { extracted: 0, right: 0, required: 0, found: 0, typed: 0 };
  for (const score of scores) for (const key of Object.keys(sum) as (keyof Counts)[]) sum[key] += score[key];
  return sum;
}

export function figures(counts: Counts): { precision: number; recall: number; f1: number; typeAccuracy: number } {
  const precision = counts.extracted ? counts.right / counts.extracted : 0;
  const recall = counts.required ? counts.found / counts.required : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, typeAccuracy: counts.found ? counts.typed / counts.found : 0 };
}
