import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const messages = (lang: string) => JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8')) as Record<string, { message: string; placeholders?: object }>;
const en = messages('en');
const it_ = messages('it');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('the UI in both languages of the corpus', () => {
  it('has every English message in Italian too, with the same placeholders', () => {
    expect(Object.keys(it_).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en)) expect(Object.keys(it_[key].placeholders ?? {}), key).toEqual(Object.keys(en[key].placeholders ?? {}));
  });

  it('has a message for every key the extension pages, components and background ask for', () => {
    const used = new Set<string>();
    for (const file of [...sources('components'), ...sources('entrypoints'), ...sources('annotator')]) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)) used.add(match[1]);
    }
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((key) => !en[key])).toEqual([]);
  });

  it('has the plural forms of every count the UI shows with a noun (Intl.PluralRules: one, other), and says which language picks them', () => {
    const counted = new Set<string>();
    for (const file of [...sources('components'), ...sources('entrypoints'), ...sources('annotator')]) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\btCount\(\s*'([A-Za-z0-9_]+)'/g)) counted.add(match[1]);
    }
    expect(counted.size).toBeGreaterThan(5);
    for (const key of counted) for (const form of ['one', 'other']) expect(en[`${key}_${form}`], `${key}_${form}`).toBeDefined();
    for (const key of Object.keys(en).filter((k) => k.endsWith('_one'))) expect(en[key.replace(/_one$/, '_other')], key).toBeDefined();
    expect([en.pluralRulesLocale.message, it_.pluralRulesLocale.message]).toEqual(['en', 'it']);
    expect(['countDocuments', 'countNotes'].map((key) => [1, 2].map((n) => en[`${key}_${new Intl.PluralRules('en').select(n)}`].message.replace('$COUNT$', String(n))))).toEqual([
      ['1 document', '2 documents'],
      ['1 note', '2 notes'],
    ]);
    expect([0, 1, 2].map((n) => it_[`countEvents_${new Intl.PluralRules('it').select(n)}`].message.replace('$COUNT$', String(n)))).toEqual(['0 eventi', '1 evento', '2 eventi']);
  });
});
