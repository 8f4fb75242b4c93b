import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseRuleOf, CaseRule, compileMatcher, loadMatcher, type DictionaryEntry } from '@/core/match';
import { classOfCodePoint, SIMPLE_FOLD_LIMIT, simpleFoldOf } from '@/core/match/char-definitions';
import { CLASS_RUNS, SIMPLE_FOLDS } from '@/core/match/char-tables';
import { decodeClassRuns, decodeSimpleFolds } from '@/core/match/char-tables-format';
import { Tokens } from '@/core/match/tokens';
import { foldAlias } from '@/core/normalize';
import type { EntityType } from '@/core/pack';

const entry = (alias: string, entityId: string, type: EntityType = 'place'): DictionaryEntry => ({ alias, entityId, type });

/** The test dictionary: each entity with the aliases it is written as, by type. */
const DICTIONARY: [EntityType, Record<string, string[]>][] = [
  [
    'place',
    {
      zaporizhzhia: ['Zaporozhye', 'Zaporižžja'],
      kherson: ['Kherson'],
      us: ['USA', 'U.S.'],
      russia: ['Russia'],
      korea: ['Corea'],
      'north-korea': ['Corea del Nord', '朝鲜'],
      donetsk: ['Donetsk'],
      ukraine: ['Ucraina'],
      moscow: ['Mosca'],
      tokyo: ['東京'],
      seoul: ['서울'],
      uk: ['Großbritannien'],
      diyarbakir: ['Diyarbakır'],
      'georgia-country': ['Georgia'],
      'georgia-state': ['Georgia'],
    },
  ],
  ['organization', { un: ['UN'], tass: ['TASS'], dpr: ['Repubblica popolare di Donetsk'] }],
  ['person', { putin: ['Putin', 'Vladimir Putin'], kim: ['Kim Jong-un'] }],
];

const matcher = loadMatcher(compileMatcher(DICTIONARY.flatMap(([type, entities]) => Object.entries(entities).flatMap(([entityId, aliases]) => aliases.map((alias) => entry(alias, entityId, type))))));

/** The matched spellings with their entities, in order. */
const found = (text: string) => matcher.find(text).map((m) => `${text.slice(m.start, m.end)}=${m.entityId}`);

describe('case and accents', () => {
  it('ignores accents, and case after a capital; a one-word name never matches a lower-case word', () => {
    expect(found('ZAPOROZHYE and zaporozhye, Kherson and kherson')).toEqual(['ZAPOROZHYE=zaporizhzhia', 'Kherson=kherson']);
    expect(found('COREA DEL NORD, corea del nord')).toEqual(['COREA DEL NORD=north-korea', 'corea del nord=north-korea']);
    expect(found('Zaporizzja')).toEqual(['Zaporizzja=zaporizhzhia']);
  });

  it('folds compatibility forms and letters written two ways', () => {
    expect(found('ＫＨＥＲＳＯＮ, 𝐊𝐡𝐞𝐫𝐬𝐨𝐧, GROSSBRITANNIEN, Diyarbakir')).toEqual(['ＫＨＥＲＳＯＮ=kherson', '𝐊𝐡𝐞𝐫𝐬𝐨𝐧=kherson', 'GROSSBRITANNIEN=uk', 'Diyarbakir=diyarbakir']);
  });

  it('does not fold a long name into a different word', () => {
    expect(found('Zaporozh and Khersonese')).toEqual([]);
  });

  it('takes in the closing full stop of an abbreviation', () => {
    expect(found('the U.S. and the U.S')).toEqual(['U.S.=us', 'U.S=us']);
  });

  it('keeps acronyms and very short names exact', () => {
    expect(found('Negli USA, la TASS e l’UN')).toEqual(['USA=us', 'TASS=tass', 'UN=un']);
    expect(found('Lui usa un tass, Usa e Tass')).toEqual([]);
  });

  it('keeps the capital of a short name: the city "Mosca", not the fly "mosca"', () => {
    expect(found('Mosca e MOSCA')).toEqual(['Mosca=moscow', 'MOSCA=moscow']);
    expect(found('una mosca sul vetro')).toEqual([]);
  });

  it('gives each kind of alias its rule', () => {
    expect([
      caseRuleOf('USA'),
      caseRuleOf('UN'),
      caseRuleOf('Kim'),
      caseRuleOf('Mosca'),
      caseRuleOf('Zaporozhye'),
      caseRuleOf('Government'),
      caseRuleOf('Corea del Nord'),
      caseRuleOf('kherson'),
    ]).toEqual([CaseRule.Exact, CaseRule.Exact, CaseRule.Exact, CaseRule.Initial, CaseRule.Initial, CaseRule.Initial, CaseRule.Fold, CaseRule.Fold]);
  });
});

