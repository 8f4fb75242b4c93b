/**
 * Countries in every language i18n-iso-countries ships: recognises country names in any of them
 * and gives each country entity all its names as aliases. Locales are imported statically so a
 * bundler includes them (the extension has no file system to load them from).
 */
import countries, { type LocaleData } from 'i18n-iso-countries';
import { foldAlias } from '../normalize';
import type { NamesByLanguage } from '../names';
import { isKnownPlace } from './places';
import { isCommonWord } from './words';
import { memoized } from './memo';
import af from 'i18n-iso-countries/langs/af.json';
import am from 'i18n-iso-countries/langs/am.json';
import ar from 'i18n-iso-countries/langs/ar.json';
import az from 'i18n-iso-countries/langs/az.json';
import be from 'i18n-iso-countries/langs/be.json';
import bg from 'i18n-iso-countries/langs/bg.json';
import bn from 'i18n-iso-countries/langs/bn.json';
import br from 'i18n-iso-countries/langs/br.json';
import bs from 'i18n-iso-countries/langs/bs.json';
import ca from 'i18n-iso-countries/langs/ca.json';
import cs from 'i18n-iso-countries/langs/cs.json';
import cy from 'i18n-iso-countries/langs/cy.json';
import da from 'i18n-iso-countries/langs/da.json';
import de from 'i18n-iso-countries/langs/de.json';
import dv from 'i18n-iso-countries/langs/dv.json';
import el from 'i18n-iso-countries/langs/el.json';
import en from 'i18n-iso-countries/langs/en.json';
import es from 'i18n-iso-countries/langs/es.json';
import et from 'i18n-iso-countries/langs/et.json';
import eu from 'i18n-iso-countries/langs/eu.json';
import fa from 'i18n-iso-countries/langs/fa.json';
import fi from 'i18n-iso-countries/langs/fi.json';
import fr from 'i18n-iso-countries/langs/fr.json';
import ga from 'i18n-iso-countries/langs/ga.json';
import gl from 'i18n-iso-countries/langs/gl.json';
import ha from 'i18n-iso-countries/langs/ha.json';
import he from 'i18n-iso-countries/langs/he.json';
import hi from 'i18n-iso-countries/langs/hi.json';
import hr from 'i18n-iso-countries/langs/hr.json';
import hu from 'i18n-iso-countries/langs/hu.json';
import hy from 'i18n-iso-countries/langs/hy.json';
import id from 'i18n-iso-countries/langs/id.json';
import is_ from 'i18n-iso-countries/langs/is.json';
import it from 'i18n-iso-countries/langs/it.json';
import ja from 'i18n-iso-countries/langs/ja.json';
import ka from 'i18n-iso-countries/langs/ka.json';
import kk from 'i18n-iso-countries/langs/kk.json';
import km from 'i18n-iso-countries/langs/km.json';
import ko from 'i18n-iso-countries/langs/ko.json';
import ku from 'i18n-iso-countries/langs/ku.json';
import ky from 'i18n-iso-countries/langs/ky.json';
import lt from 'i18n-iso-countries/langs/lt.json';
import lv from 'i18n-iso-countries/langs/lv.json';
import mk from 'i18n-iso-countries/langs/mk.json';
import ml from 'i18n-iso-countries/langs/ml.json';
import mn from 'i18n-iso-countries/langs/mn.json';
import mr from 'i18n-iso-countries/langs/mr.json';
import ms from 'i18n-iso-countries/langs/ms.json';
import mt from 'i18n-iso-countries/langs/mt.json';
import nb from 'i18n-iso-countries/langs/nb.json';
import nl from 'i18n-iso-countries/langs/nl.json';
import nn from 'i18n-iso-countries/langs/nn.json';
import nb_no from 'i18n-iso-countries/langs/no.json';
import pl from 'i18n-iso-countries/langs/pl.json';
import ps from 'i18n-iso-countries/langs/ps.json';
import pt from 'i18n-iso-countries/langs/pt.json';
import ro from 'i18n-iso-countries/langs/ro.json';
import ru from 'i18n-iso-countries/langs/ru.json';
import sd from 'i18n-iso-countries/langs/sd.json';
import sk from 'i18n-iso-countries/langs/sk.json';
import sl from 'i18n-iso-countries/langs/sl.json';
import so from 'i18n-iso-countries/langs/so.json';
import sq from 'i18n-iso-countries/langs/sq.json';
import sr from 'i18n-iso-countries/langs/sr.json';
import sv from 'i18n-iso-countries/langs/sv.json';
import sw from 'i18n-iso-countries/langs/sw.json';
import ta from 'i18n-iso-countries/langs/ta.json';
import tg from 'i18n-iso-countries/langs/tg.json';
import th from 'i18n-iso-countries/langs/th.json';
import tk from 'i18n-iso-countries/langs/tk.json';
import tr from 'i18n-iso-countries/langs/tr.json';
import tt from 'i18n-iso-countries/langs/tt.json';
import ug from 'i18n-iso-countries/langs/ug.json';
import uk from 'i18n-iso-countries/langs/uk.json';
import ur from 'i18n-iso-countries/langs/ur.json';
import uz from 'i18n-iso-countries/langs/uz.json';
import vi from 'i18n-iso-countries/langs/vi.json';
import zh from 'i18n-iso-countries/langs/zh.json';

