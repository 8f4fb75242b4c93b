/**
 * Date expressions in a sentence, normalised to ISO 8601 at the precision the text gives
 * (2022-07-13, 2019-04, 2022). chrono-node parses them in the document's language; relative
 * expressions ("oggi", "today") take the document's own date, at that date's precision.
 */
import * as chrono from 'chrono-node';
import type { ParsedResult, Parser } from 'chrono-node';
import { memoized } from './memo';

export interface DateExpression {
  date: string;
  /** Offsets of the expression within the sentence. */
  start: number;
  end: number;
}

/**
 * chrono's patterns ignore case, and V8 compiles large case-insensitive patterns slowly: about half
 * a second of every ingestion thread went to compiling those of English and Italian alone. The same
 * patterns lowercased and without the flag, run on the lowercased sentence, find the same dates in
 * a tenth of the time. A pattern with named groups is left as it is (their names keep their case).
 */
function lowercaseChrono(stock: chrono.Chrono): chrono.Chrono {
  return new chrono.Chrono({ parsers: stock.parsers.map(lowercaseParser), refiners: stock.refiners });
}

function lowercaseParser(parser: Parser): Parser {
  let stockPattern: RegExp | undefined;
  let pattern: RegExp | undefined;
  return {
    pattern(context) {
      const current = parser.pattern(context);
      if (current !== stockPattern) {
        stockPattern = current;
        pattern = !current.flags.includes('i') || NAMED_GROUP.test(current.source) ? current : new RegExp(current.source.replace(ESCAPE_OR_LITERAL, lowercaseLiteral), current.flags.replace('i', ''));
      }
      return pattern!;
    },
    extract: (context, match) => parser.extract(context, match),
  };
}