describe('word boundaries', () => {
  it('finds a name between punctuation, after an elided article and before a possessive', () => {
    expect(found("(Russia), dell’Ucraina, l'Ucraina, Putin’s plan, Putin's")).toEqual(['Russia=russia', 'Ucraina=ukraine', 'Ucraina=ukraine', 'Putin=putin', 'Putin=putin']);
  });

  it('never matches inside a longer word or a derived form', () => {
    expect(found('Russian Russiagate antirussia nordcoreano Coreano Putinism')).toEqual([]);
  });
});

describe('typography', () => {
  it('treats typographic and ASCII dashes, spaces and no-break spaces alike', () => {
    for (const text of ['Kim Jong-un', 'Kim Jong‑un', 'Kim Jong–un', 'Kim Jong un', 'Kim\u00A0Jong-un', 'Kim  Jong-un']) expect(found(text), text).toEqual([`${text}=kim`]);
  });

  it('reads through soft hyphens and joiners inside a word', () => {
    expect(found('Zapo\u00ADrozhye and Kher\u200Bson')).toEqual(['Zapo\u00ADrozhye=zaporizhzhia', 'Kher\u200Bson=kherson']);
  });

  it('folds as the store and ingestion fold (foldAlias once kept ß, ø, ł… and soft hyphens that the matcher folded)', () => {
    for (const [alias, written] of [
      ['Großbritannien', 'Grossbritannien'],
      ['Zapo\u00ADrozhye', 'Zaporozhye'],
      ['Kher\u2060son', 'Kherson'],
      ['Diyarbakır', 'Diyarbakir'],
    ]) {
      expect(foldAlias(alias), alias).toBe(foldAlias(written));
      expect([...found(alias), ...found(written)].length, alias).toBe(2);
    }
  });

  it('joins words across a line break, never across a blank line or other punctuation', () => {
    expect(found('Corea\ndel Nord')).toEqual(['Corea\ndel Nord=north-korea']);
    expect(found('Corea\n\ndel Nord; Vladimir\n \nPutin')).toEqual(['Corea=korea', 'Putin=putin']);
    expect(found('Kim, Jong-un; Kim. Jong un')).toEqual([]);
  });
});

