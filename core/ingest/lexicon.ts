/**
 * Word lists the recogniser reasons with, Italian and English together (documents mix them,
 * and a cue in one language never misleads in the other). All entries are folded (lower case,
 * no accents). These are ordinary words, never names: names come from the documents.
 */
import * as stopwords from 'stopword';
import { eng, ita } from 'stopword';
import { foldAlias } from '../normalize';

const words = (list: string) => new Set(list.split(/\s+/).filter(Boolean));

/** Lower-case words that may sit inside a name: "Corea del Nord", "Bank of England", "Stati Uniti d'America". */
export const CONNECTORS = words(`
  di del della dello dei degli delle dell d de da van von der den du of y bin ibn bint`);

/** Particles that open a family name when capitalised: "De Gregori", "Di Maio", "Van Gogh", "Von Trapp". */
export const SURNAME_PARTICLES = words(`de di del della dello da dal van von du der lo la li`);

/** The particles that are also articles: a family name's only in mid-sentence ("Ignazio La Russa", "viale Lo Re"), never "La Regione …". */
export const ARTICLE_PARTICLES = words(`lo la li`);

/** The connectors that mean "of" (not "from", as in "Leonardo da Vinci"). */
export const OF_CONNECTORS = words(`di del della dello dei degli delle dell of`);

/** Words before a name that make it a person: the role also becomes the description. */
export const ROLE_CUES = words(`
  presidente vicepresidente premier ministro ministra viceministro sottosegretario segretario sindaco sindaca
  portavoce direttore direttrice amministratore amministratrice ambasciatore ambasciatrice generale leader capo
  senatore senatrice deputato deputata assessore assessora governatore governatrice professore professoressa
  rettore rettrice dottor dottoressa dott signor signora sig papa re regina principe principessa cancelliere
  giudice avvocato avvocata fondatore fondatrice diplomatico diplomatica giornalista scrittore scrittrice
  allenatore comandante ammiraglio colonnello procuratore ricercatore ricercatrice cantante attore attrice
  president vice minister secretary spokesman spokeswoman spokesperson mayor director chairman chairwoman chair
  ambassador governor senator professor dean chancellor provost judge founder cofounder king queen prince princess
  pope mr mrs ms dr sir lady lord chief head commissioner researcher scientist author ceo coach captain
  lecturer economist writer actor actress singer prime`);

/** Titles that, inside a capitalised run, part a holder from what the title is of: "Zimbabwe President Robert Mugabe". */
export const INNER_TITLES = words(`
  presidente premier ministro ministra segretario sindaco portavoce direttore amministratore ambasciatore
  governatore cancelliere
  president minister secretary spokesman spokeswoman spokesperson mayor director chairman chairwoman ambassador
  governor senator chancellor commissioner ceo cfo coo cto founder cofounder leader general attorney
  premier treasurer editor correspondent`);

/** What joins a portfolio to its holder: "ministro degli Esteri", "assessore alla Cultura", "delega ai Trasporti". */
export const PORTFOLIO_CONNECTORS = new Set([...CONNECTORS, ...words(`a al alla alle allo ai agli all for to`)]);

/** Roles after which "of/degli + Name" is a portfolio, not a separate entity: "ministro degli Esteri". */
export const PORTFOLIO_CUES = words(`
  ministro ministra viceministro ministero sottosegretario segretario assessore assessora delega minister ministry secretary`);