// prettier-ignore
const LOCALES: LocaleData[] = [af, am, ar, az, be, bg, bn, br, bs, ca, cs, cy, da, de, dv, el, en, es, et, eu, fa, fi, fr, ga, gl, ha, he, hi, hr, hu, hy, id, is_, it, ja, ka, kk, km, ko, ku, ky, lt, lv, mk, ml, mn, mr, ms, mt, nb, nl, nn, nb_no, pl, ps, pt, ro, ru, sd, sk, sl, so, sq, sr, sv, sw, ta, tg, th, tk, tr, tt, ug, uk, ur, uz, vi, zh];

/** A country's name in one locale, as the index holds it. */
interface CountryName {
  code: string;
  name: string;
  locale: string;
}

let namesByFolded: Map<string, CountryName[]> | undefined;

/**
 * Folded country name in any language → the countries so named, in the locales' order, built once.
 * Which of them count (isForeignCityName) is decided when a name is looked up: deciding it for all
 * 20,000 names took a quarter of a second of every ingestion thread's start.
 */
function countryIndex(): Map<string, CountryName[]> {
  if (!namesByFolded) {
    namesByFolded = new Map();
    for (const locale of LOCALES) {
      countries.registerLocale(locale);
      for (const [code, names] of Object.entries(locale.countries)) {
        for (const name of [names].flat()) {
          const folded = foldAlias(name);
          const named = namesByFolded.get(folded);
          if (named) named.push({ code, name, locale: locale.locale });
          else namesByFolded.set(folded, [{ code, name, locale: locale.locale }]);
        }
      }
    }
  }
  return namesByFolded;
}

/**
 * The alpha-2 code of the country this surface form names, if any. An all-capitals form is also
 * tried as an alpha-3 code (USA → US), never as an alpha-2 code: "IT", "IN" and "DE" are words.
 */
export const countryCodeOf = memoized((surface: string): string | undefined => {
  const folded = foldAlias(surface);
  const byName = countryIndex()
    .get(folded)
    ?.find(({ name, locale }) => !isForeignCityName(name, locale, folded));
  if (byName) return byName.code;
  return /^\p{Lu}{3}$/u.test(surface) ? countries.alpha3ToAlpha2(surface) : undefined;
});

/** Every name of the country in every registered language, but those that name a city in English or Italian. */
export const countryNames = memoized((code: string): string[] => Object.values(countryNamesByLanguage(code)).flat());

/** The same names by language, as the gazetteer knows each name's language. */
export function countryNamesByLanguage(code: string): NamesByLanguage {
  let names = namesByCode.get(code);
  if (!names) {
    countryIndex();
    const byLanguage = countries.langs().map((lang) => [lang, (countries.getName(code, lang, { select: 'all' }) ?? []).filter((name) => !isForeignCityName(name, lang))] as const);
    names = Object.fromEntries(byLanguage.filter(([, inLanguage]) => inLanguage.length > 0));
    namesByCode.set(code, names);
  }
  return names;
}

const namesByCode = new Map<string, NamesByLanguage>();

/** The project's reading languages, whose country names always count. */
const HOME_LOCALES = new Set(['en', 'it']);

/**
 * "Tunis" is Tunisia in some languages and the capital in English; "Chili" is Chile in French and a
 * dish in English; "DU" and "Ý" are two letters. A country's name in another language that is also
 * a city's name, an English word or that short is left out, so that pages never light up wrongly.
 */
function isForeignCityName(name: string, locale: string, folded = foldAlias(name)): boolean {
  if (HOME_LOCALES.has(locale)) return false;
  return !THREE_LETTERS.test(name) || isKnownPlace(name) || isCommonWord(folded);
}

const THREE_LETTERS = /(?:\P{L}*\p{L}){3}/u;

/** A short description for a country entity, from the gazetteer alone. */
export function countryDescription(code: string): string {
  return `country (ISO 3166-1 ${code})`;
}
