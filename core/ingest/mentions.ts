/**
 * Finds every occurrence of every alias in a document's text with one combined expression,
 * compiled once per build. Matching ignores case and typography (apostrophes, dashes, spaces),
 * but a capitalised alias only matches capitalised text: "usa" (a verb) is not "USA".
 */
import { foldAlias, unifyPunctuation } from '../normalize';

export interface AliasOwner {
  entityId: string;
  aliases: string[];
}

export interface TextMatch {
  entityId: string;
  start: number;
  end: number;
}

export interface AliasMatcher {
  matchAll(text: string): TextMatch[];
}

const FLEXIBLE: Record<string, string> = { "'": "['‘’ʼ`´]", '-': '[-‐‑‒–—―−]', ' ': '\\s+' };

export function compileAliasMatcher(owners: AliasOwner[]): AliasMatcher {
  const ownerByAlias = new Map<string, { entityId: string; spelling: string; lowercaseAlias: boolean }>();
  for (const { entityId, aliases } of owners) {
    for (const alias of aliases) {
      const key = foldAlias(alias);
      if (key && !ownerByAlias.has(key)) ownerByAlias.set(key, { entityId, spelling: unifyPunctuation(alias), lowercaseAlias: /^\p{Ll}/u.test(alias) });
    }
  }
  if (ownerByAlias.size === 0) return { matchAll: () => [] };
  // Longest first, so "Corea del Nord" wins over a shorter alias at the same place.
  const spellings = [...ownerByAlias.values()].map((owner) => owner.spelling);
  const patterns = spellings.sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).map(aliasPattern);
  const expression = new RegExp(`(?<![\\p{L}\\p{N}])(?:${patterns.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  return {
    matchAll(text) {
      const matches: TextMatch[] = [];
      for (const match of text.matchAll(expression)) {
        const owner = ownerByAlias.get(foldAlias(match[0]));
        if (!owner || (!owner.lowercaseAlias && /^\p{Ll}/u.test(match[0]))) continue;
        matches.push({ entityId: owner.entityId, start: match.index, end: match.index + match[0].length });
      }
      return matches;
    },
  };
}

/** An alias as a pattern that also accepts typographic variants of its punctuation and spaces. */
function aliasPattern(spelling: string): string {
  return [...spelling].map((char) => FLEXIBLE[char] ?? char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('');
}