/** Words inside a name that make it an organisation: "Gruppo Wagner", "Harvard University". */
export const ORGANIZATION_CUES = words(`
  gruppo consiglio ministero agenzia universita politecnico banca societa partito fondazione associazione
  istituto azienda compagnia corte tribunale commissione parlamento senato organizzazione unione federazione
  comitato ufficio dipartimento museo ospedale scuola accademia consorzio cooperativa sindacato holding camera
  group council ministry agency university bank company corporation corp co inc ltd llc plc gmbh party foundation association institute
  court commission parliament senate organization organisation union committee office department college school
  museum hospital academy authority federation network laboratory laboratories labs board trust
  institution brotherhood police media network times post news press herald journal tribune gazette magazine
  radio tv television broadcasting airlines airways motors capital partners holdings technologies systems
  communications ventures studios entertainment games software energy assembly congress embassy army navy
  forces brigade brigades militia movement front alliance coalition league club church fund reserve exchange
  service services bureau administration government cabinet insider images center centre international
  polizia carabinieri procura questura prefettura guardia finanza giunta asl policlinico municipio cassazione
  regione comune provincia lega movimento
  spa srl inc ltd llc plc gmbh ag co`);

/** Lower-case words that join two capitalised runs into one institution's name: "Council on Foreign Relations". */
export const INSTITUTION_CONNECTORS = words(`and on for e per &`);

/** Lower-case words inside some places' names, joined only when the gazetteers know the whole: "Torre a Mare". */
export const PLACE_CONNECTORS = words(`a al sul sulla in upon on sur`);

/** Institutions named by one word that is otherwise an organisation cue: "the Senate", "Congress". */
export const INSTITUTIONS = words(`
  congress senate parliament assembly cabinet pentagon parlamento senato quirinale viminale farnesina policlinico
  questura prefettura cassazione tar consulta carabinieri polizia`);

/** Words inside a name that make it a place: "Western Wall", "Red Sea". */
export const PLACE_NAME_WORDS = words(`
  street avenue square road boulevard bridge airport station palace castle wall mountains mountain sea ocean gulf
  bay river lake island islands park hill hills valley peninsula desert coast strip church cathedral abbey tower
  stadium theatre theater temple mosque synagogue`);

/**
 * Italian words that make a name a place when they open it ("Piazza Massari", "Fontana Maggiore");
 * at its end they are family names as often ("Marco Fontana", "Anna Villa").
 */
export const PLACE_HEAD_WORDS = words(`
  piazza via viale corso largo ponte stazione aeroporto lungomare quartiere rione mare golfo isola monte
  castello castel palazzo certosa villa chiesa basilica cattedrale duomo teatro stadio parco porta torre fontana
  abbazia convento santuario anfiteatro capo cape`);

/** Makers whose name, followed by a model, makes a product, not an entity: "Fiat Punto", "Ford Kuga". */
export const MAKERS = words(`
  fiat ford mercedes opel renault peugeot volkswagen vw audi bmw toyota nissan honda hyundai kia daewoo lancia alfa
  citroen smart suzuki mazda volvo skoda seat dacia jeep tesla porsche ferrari maserati iveco piaggio vespa yamaha
  ducati kawasaki apple samsung huawei xiaomi nokia motorola sony nintendo xbox playstation boeing airbus`);

/** People named by where they come from: "un uomo di Bitonto", "residents from Leeds". */
export const ORIGIN_NOUNS = words(`
  uomo donna ragazzo ragazza ragazzi giovane giovani anziano anziana bambino bambina studente studentessa
  cittadino cittadina residente residenti originario originaria nato nata imprenditore commerciante
  man woman boy girl native resident student`);

/** First words that make a name of several words a place: churches, quarters and towns named after saints. */
export const PLACE_PREFIXES = words(`san santa santo sant saint st ste s.`);

/** Lower-case words before a name that make it a place: "via Sparano", "piazza Massari", "corso Cavour". */
export const STREET_WORDS = words(`
  via viale piazza piazzale corso largo vicolo contrada strada lungomare localita frazione quartiere rione
  borgo ponte`);

/** Words before "di/of + Name" (or after "una/a") that make the name a place: "regioni di", "residents of". */
export const PLACE_CUES = words(`
  regione regioni provincia province citta comune paese paesi stato stati repubblica repubbliche capitale
  isola isole villaggio quartiere valle lago fiume monte porto residenti abitanti cittadini
  region regions province provinces city town village country state republic capital island county district
  valley lake river mount port residents inhabitants citizens`);