/** An escape ("\\W", "\\u00e0") or a run of anything else in a pattern's source: escapes keep their case. */
const ESCAPE_OR_LITERAL = /\\(?:[pP]\{[^}]*\}|u\{[^}]*\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|c[A-Za-z]|[\s\S])|[^\\]+/g;
const lowercaseLiteral = (token: string) => (token.startsWith('\\') ? token : token.toLowerCase());
const NAMED_GROUP = /\(\?<[^=!]/;

const STOCK: Record<string, chrono.Chrono> = {
  it: chrono.it.casual,
  en: chrono.en.casual,
  fr: chrono.fr.casual,
  de: chrono.de.casual,
  es: chrono.es.casual,
  pt: chrono.pt.casual,
  nl: chrono.nl.casual,
};
const lowercaseChronoFor = memoized((lang: string) => lowercaseChrono(STOCK[lang] ?? chrono.en.casual));

const WEEK = /week|settiman|semaine|woche|semana/i;
const VERSION_BEFORE = /\d+\.\d+\.$/;
const SPAN_OF_TIME = /\b(?:next|past|last|coming|prossim\w*|ultim\w*|scors\w*)\s+(?:\w+\s+)?(?:years|months|weeks|days|decades|anni|mesi|settimane|giorni|decenni)\b/i;

/** A bare year after a preposition, which chrono leaves alone: "nel 2022", "in 2021", "since 1998". */
const BARE_YEAR = /\b(?:nel|del|dal|entro il|in|since|by|during|until)\s+((?:1[5-9]|20)\d\d)\b/gi;

/**
 * What an English or Italian sentence must hold for chrono to find a date in it: a numeric date,
 * a month or weekday name, or a word of relative time. A year alone is not enough: chrono reads no
 * bare year (BARE_YEAR below does). Checking for it first spares chrono most sentences, which was
 * the largest single cost of ingestion.
 */
const DATE_HINTS: Record<string, RegExp> = {
  en: /\d{1,2}[/.-]\d{1,2}\b|\b(?:today|tonight|yesterday|tomorrow|ago|weeks?|months?|years?|weekend|days?|noon|midnight|morning|afternoon|evening|night|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b/i,
  it: /\d{1,2}[/.-]\d{1,2}\b|\b(?:oggi|ieri|domani|dopodomani|stanotte|stasera|stamattina|stamane|fa|mese|mesi|anno|anni|weekend|mezzogiorno|mezzanotte|pomeriggio|sera|notte|gen|feb|mar|apr|mag|giu|lug|ago|set|ott|nov|dic|lun|mer|gio|ven|sab|dom)\b|\b(?:scors|prossim|settiman|mattin|giorn|gennai|febbrai|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre|luned|marted|mercoled|gioved|venerd|sabato|domenica)/i,
};

export function findDates(sentence: string, lang: string, documentDate?: string): DateExpression[] {
  const found: DateExpression[] = [];
  // "may" is an English verb far more often than a month, which is written "May".
  const chronoMayFind = !DATE_HINTS[lang] || DATE_HINTS[lang].test(sentence) || (lang === 'en' && /\bMay\b/.test(sentence));
  for (const result of chronoMayFind ? chronoResults(sentence, lang, documentDate) : []) {
    // "4.2.8 December 2014": the day is the end of a version number.
    if (VERSION_BEFORE.test(sentence.slice(0, result.index))) continue;
    const date = normalise(result, documentDate);
    if (date) found.push({ date, start: result.index, end: result.index + result.text.length });
  }
  for (const match of sentence.matchAll(BARE_YEAR)) {
    const start = match.index + match[0].length - match[1]!.length;
    if (!found.some((date) => start < date.end && date.start < start + 4)) found.push({ date: match[1]!, start, end: start + 4 });
  }
  return found.sort((a, b) => a.start - b.start);
}

function chronoResults(sentence: string, lang: string, documentDate: string | undefined): ParsedResult[] {
  // chrono knows "l'anno" but not "l’anno": the typographic apostrophe is read as the plain one.
  const text = sentence.replaceAll('’', "'");
  const lowercase = text.toLowerCase();
  // A rare letter lowercases to two ("İ"): offsets would move, so the stock parser reads that sentence.
  if (lowercase.length !== text.length) return (STOCK[lang] ?? chrono.en.casual).parse(text, referenceDate(documentDate));
  return lowercaseChronoFor(lang).parse(lowercase, referenceDate(documentDate));
}

function referenceDate(documentDate: string | undefined): Date | undefined {
  if (!documentDate) return undefined;
  const [year, month = 1, day = 1] = documentDate.split('-').map(Number);
  return new Date(year!, month - 1, day);
}

/**
 * The ISO date a chrono result stands for, or undefined when the text does not pin one down
 * (a time of day alone, or a relative or year-less date in an undated document).
 */
function normalise(result: ParsedResult, documentDate: string | undefined): string | undefined {
  const start = result.start;
  const relative = [...result.tags()].some((tag) => tag.startsWith('casualReference') || tag.startsWith('result/relative'));
  const hasCalendarPart = (['year', 'month', 'day', 'weekday'] as const).some((component) => start.isCertain(component));
  if (!relative && !hasCalendarPart) return undefined;
  if (relative) {
    if (!documentDate) return undefined;
    // "Lo scorso anno" is a year and "last month" a month: the text's precision, never finer than
    // the document date's own ("ieri" in a document dated only 2023 is 2023). A week has no ISO
    // partial date of its own, so "la scorsa settimana" is the month it began in.
    // "For the next three years", "negli ultimi due mesi": a stretch of time, said on the document's date.
    if (SPAN_OF_TIME.test(result.text)) return documentDate;
    const week = WEEK.test(result.text);
    const precision = start.isCertain('day') && !week ? 'day' : start.isCertain('month') ? 'month' : start.isCertain('year') ? 'year' : undefined;
    const date = precision && isoDate(result, precision);
    // "Ieri" in a document dated only 2024 could be 31 December 2023: all we know is the document's date.
    return date && date.length <= documentDate.length ? date : documentDate;
  }
  if (!start.isCertain('month') && !start.isCertain('year')) {
    if (!documentDate) return undefined;
    return documentDate.length === 10 && start.isCertain('day') ? isoDate(result, 'day') : documentDate;
  }
  if (!start.isCertain('year') && !documentDate) return undefined;
  return isoDate(result, start.isCertain('day') ? 'day' : start.isCertain('month') ? 'month' : 'year');
}

function isoDate(result: ParsedResult, precision: 'day' | 'month' | 'year'): string {
  const pad = (value: number | null) => String(value ?? 1).padStart(2, '0');
  const { start } = result;
  const year = String(start.get('year')).padStart(4, '0');
  if (precision === 'year') return year;
  if (precision === 'month') return `${year}-${pad(start.get('month'))}`;
  return `${year}-${pad(start.get('month'))}-${pad(start.get('day'))}`;
}
