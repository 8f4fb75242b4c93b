/**
 * The off-the-shelf baseline for English: compromise's people, places and organisations, read
 * from the same article text ingestion reads, shaped as a pack so scripts/lib/ner-eval.ts scores
 * both the same way. A dev dependency used only for this comparison.
 */
import nlp from 'compromise';
import { foldAlias } from '../../core/normalize';
import { PACK_VERSION, type EntityType, type Pack } from '../../core/pack';

const KINDS: [EntityType, 'people' | 'places' | 'organizations'][] = [
  ['person', 'people'],
  ['place', 'places'],
  ['organization', 'organizations'],
];

export function compromisePack(text: string): Pack {
  const document = nlp(text);
  const entities: Pack['entities'] = [];
  const seen = new Set<string>();
  for (const [type, kind] of KINDS) {
    for (const found of document[kind]().out('array') as string[]) {
      const name = found.replace(/['’]s$/u, '').replace(/^[\s"“'‘(]+|[\s"”'’),.;:!?]+$/gu, '');
      const key = foldAlias(name);
      if (!name || seen.has(key)) continue;
      seen.add(key);
      entities.push({ id: `baseline-${entities.length}`, name, type, aliases: [name] });
    }
  }
  return { format: 'contesto-pack', version: PACK_VERSION, generatedAt: new Date(0).toISOString(), documents: [], entities, events: [], mentions: [] };
}
