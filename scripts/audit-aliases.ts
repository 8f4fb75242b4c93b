/**
 * Checks a pack for names that could light up ordinary words:
 *   npm run audit:aliases -- <pack.json>      (a pack from `npm run kb -- <folder> --out <pack.json>`)
 * Prints the share of mentions that start in lower case, then two lists of one-word aliases: those
 * taken from a longer name that are common words of a language the entity is written in, or that
 * the corpus writes in lower case ("Korea" of "Gallup Korea" may be neither; "Park" of "Central Park"
 * is both), and one-word entities whose name is such a word the corpus also writes in lower case
 * ("Villa", "Piano"). Acronyms in capitals are left out (they match only in capitals), and so is a
 * person's family name ("Draghi" of "Mario Draghi"), which the documents use for that person.
 */
import { readFileSync } from 'node:fs';
import { parsePack } from '../core/pack';
import { foldAlias } from '../core/normalize';
import { isCommonWord } from '../core/ingest/words';

const file = process.argv[2];
if (!file) {
  console.error('Usage: npm run audit:aliases -- <pack.json>');
  process.exit(2);
}
const pack = parsePack(JSON.parse(readFileSync(file, 'utf8')));
const documents = new Map(pack.documents.map((document) => [document.id, document]));

const lowerCase = pack.mentions.filter((mention) => /^\p{Ll}/u.test(documents.get(mention.documentId)!.text.slice(mention.start, mention.end))).length;
const languagesOf = new Map<string, Set<string>>();
for (const mention of pack.mentions) {
  const languages = languagesOf.get(mention.entityId) ?? new Set<string>();
  const { lang } = documents.get(mention.documentId)!;
  if (lang) languages.add(lang);
  languagesOf.set(mention.entityId, languages);
}

// Which words the corpus writes in lower case: a capitalised one of those is not a name there.
const lowerCaseWords = new Set(pack.documents.flatMap((document) => document.text.match(/(?<![\p{L}\p{N}-])\p{Ll}+(?![\p{L}\p{N}-])/gu) ?? []).map(foldAlias));
const partOfLongerName: string[] = [];
const wordAsName: string[] = [];
for (const entity of pack.entities) {
  const languages = [...(languagesOf.get(entity.id) ?? [])];
  const familyName = entity.type === 'person' && entity.name.includes(' ') ? entity.name.split(' ').at(-1) : undefined;
  for (const alias of entity.aliases) {
    if (/\s/u.test(alias) || /^[\p{Lu}\p{N}.]+$/u.test(alias) || alias === familyName) continue;
    const folded = foldAlias(alias);
    const line = `${entity.type} "${entity.name}": "${alias}"`;
    if (/\s/u.test(entity.name)) {
      if (languages.some((lang) => isCommonWord(folded, lang)) || lowerCaseWords.has(folded)) partOfLongerName.push(line);
    } else if (languages.some((lang) => isCommonWord(folded, lang)) && lowerCaseWords.has(folded)) wordAsName.push(line);
  }
}

const percent = (part: number, whole: number) => `${((part / Math.max(whole, 1)) * 100).toFixed(1)}%`;
console.log(`${pack.documents.length} documents, ${pack.entities.length} entities, ${pack.mentions.length} mentions`);
console.log(`mentions that start in lower case: ${lowerCase} (${percent(lowerCase, pack.mentions.length)})`);
console.log(`one-word aliases of a longer name that are common words or written in lower case: ${partOfLongerName.length}`);
for (const line of partOfLongerName) console.log(`  ${line}`);
console.log(`one-word names that are common words the corpus also writes in lower case: ${wordAsName.length}`);
for (const line of wordAsName) console.log(`  ${line}`);
