/**
 * Descriptions the text itself gives: the role before a name ("il viceministro degli Esteri russo
 * Andrey Rudenko") or the apposition after it ("John Kirby, portavoce del Consiglio …"). Nothing
 * is invented: when the text gives neither, there is no description.
 */
import type { EntityType } from '../pack';
import { APPOSITION_END, CONNECTORS, FUNCTION_WORDS, INDEFINITE_ARTICLES, ORGANIZATION_CUES, PLACE_CUES, ROLE_CUES } from './lexicon';
import { adjacent, type Token } from './tokens';

const MAX_ROLE_DISTANCE = 5;
const MAX_APPOSITION_WORDS = 14;

/**
 * The role phrase that runs, unbroken, from a role word up to the name at `start`. A connector
 * right before the name ("sindaco di Bergamo", "rettore dell'Università") makes the name the
 * role's domain, not its holder.
 */
export function describeBefore(tokens: Token[], start: number, text: string): string | undefined {
  if (CONNECTORS.has(tokens[start - 1]?.folded ?? '')) return undefined;
  for (let index = start - 1; index >= Math.max(0, start - MAX_ROLE_DISTANCE); index--) {
    const token = tokens[index]!;
    if (!adjacent(text, token, tokens[index + 1]!)) return undefined;
    if (ROLE_CUES.has(token.folded)) return text.slice(token.start, tokens[start - 1]!.end);
    const portfolio = token.capitalised && CONNECTORS.has(tokens[index - 1]?.folded ?? '');
    const stops = APPOSITION_END.has(token.folded) || (FUNCTION_WORDS.has(token.folded) && !CONNECTORS.has(token.folded));
    if ((token.capitalised && !portfolio) || stops) return undefined;
  }
  return undefined;
}

export interface Apposition {
  text: string;
  /** What the apposition says the name is, when its first word tells. */
  type?: EntityType;
}

/** ", role/article …" after the name at `end`, up to punctuation or the verb that follows. */
export function describeAfter(tokens: Token[], end: number, text: string): Apposition | undefined {
  const next = tokens[end + 1];
  if (!next || !/^\s*,\s*$/.test(text.slice(tokens[end]!.end, next.start))) return undefined;
  let first = end + 1;
  // A definite article may open the apposition ("John Kirby, il portavoce …"); it is not kept.
  if (FUNCTION_WORDS.has(tokens[first]!.folded) && !INDEFINITE_ARTICLES.has(tokens[first]!.folded)) first++;
  const opener = tokens[first];
  const type = opener && appositionType(opener, tokens[first + 1]);
  if (!opener || !type) return undefined;
  let last = first;
  while (last + 1 < tokens.length && last + 1 - first < MAX_APPOSITION_WORDS) {
    const following = tokens[last + 1]!;
    if (!/^[\s'’]*$/.test(text.slice(tokens[last]!.end, following.start)) || APPOSITION_END.has(following.folded)) break;
    last++;
  }
  while (last > first && (CONNECTORS.has(tokens[last]!.folded) || FUNCTION_WORDS.has(tokens[last]!.folded))) last--;
  return { text: text.slice(opener.start, tokens[last]!.end), type: type === 'unknown' ? undefined : type };
}

function appositionType(opener: Token, second: Token | undefined): EntityType | 'unknown' | undefined {
  if (opener.capitalised) return undefined;
  if (ROLE_CUES.has(opener.folded)) return 'person';
  const noun = INDEFINITE_ARTICLES.has(opener.folded) ? second?.folded : opener.folded;
  if (noun && ORGANIZATION_CUES.has(noun)) return 'organization';
  if (noun && PLACE_CUES.has(noun)) return 'place';
  return INDEFINITE_ARTICLES.has(opener.folded) ? 'unknown' : undefined;
}
