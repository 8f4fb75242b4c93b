import { franc } from 'franc-min';

/** ISO 639-3 codes franc-min can return, mapped to the ISO 639-1 codes pages and Intl use. */
const ISO_639_1: Record<string, string> = {
  spa: 'es', eng: 'en', por: 'pt', ind: 'id', fra: 'fr', deu: 'de', jav: 'jv', vie: 'vi', ita: 'it', tur: 'tr',
  pol: 'pl', swh: 'sw', sun: 'su', ron: 'ro', hau: 'ha', fuv: 'ff', bos: 'bs', hrv: 'hr', nld: 'nl', srp: 'sr',
  ckb: 'ku', yor: 'yo', uzn: 'uz', zlm: 'ms', ibo: 'ig', tgl: 'tl', hun: 'hu', azj: 'az', ces: 'cs', run: 'rn',
  plt: 'mg', qug: 'qu', nya: 'ny', kin: 'rw', zul: 'zu', swe: 'sv', lin: 'ln', som: 'so', rus: 'ru', ukr: 'uk',
  bel: 'be', bul: 'bg', kaz: 'kk', arb: 'ar', urd: 'ur', pes: 'fa', pbu: 'ps', hin: 'hi', mar: 'mr', npi: 'ne',
};

/** The language used when detection has too little text to go on. */
export const FALLBACK_LANGUAGE = 'en';

/** ISO 639-1 code of the text's language (639-3 when there is none), or undefined when unsure. */
/** Trigram statistics settle within a few thousand characters; reading a whole book costs seconds. */
const SAMPLE_LENGTH = 1_500;

export function detectLanguage(text: string): string | undefined {
  const code = franc(text.slice(0, SAMPLE_LENGTH), { minLength: 20 });
  if (code === 'und') return undefined;
  return ISO_639_1[code] ?? code;
}