describe('overlaps', () => {
  it.each([
    ['La Corea del Nord e la Corea del Sud', ['Corea del Nord=north-korea', 'Corea=korea']],
    ['la Repubblica popolare di Donetsk e Donetsk', ['Repubblica popolare di Donetsk=dpr', 'Donetsk=donetsk']],
    ['Vladimir Putin', ['Vladimir Putin=putin']],
  ])('prefers the longest match in "%s"', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it('never overlaps and falls back to a shorter name when the longer one breaks off', () => {
    const matches = matcher.find('Corea del Sud, Corea del Nord');
    expect(matches.map((m) => [m.start, m.end])).toEqual([
      [0, 5],
      [15, 29],
    ]);
  });
});

describe('scripts without spaces', () => {
  it('finds names inside running CJK text, and Korean names with their particles attached', () => {
    expect(found('金正恩访问朝鲜的首都。東京で会談')).toEqual(['朝鲜=north-korea', '東京=tokyo']);
    expect(found('서울에서 회담')).toEqual(['서울=seoul']);
  });

  it('does not match a different sequence of the same characters', () => {
    expect(found('鲜朝 京東')).toEqual([]);
  });
});

describe('ambiguity and offsets', () => {
  it('names every entity an alias belongs to, the first one first', () => {
    const [match] = matcher.find('Georgia');
    expect(match.entityIds).toEqual(['georgia-country', 'georgia-state']);
    expect(match.entityId).toBe('georgia-country');
  });

  it('reports offsets into the original text, past emoji and characters that change length when folded', () => {
    const text = '😀🇮🇹 İstanbul ß Ärger — Kherson';
    const [match] = matcher.find(text);
    expect(text.slice(match.start, match.end)).toBe('Kherson');
  });
});

describe('a large real dictionary', () => {
  it('compiles every country name in every language into plain data that survives JSON and still matches', () => {
    const langs = join('node_modules', 'i18n-iso-countries', 'langs');
    const dictionary: DictionaryEntry[] = [];
    for (const file of readdirSync(langs)) {
      const { countries } = JSON.parse(readFileSync(join(langs, file), 'utf8')) as { countries: Record<string, string | string[]> };
      for (const [code, names] of Object.entries(countries)) for (const name of [names].flat()) dictionary.push(entry(name, code));
    }
    expect(dictionary.length).toBeGreaterThan(12_000);
    const restored = loadMatcher(JSON.parse(JSON.stringify(compileMatcher(dictionary))));
    const text = 'Talks between Germany and the Republic of Korea; la Corea del Nord; 日本と中国; Deutschland.';
    const ids = restored.find(text).map((m) => m.entityIds);
    expect(ids).toEqual([
      expect.arrayContaining(['DE']),
      expect.arrayContaining(['KR']),
      expect.arrayContaining(['KP']),
      expect.arrayContaining(['JP']),
      expect.arrayContaining(['CN']),
      expect.arrayContaining(['DE']),
    ]);
  });

  it('refuses something that is not a compiled dictionary', () => {
    expect(() => loadMatcher({ format: 'other' } as never)).toThrow(/Not a compiled Contesto dictionary/);
  });
});

describe('the dictionary as it travels', () => {
  it('finds every one of thousands of one-word names through its hash table, and nothing else', () => {
    const names = Array.from({ length: 3000 }, (_, i) => `Borgo${i.toString(36)}`);
    const many = loadMatcher(JSON.parse(JSON.stringify(compileMatcher(names.map((name) => entry(name, name))))));
    const text = names.map((name, i) => `${i % 2 ? 'near' : 'à côté de'} ${name}, borgo${i}x`).join('; ');
    expect(many.find(text).map((m) => m.entityId)).toEqual(names);
  });

  it('finds nothing with an empty dictionary', () => {
    expect(loadMatcher(compileMatcher([])).find('Kherson and Mosca')).toEqual([]);
  });

  it('reads accented words folded in place, as foldWord folds them', () => {
    const accented = loadMatcher(compileMatcher([entry('Besançon', 'besancon'), entry('Łódź', 'lodz'), entry('Straße', 'strasse')]));
    expect(accented.find('BESANCON, Besançon, Lodz, ŁÓDŹ, Strasse, STRASSE').map((m) => m.entityId)).toEqual(['besancon', 'besancon', 'lodz', 'lodz', 'strasse', 'strasse']);
  });
});

describe('tokens', () => {
  const spans = (text: string) => {
    const tokens = new Tokens().read(text);
    return Array.from({ length: tokens.count }, (_, i) => text.slice(tokens.starts[i], tokens.ends[i]));
  };

  it('splits at punctuation, spaces and emoji, keeps soft hyphens, marks and letters outside the BMP in the word', () => {
    expect(spans('Zapo\u00ADrozhye, e\u0301te\u0301 😀𝐊𝐡𝐞𝐫𝐬𝐨𝐧 — l’Ucraina 42')).toEqual(['Zapo\u00ADrozhye', 'e\u0301te\u0301', '𝐊𝐡𝐞𝐫𝐬𝐨𝐧', 'l', 'Ucraina', '42']);
  });

  it('makes each character of a script without spaces a token of its own', () => {
    expect(spans('访问朝鲜 and 東京')).toEqual(['访', '问', '朝', '鲜', 'and', '東', '京']);
  });

  it('grows past its first buffers', () => {
    expect(spans('a '.repeat(1000)).length).toBe(1000);
  });
});

describe('character tables', () => {
  it('say for every code point what the Unicode definitions say', () => {
    const { starts, classes } = decodeClassRuns(CLASS_RUNS);
    let run = 0;
    const wrong: number[] = [];
    for (let codePoint = 0; codePoint <= 0x10ffff; codePoint++) {
      while (run + 1 < starts.length && starts[run + 1] <= codePoint) run++;
      if (classes[run] !== classOfCodePoint(codePoint)) wrong.push(codePoint);
    }
    expect(wrong, 'regenerate with npx tsx scripts/char-tables.ts').toEqual([]);
    const folds = decodeSimpleFolds(SIMPLE_FOLDS);
    expect(Array.from({ length: SIMPLE_FOLD_LIMIT }, (_, code) => folds[code] ?? -1)).toEqual(Array.from({ length: SIMPLE_FOLD_LIMIT }, (_, code) => simpleFoldOf(code)));
  });
});