/** Bare prepositions that precede places: "a Mosca", "in Ucraina", "at Leeds". */
export const PLACE_PREPOSITIONS = words(`a ad in da at near nel nello nella nei negli nelle`);

/** "nel Gargano", "nello Ionio": "in the" stands before places and bodies, never before a person's family name. */
export const IN_THE = words(`nel nello nella nei negli nelle`);

/** Coordinations that give both sides one type: "Zaporozhye e Kherson". */
export const COORDINATORS = words(`e ed o and or &`);

/** Indefinite articles that open an apposition describing what the name is: "Rossi, un'azienda di Prato". */
export const INDEFINITE_ARTICLES = words(`un uno una a an`);

/** Verbs that end an apposition: "John Kirby, portavoce del … USA ha accusato". */
export const APPOSITION_END = words(`
  ha hanno ho aveva avevano e sono era erano sara fu dice dicono disse afferma spiega dichiara
  has have had is are was were will would said says told`);

/** Function words and sentence openers that are capitalised only because a sentence starts with them. */
export const FUNCTION_WORDS = new Set(
  [
    ...ita,
    ...eng,
    ...words(`
    secondo inoltre pero tuttavia quindi dopo durante mentre oggi ieri domani ecco ora poi infatti intanto
    according however meanwhile today yesterday tomorrow after during while there`),
  ].map(foldAlias),
);

/** ISO 639-1 → the stopword package's list for that language. */
const STOPWORD_LISTS: Record<string, string> = {
  cs: 'ces',
  sk: 'slk',
  pl: 'pol',
  fr: 'fra',
  es: 'spa',
  pt: 'por',
  de: 'deu',
  nl: 'nld',
  ro: 'ron',
  ca: 'cat',
  da: 'dan',
  sv: 'swe',
  nb: 'nob',
  no: 'nob',
  fi: 'fin',
  hu: 'hun',
  tr: 'tur',
  sl: 'slv',
  hr: 'hrv',
  el: 'ell',
  lv: 'lav',
  lt: 'lit',
  et: 'est',
  ru: 'rus',
  uk: 'ukr',
  bg: 'bul',
  id: 'ind',
  ms: 'msa',
  vi: 'vie',
  ga: 'gle',
  gl: 'glg',
  eu: 'eus',
  la: 'lat',
};
const functionWords = new Map<string, Set<string>>();

/** FUNCTION_WORDS and those of the document's own language: "V Evropské" is Czech "in Europe". */
export function functionWordsOf(lang: string): Set<string> {
  let set = functionWords.get(lang);
  if (!set) {
    const list = (stopwords as unknown as Record<string, string[] | undefined>)[STOPWORD_LISTS[lang] ?? ''];
    set = list ? new Set([...FUNCTION_WORDS, ...list.map(foldAlias)]) : FUNCTION_WORDS;
    functionWords.set(lang, set);
  }
  return set;
}

const calendarWords = new Map<string, Set<string>>();

/** Month and weekday names, long and short, in `lang`: capitalised in English, never entities. */
export function calendarWordsOf(lang: string): Set<string> {
  let names = calendarWords.get(lang);
  if (!names) {
    names = new Set();
    for (const style of ['long', 'short'] as const) {
      const months = new Intl.DateTimeFormat(lang, { month: style, timeZone: 'UTC' });
      const weekdays = new Intl.DateTimeFormat(lang, { weekday: style, timeZone: 'UTC' });
      for (let month = 0; month < 12; month++) names.add(foldAlias(months.format(Date.UTC(2021, month, 1))).replace(/\.$/, ''));
      // 2021-02-01 was a Monday: seven consecutive days cover the week.
      for (let day = 1; day <= 7; day++) names.add(foldAlias(weekdays.format(Date.UTC(2021, 1, day))).replace(/\.$/, ''));
    }
    calendarWords.set(lang, names);
  }
  return names;
}
