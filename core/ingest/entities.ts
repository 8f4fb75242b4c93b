/**
 * Recognises people, organisations and places in one document by rules that work on text never
 * seen before: capitalised spans (with connectors such as "del", "of"), filtered of sentence-initial
 * ordinary words, typed by cues around them (roles, organisation and place words, prepositions,
 * coordination) and by the thesaurus and the gazetteer.
 */
import type { EntityType } from '../pack';
import { foldAlias } from '../normalize';
import { knownConcept, type Concept, type Thesaurus } from './aliases';
import { describeAfter, describeBefore } from './describe';
import {
  ARTICLE_PARTICLES,
  calendarWordsOf,
  CONNECTORS,
  COORDINATORS,
  functionWordsOf,
  INNER_TITLES,
  INSTITUTION_CONNECTORS,
  INSTITUTIONS,
  IN_THE,
  PLACE_CONNECTORS,
  MAKERS,
  OF_CONNECTORS,
  ORGANIZATION_CUES,
  ORIGIN_NOUNS,
  PLACE_HEAD_WORDS,
  PLACE_NAME_WORDS,
  PLACE_PREFIXES,
  PLACE_CUES,
  PLACE_PREPOSITIONS,
  PORTFOLIO_CONNECTORS,
  PORTFOLIO_CUES,
  ROLE_CUES,
  STREET_WORDS,
  SURNAME_PARTICLES,
} from './lexicon';
import { countryCodeOf } from './gazetteer';
import { isAdjectival, isKnownPlace } from './places';
import { isCommonWord, isGivenName } from './words';
import { adjacent, type AnalysedSentence, type Casing, type Token } from './tokens';

export type TypeVotes = Partial<Record<EntityType, number>>;

/** One entity as one document knows it. */
export interface DocumentEntity {
  key: string;
  concept?: Concept;
  /** Surface form → number of occurrences. */
  surfaces: Map<string, number>;
  /** Single-word forms that stand for a longer name in this document ("Kim", "Rudenko"). */
  shortForms: Set<string>;
  votes: TypeVotes;
  description?: string;
  /** How many of its occurrences were lone names (see Occurrence), each with a weak organisation vote. */
  loneOccurrences?: number;
  /** Written at least once after a street word ("via Piccinni"): a street, whoever it is named after. */
  street?: boolean;
  /** The gazetteers know the name: one piece of evidence for the entity, however often it is written. */
  inGazetteer?: boolean;
}

export interface RecognitionContext {
  text: string;
  lang: string;
  thesaurus: Thesaurus;
  casing: Casing;
}

interface Occurrence {
  /** A single word in mid-sentence that is no ordinary word: "Tumblr", "Reuters", "Likud". */
  lone: boolean;
  /** Right after a street word: "via Piccinni". */
  street?: boolean;
  /** Its place vote came from the gazetteers alone. */
  inGazetteer?: boolean;
  surface: string;
  tokens: Token[];
  concept?: Concept;
  votes: TypeVotes;
  description?: string;
}

const DEMONYM_ENDING = /(?:ian|ish|ese|ean|ic)$/;

/** A name is a few words of ordinary length; a longer run or an over-long token is not a name. */
const MAX_NAME_WORDS = 8;
const MAX_NAME_WORD_LENGTH = 40;
/** A token that ends in a dot and letters is a site's name: the tokenizer reads no other word of that shape. */
const WEBSITE = /\.\p{L}+$/u;

/** Five letters or more, ending in a vowel: the shape of most Italian family names. */
const ITALIAN_FAMILY_NAME = /^\p{Lu}\p{Ll}{3,}[aeiou]$/u;

/** How often a document must write a dictionary word alone with a capital for it to be a name there. */
const MIN_RECURRENT_MENTIONS = 3;

// How much each kind of evidence counts towards a type.
const WEIGHT = {
  known: 5,
  role: 3,
  organizationWord: 3,
  placeWord: 2,
  placeContainer: 2,
  apposition: 2,
  gazetteer: 1.5,
  streetWord: 2,
  preposition: 1,
  acronym: 1,
  nameShape: 1,
  givenName: 2,
  coordination: 1,
  affiliation: 1,
  loneName: 0.5,
  familyNameShape: 1,
  speaker: 2,
};

export function recognizeEntities(sentences: AnalysedSentence[], context: RecognitionContext): DocumentEntity[] {
  const occurrences: Occurrence[] = [];
  const coordinated: [Occurrence, Occurrence][] = [];
  for (const sentence of sentences) {
    let previous: Occurrence | undefined;
    const tokens = apartAtHyphens(sentence.tokens, context);
    for (const occurrence of occurrencesIn(tokens, context)) {
      if (previous && coordinatedWith(tokens, previous, occurrence, context.text)) coordinated.push([previous, occurrence]);
      occurrences.push(occurrence);
      previous = occurrence;
    }
  }
  for (const [left, right] of coordinated) {
    shareType(left, right);
    shareType(right, left);
    // "Sergio e Marco Quarta", "Anna and Luke Hart": a given name before another person of the same shape shares their family name.
    if (left.tokens.length === 1 && isGivenName(left.tokens[0]!.folded) && right.tokens.length > 1 && isGivenName(right.tokens[0]!.folded)) addVote(left.votes, 'person', WEIGHT.givenName);
  }
  return groupOccurrences(occurrences, context.casing, context.lang);
}

/**
 * "Processo Vendola-Fitto", "accordo Marina-Regione": two names joined by a hyphen are two parties
 * when the corpus writes one of them alone elsewhere. Not a name of its own ("Emilia-Romagna",
 * "Friuli-Venezia Giulia", a thesaurus name) nor a double given name ("Jean-Pierre").
 */
function apartAtHyphens(tokens: Token[], context: RecognitionContext): Token[] {
  if (!tokens.some((token) => token.capitalised && HYPHEN.test(token.text))) return tokens;
  return tokens.flatMap((token, index) => {
    const parts = token.text.split(HYPHEN);
    if (!token.capitalised || parts.length !== 2 || !parts.every((part) => CAPITALISED.test(part))) return [token];
    const next = tokens[index + 1];
    const withNext = next?.capitalised && adjacent(context.text, token, next) ? context.text.slice(token.start, next.end) : token.text;
    if (isKnownPlace(token.text) || isKnownPlace(withNext) || knownConcept(token.text, context.thesaurus) || isGivenName(foldAlias(parts[0]!))) return [token];
    if (!parts.some((part) => context.casing.capitalisedMidSentence.has(foldAlias(part)))) return [token];
    const second = token.start + parts[0]!.length + 1;
    return [
      { ...token, text: parts[0]!, folded: foldAlias(parts[0]!), end: token.start + parts[0]!.length, acronym: ACRONYM.test(parts[0]!), possessive: false },
      { ...token, text: parts[1]!, folded: foldAlias(parts[1]!), start: second, acronym: ACRONYM.test(parts[1]!), initial: false },
    ];
  });
}

const HYPHEN = /[-‐‑]/;
const CAPITALISED = /^\p{Lu}\p{L}/u;
const ACRONYM = /^\p{Lu}{2,}$/u;

function* occurrencesIn(tokens: Token[], context: RecognitionContext): Generator<Occurrence> {
  for (let index = 0; index < tokens.length;) {
    if (tokens[index]!.shouted) {
      const known = knownInShouting(tokens, index, context) ?? shapedInShouting(tokens, index, context);
      if (known) yield known.occurrence;
      index = known ? known.end + 1 : index + 1;
      continue;
    }
    if (!tokens[index]!.capitalised) {
      index++;
      continue;
    }
    const end = joinInstitution(tokens, index, spanEnd(tokens, index, context.text), context);
    const body = bodyOfTown(tokens, index, end, context);
    if (body) {
      yield body;
      index = end + 1;
      continue;
    }
    for (const [from, to, affiliation] of spanParts(tokens, index, end, context)) {
      const occurrence = refineSpan(tokens, from, to, context, affiliation);
      if (occurrence) yield occurrence;
    }
    index = end + 1;
  }
}

const TOWN_OFFICES = new Set(['questura', 'prefettura', 'tribunale', 'procura', 'corte']);
const FORCES = new Set(['compagnia', 'carabinieri', 'polizia']);

/** Most lower-case words between a kind of body and its town: "Camera di commercio di Brindisi". */
const MAX_BODY_WORDS = 3;

/**
 * Italian writes an institution with a capital on its first word at most: "questura di Lecce",
 * "tribunale di Vibo Valentia", "Polo museale di Sibari", "Camera di commercio di Brindisi". A town
 * after a kind of body and "of" is that body's name, and the body is the entity.
 */
function bodyOfTown(tokens: Token[], start: number, end: number, context: RecognitionContext): Occurrence | undefined {
  const of = tokens[start - 1];
  const town = context.text.slice(tokens[start]!.start, tokens[end]!.end);
  if (!of || !OF_CONNECTORS.has(of.folded) || !(isKnownPlace(town) || countryCodeOf(town))) return undefined;
  for (let head = start - 2; head >= Math.max(0, start - 2 - MAX_BODY_WORDS); head--) {
    const token = tokens[head]!;
    // With a capital, any kind of body ("Camera", "Polo"); in lower case only the offices that are
    // named after their town ("questura", "tribunale"): "carabinieri di Oria" and "compagnia di Tricase" are units in a town.
    if (token.capitalised ? (ORGANIZATION_CUES.has(token.folded) || token.folded === 'polo') && !FORCES.has(token.folded) : TOWN_OFFICES.has(token.folded)) {
      const span = tokens.slice(head, end + 1);
      if (!adjacentRun(span, context.text)) return undefined;
      const votes: TypeVotes = {};
      addVote(votes, 'organization', WEIGHT.organizationWord);
      return { surface: context.text.slice(token.start, tokens[end]!.end), tokens: span, votes, lone: false };
    }
    if (token.capitalised || (functionWordsOf(context.lang).has(token.folded) && !CONNECTORS.has(token.folded))) return undefined;
  }
  return undefined;
}

/**
 * In text written in capitals ("SORPRESO A FASANO CON LA DROGA") capitals say nothing, so only
 * the names the gazetteers and the thesaurus know are read: the longest of up to three words.
 */
function knownInShouting(tokens: Token[], start: number, context: RecognitionContext): { occurrence: Occurrence; end: number } | undefined {
  for (let end = Math.min(tokens.length - 1, start + 2); end >= start; end--) {
    const span = tokens.slice(start, end + 1);
    if (!span.every((token) => token.shouted) || !adjacentRun(span, context.text)) continue;
    const surface = context.text.slice(span[0]!.start, span.at(-1)!.end);
    if (span.length === 1 && (span[0]!.text.length < 3 || isWordOrCue(span[0]!, context.lang) || functionWordsOf(context.lang).has(span[0]!.folded))) continue;
    const concept = knownConcept(surface, context.thesaurus);
    // A town's name in capitals is read only after a preposition ("ARRESTATO A FASANO"): many towns are words.
    const previous = tokens[start - 1];
    const afterPreposition = !!previous && (PLACE_PREPOSITIONS.has(previous.folded) || CONNECTORS.has(previous.folded));
    const type = concept?.type ?? (afterPreposition && isKnownPlace(surface) ? 'place' : undefined);
    if (!type) continue;
    const votes: TypeVotes = {};
    addVote(votes, type, concept ? WEIGHT.known : WEIGHT.gazetteer);
    return { occurrence: { surface, tokens: span, concept, votes, lone: false, inGazetteer: !concept }, end };
  }
  return undefined;
}

/** An ordinary word, or a word that names a kind of place or body: "STAZIONE", "FONDO" are towns somewhere, but not in capitals. */
const isWordOrCue = (token: Token, lang: string) => isCommonWord(token.folded, lang) || NAMED_AFTER_PEOPLE.some((cues) => cues.has(token.folded));

/** Most words a name in capitals may have: "PROCURA DELLA REPUBBLICA DI BRINDISI". */
const MAX_SHOUTED_NAME = 6;

/**
 * Two shapes that capitals do not hide, read where nothing known is: a person's name with a given
 * name at either end ("AVENA MARCO", "CARROZZO COSIMO DAMIANO", as lists of the arrested write
 * them), and an institution named by its kind and its town ("TRIBUNALE DI BRINDISI", "QUESTURA DI
 * LECCE", or one word: "CARABINIERI").
 */
function shapedInShouting(tokens: Token[], start: number, context: RecognitionContext): { occurrence: Occurrence; end: number } | undefined {
  const occurrence = (end: number, type: EntityType, weight: number) => {
    const span = tokens.slice(start, end + 1);
    const votes: TypeVotes = {};
    addVote(votes, type, weight);
    return { occurrence: { surface: context.text.slice(span[0]!.start, span.at(-1)!.end), tokens: span, votes, lone: false }, end };
  };
  const first = tokens[start]!;
  if (ORGANIZATION_CUES.has(first.folded) || INSTITUTIONS.has(first.folded)) {
    for (let end = Math.min(tokens.length - 1, start + MAX_SHOUTED_NAME - 1); end > start; end--) {
      const span = tokens.slice(start, end + 1);
      if (!span.every((token) => token.shouted) || !adjacentRun(span, context.text) || !OF_CONNECTORS.has(tokens[end - 1]!.folded)) continue;
      // "CARABINIERI DELLA STAZIONE DI ORIA" is a force and a town, not one body: no second kind of body or place inside.
      if (span.slice(1, -1).some((token) => [ORGANIZATION_CUES, INSTITUTIONS, STREET_WORDS, PLACE_HEAD_WORDS].some((cues) => cues.has(token.folded)))) continue;
      const town = tokens[end]!;
      if ((isKnownPlace(town.text) && !isWordOrCue(town, context.lang)) || countryCodeOf(town.text)) return occurrence(end, 'organization', WEIGHT.organizationWord);
    }
    const next = tokens[start + 1];
    if (INSTITUTIONS.has(first.folded) && (!next?.shouted || OF_CONNECTORS.has(next.folded))) return occurrence(start, 'organization', WEIGHT.organizationWord);
    return undefined;
  }
  for (let end = Math.min(tokens.length - 1, start + 2); end > start; end--) {
    const span = tokens.slice(start, end + 1);
    if (!span.every((token) => token.shouted && token.folded.length >= 3) || !adjacentRun(span, context.text)) continue;
    const plain = span.every((token) => !isCommonWord(token.folded, context.lang) && !functionWordsOf(context.lang).has(token.folded) && !NAMED_AFTER_PEOPLE.some((cues) => cues.has(token.folded)));
    const givenAtAnEnd = isGivenName(span[0]!.folded) || isGivenName(span.at(-1)!.folded);
    if (plain && givenAtAnEnd && !isKnownPlace(context.text.slice(span[0]!.start, span.at(-1)!.end))) return occurrence(end, 'person', WEIGHT.givenName);
  }
  return undefined;
}

const adjacentRun = (span: Token[], text: string) => span.every((token, i) => i === 0 || adjacent(text, span[i - 1]!, token));

/**
 * The names inside one capitalised span. "sindaco di Bergamo Giorgio Ferrandi": after "role + of",
 * one word names the place and the rest the person. "Zimbabwe President Robert Mugabe", "Snapchat
 * CEO Evan Spiegel": a title inside the span parts the holder from what the title is of (marked
 * `affiliation`); the title itself is neither.
 */
function spanParts(tokens: Token[], start: number, end: number, context: RecognitionContext): [number, number, boolean][] {
  const { text } = context;
  // "Presidente della Regione Puglia Nichi Vendola": a capitalised role and "of" open the span; what follows is read as after a role.
  if (ROLE_CUES.has(tokens[start]!.folded) && OF_CONNECTORS.has(tokens[start + 1]?.folded ?? '') && end >= start + 3) return spanParts(tokens, start + 2, end, context);
  // After "role + of", the place is one word, or two after a kind of place ("Regione Puglia"); the rest is the person.
  const placeEnd = PLACE_CUES.has(tokens[start]!.folded) && end - start >= 2 ? start + 1 : start;
  // Two words part too when the first is a town the second does not continue: "sindaco di Brindisi Consales".
  const placeThenName = end - start === 1 && isKnownPlace(tokens[start]!.text) && !isKnownPlace(text.slice(tokens[start]!.start, tokens[end]!.end));
  if (followsRole(tokens, start, text) && (end - placeEnd >= 2 || placeThenName) && !tokens.slice(start, end + 1).some((token) => CONNECTORS.has(token.folded))) {
    return [
      [start, placeEnd, false],
      [placeEnd + 1, end, false],
    ];
  }
  const ofPlace = splitAtOfPlace(tokens, start, end, context);
  if (ofPlace) return ofPlace;
  // "San Pietro Vernotico Squinzano": two towns side by side, as lists of places write them (but
  // "Marissa Mayer" is a person, whatever towns bear each of her names).
  const whole = text.slice(tokens[start]!.start, tokens[end]!.end);
  const saintly = (index: number) => PLACE_PREFIXES.has(tokens[index]!.folded) || PLACE_PREFIXES.has(tokens[index - 1]?.folded ?? ''); // "San Pietro"
  const personal = tokens.slice(start, end + 1).some((token, i) => isGivenName(token.folded) && !saintly(start + i));
  if (!isKnownPlace(whole) && !knownConcept(whole, context.thesaurus) && !personal) {
    for (let split = start; split < end; split++) {
      const placeAt = (from: number, to: number) => isKnownPlace(text.slice(tokens[from]!.start, tokens[to]!.end)) && !(from === to && isWordOrCue(tokens[from]!, context.lang));
      if (placeAt(start, split) && placeAt(split + 1, end))
        return [
          [start, split, false],
          [split + 1, end, false],
        ];
    }
  }
  // A full name that starts inside the span is a person's, and what comes before it something else:
  // "Legalità Guglielmo Minervini" (a portfolio), "Juventus Carlo Ancelotti". Not where the words
  // before it name what is named after the person: "Via Giuseppe Verdi", "Ospedale Vito Fazzi", "Santa Maria Novella".
  for (let index = start + 1; index < end && !knownConcept(whole, context.thesaurus) && !isKnownPlace(whole); index++) {
    if (!isGivenName(tokens[index]!.folded)) continue;
    const before = tokens.slice(start, index);
    if (before.some((token) => isGivenName(token.folded) || CONNECTORS.has(token.folded) || NAMED_AFTER_PEOPLE.some((words) => words.has(token.folded)))) break;
    return before.every((token) => isCommonWord(token.folded, context.lang))
      ? [[index, end, false]]
      : [
          [start, index - 1, false],
          [index, end, false],
        ];
  }
  for (let index = start + 1; index <= end; index++) {
    if (!isTitle(tokens[index]!) || namesBody(tokens, index, end, text)) continue;
    // A portfolio word may stand before the title ("Foreign Secretary", "Defence Minister"): it is part of the title.
    let affiliationEnd = index - 1;
    const portfolio = (token: Token) => !token.acronym && isCommonWord(token.folded, context.lang) && !ORGANIZATION_CUES.has(token.folded);
    if (affiliationEnd >= start && portfolio(tokens[affiliationEnd]!)) affiliationEnd--;
    const parts: [number, number, boolean][] = affiliationEnd >= start ? [[start, affiliationEnd, true]] : [];
    return [...parts, [index, end, false]];
  }
  return [[start, end, false]];
}

/**
 * "Zen di Palermo", "the Afghanistan of Marco Henry": "of" between a name and a place the
 * gazetteers know, or after a country, joins two names. An institution or a place word on the
 * left keeps it one name ("Università di Bergamo", "Republic of Korea", "Piazza di Spagna").
 */
function splitAtOfPlace(tokens: Token[], start: number, end: number, context: RecognitionContext): [number, number, boolean][] | undefined {
  const whole = context.text.slice(tokens[start]!.start, tokens[end]!.end);
  if (knownConcept(whole, context.thesaurus) || isKnownPlace(whole)) return undefined; // "Corea del Nord", "Isle of Man"
  for (let index = start + 1; index < end; index++) {
    if (!OF_CONNECTORS.has(tokens[index]!.folded) || tokens[index]!.capitalised) continue;
    let rightStart = index + 1;
    while (rightStart <= end && CONNECTORS.has(tokens[rightStart]!.folded)) rightStart++;
    if (rightStart > end) return undefined;
    const left = tokens.slice(start, index);
    const surface = (from: number, to: number) => context.text.slice(tokens[from]!.start, tokens[to]!.end);
    const cueOnLeft = left.some(
      (token) =>
        ORGANIZATION_CUES.has(token.folded) ||
        PLACE_CUES.has(token.folded) ||
        PLACE_NAME_WORDS.has(token.folded) ||
        PLACE_HEAD_WORDS.has(token.folded) ||
        PLACE_PREFIXES.has(token.folded) ||
        ROLE_CUES.has(token.folded),
    );
    const leftIsCountry = !!countryCodeOf(surface(start, index - 1));
    const rightIsPlace = isKnownPlace(surface(rightStart, end)) || !!countryCodeOf(surface(rightStart, end)) || knownConcept(surface(rightStart, end), context.thesaurus)?.type === 'place';
    if (leftIsCountry || (rightIsPlace && !cueOnLeft))
      return [
        [start, index - 1, false],
        [rightStart, end, false],
      ];
    return undefined;
  }
  return undefined;
}

/**
 * "General Assembly": a title before nothing but kinds of body names the body. "Capo di Leuca":
 * a title that is also a place word, before a known place, names a place.
 */
function namesBody(tokens: Token[], title: number, end: number, text: string): boolean {
  if (end <= title) return false;
  const rest = tokens.slice(title + 1, end + 1);
  if (rest.every((token) => ORGANIZATION_CUES.has(token.folded))) return true;
  const place = rest.findIndex((token) => !CONNECTORS.has(token.folded));
  const surface = (from: Token) => text.slice(from.start, rest.at(-1)!.end);
  return PLACE_HEAD_WORDS.has(tokens[title]!.folded) && place >= 0 && (isKnownPlace(surface(tokens[title]!)) || isKnownPlace(surface(rest[place]!)));
}

/** A title that can stand inside a capitalised run: "President", "CEO", "Attorney-General". */
function isTitle(token: Token): boolean {
  return token.capitalised && holdsTitle(token.folded);
}

/** "president", "attorney-general", "vice-president": a title word, alone or as part of a hyphenated one. */
function holdsTitle(folded: string): boolean {
  return INNER_TITLES.has(folded) || (folded.includes('-') && folded.split('-').some((part) => INNER_TITLES.has(part)));
}

/**
 * "World Travel and Tourism Council", "Center on Poverty and Inequality", "Bosnia and Herzegovina":
 * "and", "on", "for" join two capitalised runs only into an institution's name (an organisation
 * word among its first two words or as its last) or a name the gazetteer knows; never two people.
 */
function joinInstitution(tokens: Token[], start: number, end: number, context: RecognitionContext): number {
  for (;;) {
    const connector = tokens[end + 1];
    const next = tokens[end + 2];
    const institutional = !!connector && INSTITUTION_CONNECTORS.has(connector.folded);
    if (!connector || !next || !(institutional || PLACE_CONNECTORS.has(connector.folded)) || connector.capitalised || !next.capitalised || next.shouted) return end;
    if (!adjacent(context.text, tokens[end]!, connector) || !adjacent(context.text, connector, next)) return end;
    // "Brightwave Corporation on Monday": a date is never part of a name.
    if (calendarWordsOf(context.lang).has(next.folded)) return end;
    const joinedEnd = spanEnd(tokens, end + 2, context.text);
    const words = tokens.slice(start, joinedEnd + 1).filter((token) => !CONNECTORS.has(token.folded) && !INSTITUTION_CONNECTORS.has(token.folded));
    const institution = institutional && [words[0], words[1], words.at(-1)].some((token) => token && ORGANIZATION_CUES.has(token.folded));
    // The name proper, without a capitalised opener such as the preposition of "A San Giorgio a Cremano".
    let nameStart = start;
    while (nameStart < end && functionWordsOf(context.lang).has(tokens[nameStart]!.folded)) nameStart++;
    const joined = context.text.slice(tokens[nameStart]!.start, tokens[joinedEnd]!.end);
    // "Torre a Mare", "Newcastle upon Tyne": a place's own name, as the gazetteers know it.
    const known = knownConcept(joined, context.thesaurus) || isKnownPlace(joined);
    // "News Corporation and Fairfax": a name already complete before "and" is one of two.
    const coordinatesComplete = COORDINATORS.has(connector.folded) && ORGANIZATION_CUES.has(tokens[end]!.folded);
    if ((!institution || coordinatesComplete) && !known) return end;
    end = joinedEnd;
  }
}

/** Last index of the capitalised span starting at `start`: capitalised words, joined by up to two connectors. */
function spanEnd(tokens: Token[], start: number, text: string): number {
  let end = start;
  for (;;) {
    let next = end + 1;
    while (next < tokens.length && next - end <= 2 && CONNECTORS.has(tokens[next]!.folded) && !tokens[next]!.capitalised) next++;
    const candidate = tokens[next];
    if (tokens[end]!.possessive || !candidate?.capitalised || candidate.shouted || !tokens.slice(end, next + 1).every((token, i, run) => i === 0 || adjacent(text, run[i - 1]!, token))) return end;
    end = next;
  }
}

/**
 * Strips what is capitalised without being a name (sentence openers, role titles, months) and
 * collects the evidence for the span's type. Returns nothing when no name is left.
 */
function refineSpan(tokens: Token[], start: number, end: number, context: RecognitionContext, affiliation = false): Occurrence | undefined {
  const calendar = calendarWordsOf(context.lang);
  const votes: TypeVotes = {};
  let inGazetteer = false;
  const gazetteerVote = () => {
    addVote(votes, 'place', WEIGHT.gazetteer);
    inGazetteer = true;
  };
  let description: string | undefined;
  let first = start;
  let last = end;
  while (first <= last) {
    const token = tokens[first]!;
    if ((ROLE_CUES.has(token.folded) || holdsTitle(token.folded)) && !namesBody(tokens, first, last, context.text)) {
      addVote(votes, 'person', WEIGHT.role);
      const roleStart = first;
      first += PORTFOLIO_CUES.has(token.folded) && CONNECTORS.has(tokens[first + 1]?.folded ?? '') ? 3 : 1;
      description = context.text.slice(tokens[roleStart]!.start, tokens[Math.min(first, last + 1) - 1]!.end);
    } else if (
      (functionWordsOf(context.lang).has(token.folded) || CONNECTORS.has(token.folded) || calendar.has(token.folded)) &&
      !opensFamilyName(tokens, first, last, context) &&
      !opensBodyName(token, first, last) &&
      !(first < last && isKnownPlace(context.text.slice(token.start, tokens[last]!.end)))
    ) {
      // An article that belongs to a town's name stays: "The Hague", "La Spezia", "Los Angeles".
      first++;
    } else {
      break;
    }
  }
  while (last >= first && (CONNECTORS.has(tokens[last]!.folded) || calendar.has(tokens[last]!.folded))) last--;
  if (first > last) return undefined;

  let span = tokens.slice(first, last + 1);
  if (span.length > MAX_NAME_WORDS || span.some((token) => token.text.length > MAX_NAME_WORD_LENGTH)) return undefined;
  // One letter is an initial or a list marker, never a name by itself.
  if (span.length === 1 && span[0]!.text.length === 1) return undefined;
  const surfaceOf = (words: Token[]) => context.text.slice(words[0]!.start, words.at(-1)!.end);
  let concept = knownConcept(surfaceOf(span), context.thesaurus);
  if (!concept && span[0]!.initial && !context.casing.capitalisedMidSentence.has(span[0]!.folded) && !opensFamilyName(tokens, first, last, context)) {
    // A capitalised first word of a sentence is a name only if the corpus capitalises it elsewhere.
    // A headline's first word that the gazetteers know as a town is kept: "Bitritto: sorpresi a rubare rame".
    const knownTown =
      span.length === 1 &&
      isKnownPlace(span[0]!.text) &&
      !isCommonWord(span[0]!.folded, context.lang) &&
      !context.casing.lowercase.has(span[0]!.folded) &&
      !functionWordsOf(context.lang).has(span[0]!.folded);
    if (knownTown) gazetteerVote();
    // "Torre a Mare", "Villa Castelli": a town whose name starts with a word is not that word plus a name.
    else if (span.length > 1 && isKnownPlace(surfaceOf(span))) gazetteerVote();
    // A given name opening a sentence is kept, even one that is also a word ("Maria", "Mark"), and so
    // is a word that opens a quotation: "Camusso: «…»" names its speaker.
    else if (
      (span.length === 1 && !speaks(context.text, span[0]!.end) && !opensCoordinatedNames(tokens, first)) ||
      context.casing.lowercase.has(span[0]!.folded) ||
      (isCommonWord(span[0]!.folded, context.lang) && !isGivenName(span[0]!.folded)) ||
      isHeadlineParticiple(span[0]!, context.lang)
    ) {
      // "Piazza Massari, si allarga il cantiere": the word set aside still says what follows is a place.
      if (STREET_WORDS.has(span[0]!.folded)) addVote(votes, 'place', WEIGHT.streetWord);
      span = span.slice(1);
    }
    while (span.length && CONNECTORS.has(span[0]!.folded)) span = span.slice(1);
    // "Crown Prince Faisal …": the title comes to light once the sentence's first word is set aside.
    while (span.length > 1 && ROLE_CUES.has(span[0]!.folded)) {
      addVote(votes, 'person', WEIGHT.role);
      description ??= span[0]!.text;
      span = span.slice(1);
    }
    if (span.length === 0) return undefined;
    concept = knownConcept(surfaceOf(span), context.thesaurus);
  }
  const words = span.filter((token) => !CONNECTORS.has(token.folded));
  // "il Policlinico", "the Senate": some institutions are named by one word, in mid-sentence.
  const institution = words.length === 1 && INSTITUTIONS.has(words[0]!.folded) && !words[0]!.initial;
  // A kind of body alone is no name ("the Council"); two capitalised in mid-sentence are ("Press Council", "News Corporation").
  const kindsOnly = words.every((token) => ORGANIZATION_CUES.has(token.folded) || PLACE_CUES.has(token.folded));
  if (!concept && !institution && kindsOnly && (words.length === 1 || span[0]!.initial)) return undefined;
  // "Kenyan", "North Korean", "Tunisian Islamists", "African-American": an adjective or a group, not a name.
  if (!concept && isAdjectival(span.at(-1)!)) return undefined;
  // "Fiat Punto", "Xbox One X": a maker and a model are a product.
  if (!concept && words.length > 1 && MAKERS.has(words[0]!.folded)) return undefined;
  const startIndex = tokens.indexOf(span[0]!);
  // "ministro degli Esteri", "Secretary of State": the capitalised word is the portfolio, not a name.
  if (!concept && followsRole(tokens, startIndex, context.text, PORTFOLIO_CUES, PORTFOLIO_CONNECTORS)) return undefined;

  if (concept?.type) addVote(votes, concept.type, WEIGHT.known);
  if (words.some((token) => ORGANIZATION_CUES.has(token.folded))) addVote(votes, 'organization', WEIGHT.organizationWord);
  // "Repubblica.it", "Quotidianodipuglia.it": a news site is its publisher.
  if (words.length === 1 && WEBSITE.test(words[0]!.text)) addVote(votes, 'organization', WEIGHT.organizationWord);
  const saintly = words.length > 1 && PLACE_PREFIXES.has(words[0]!.folded); // "San Nicola", "Santa Chiara", "St Albans"
  if (PLACE_CUES.has(words[0]!.folded) || saintly || words.some((token) => PLACE_NAME_WORDS.has(token.folded)) || (words.length > 1 && PLACE_HEAD_WORDS.has(words[0]!.folded)))
    addVote(votes, 'place', WEIGHT.placeWord);
  // What a title is of ("Snapchat CEO") is an organisation or a place; a place name says which.
  if (affiliation && !concept) addVote(votes, 'organization', WEIGHT.affiliation);
  // "Progress", "Swords" and "Rich" are towns somewhere: an ordinary word alone is no evidence of one.
  if (!concept && !inGazetteer && isKnownPlace(surfaceOf(span)) && !(words.length === 1 && isCommonWord(words[0]!.folded, context.lang))) gazetteerVote();
  const previous = tokens[startIndex - 1];
  const street = !!previous && STREET_WORDS.has(previous.folded) && !previous.capitalised;
  // "Cosimo Tedesco", "Lello Di Bari": a name that opens with a given name is a person's, unless
  // it is a town's or a street's ("Gioia del Colle", "corso Vittorio Emanuele").
  // The word after it must not be an English word: "Arab Spring" is no one, but Italian family names
  // are often Italian words ("Cosimo Tedesco", "Marco Rossi").
  const givenThenName = words.length > 1 && isGivenName(words[0]!.folded) && (isGivenName(words[1]!.folded) || !isCommonWord(words[1]!.folded));
  if (!concept && givenThenName && !span[0]!.acronym && !street && !isKnownPlace(surfaceOf(span))) addVote(votes, 'person', WEIGHT.givenName);
  // "in Mnangagwa's removal": the preposition governs what the possessive qualifies, not the name.
  if (!span.at(-1)!.possessive) collectContextVotes(tokens, startIndex, context.text, votes);
  if (speaks(context.text, span.at(-1)!.end)) addVote(votes, 'person', WEIGHT.speaker);
  // A lone word after a role is its holder ("il sindaco Decaro"); before one it may be a headline's
  // subject ("Bergamo, il sindaco inaugura …"): only full names take an apposition as evidence.
  const describable = span.length > 1 || !!concept;
  const before = describeBefore(tokens, startIndex, context.text);
  const after = describable ? describeAfter(tokens, tokens.indexOf(span.at(-1)!), context.text) : undefined;
  if (before) addVote(votes, 'person', WEIGHT.role);
  if (after?.type) addVote(votes, after.type, after.type === 'person' ? WEIGHT.role : WEIGHT.apposition);
  if (Object.keys(votes).length === 0) {
    const commonWords = words.every((token) => isCommonWord(token.folded, context.lang) || isAdjectival(token));
    if (span.length === 1 && span[0]!.acronym) addVote(votes, 'organization', WEIGHT.acronym);
    // "De Gregori", "Van Gogh": a capitalised particle and a name are a family name.
    else if (span.length === 2 && span[0]!.capitalised && SURNAME_PARTICLES.has(span[0]!.folded)) addVote(votes, 'person', WEIGHT.nameShape);
    // "Noi Centro", "Per Bari Viva": a name that opens with a word of the language is a body's (a party, a list, a movement).
    else if (span.length > 1 && functionWordsOf(context.lang).has(span[0]!.folded)) addVote(votes, 'organization', WEIGHT.nameShape);
    else if (span.length > 1 && words.length === span.length && !words.some((token) => countryCodeOf(token.text)) && !commonWords) addVote(votes, 'person', WEIGHT.nameShape);
    // Italian capitalises no heading or title of a work, so ordinary words capitalised together in
    // mid-sentence name a body: "Forza Nuova", "Protezione Civile" (English title case says less).
    else if (span.length > 1 && commonWords && !span[0]!.initial && context.lang === 'it') addVote(votes, 'organization', WEIGHT.nameShape);
  }
  const lone = Object.keys(votes).length === 0 && span.length === 1 && !span[0]!.initial && !span[0]!.acronym && !isCommonWord(span[0]!.folded, context.lang);
  // A lone name: in news, most often a company, a party or an agency; people are introduced with a
  // given name first, and a person's short form gives this vote back when it joins the full name.
  if (lone) addVote(votes, 'organization', WEIGHT.loneName);
  // Italian news writes people by family name, and Italian family names end in a vowel ("Vendola",
  // "Bidognetti", "Picone"); the lone bodies it names mostly do not ("Enel", "Digos", "Asl").
  const inThe = !!previous && IN_THE.has(previous.folded);
  if (lone && context.lang === 'it' && ITALIAN_FAMILY_NAME.test(span[0]!.text) && !isKnownPlace(span[0]!.text) && !inThe) addVote(votes, 'person', WEIGHT.familyNameShape);
  return { surface: surfaceOf(span), tokens: span, concept, votes, description: description ?? before ?? after?.text, lone, street, inGazetteer };
}

/**
 * "De Gregori rivisita…", "il cantante De Gregori", "Di Maio ha detto": a capitalised particle
 * before a capitalised name opens a family name, unless what follows is a word ("Del Governo") or,
 * where a sentence opens with "from", a place ("Da Roma arriva…").
 */
function opensFamilyName(tokens: Token[], index: number, last: number, context: RecognitionContext): boolean {
  const particle = tokens[index]!;
  const name = tokens[index + 1];
  if (index >= last || !name || !particle.capitalised || particle.shouted || !SURNAME_PARTICLES.has(particle.folded)) return false;
  if (particle.initial && ARTICLE_PARTICLES.has(particle.folded)) return false;
  const fromPlace = particle.initial && !OF_CONNECTORS.has(particle.folded) && isKnownPlace(name.text);
  return name.capitalised && !name.shouted && !fromPlace && !isCommonWord(name.folded, context.lang) && !CONNECTORS.has(name.folded);
}

/**
 * "la maggioranza per Noi Centro", "il movimento Per Bari": a word of the language capitalised in
 * mid-sentence before more capitals opens a body's name. Not an article ("the Guardian" is Guardian).
 */
function opensBodyName(token: Token, first: number, last: number): boolean {
  return first < last && token.capitalised && !token.initial && !token.shouted && !token.acronym && !ARTICLES.has(token.folded) && !CONNECTORS.has(token.folded);
}

const ARTICLES = new Set(['the', 'il', 'lo', 'la', 'i', 'gli', 'le', 'l', 'un', 'uno', 'una', 'a', 'an']);

/** "Gianfranco e Giuseppe Gatto, …": a sentence that opens with a given name coordinated with another names two people. */
function opensCoordinatedNames(tokens: Token[], index: number): boolean {
  const [given, coordinator, other] = [tokens[index]!, tokens[index + 1], tokens[index + 2]];
  return isGivenName(given.folded) && !!coordinator && COORDINATORS.has(coordinator.folded) && !!other?.capitalised && isGivenName(other.folded);
}

/** Words that open the name of something named after a person: streets, institutions, places, titles. */
const NAMED_AFTER_PEOPLE = [STREET_WORDS, ORGANIZATION_CUES, PLACE_CUES, PLACE_PREFIXES, PLACE_HEAD_WORDS, PLACE_NAME_WORDS, ROLE_CUES];

/**
 * Italian headlines open with a participle: "Scarcerato Alessandro Coffa", "Arrestata la banda".
 * Given names of that shape ("Donato", "Fortunato") stay names.
 */
function isHeadlineParticiple(token: Token, lang: string): boolean {
  return lang === 'it' && /[aiu]t[aeio]$/u.test(token.folded) && token.folded.length > 5 && !isGivenName(token.folded);
}

/** True when "role + connector" comes right before `start`: "sindaco di …", "ministro degli …". */
function followsRole(tokens: Token[], start: number, text: string, roles: Set<string> = ROLE_CUES, connectors: Set<string> = CONNECTORS): boolean {
  const connector = tokens[start - 1];
  const role = tokens[start - 2];
  return !!connector && !!role && connectors.has(connector.folded) && roles.has(role.folded) && adjacent(text, role, connector);
}

/** Place evidence from the words before the span: "a Mosca", "regioni di Zaporozhye". */
function collectContextVotes(tokens: Token[], start: number, text: string, votes: TypeVotes): void {
  const previous = tokens[start - 1];
  if (!previous || previous.capitalised || !adjacent(text, previous, tokens[start]!)) return;
  if (PLACE_PREPOSITIONS.has(previous.folded)) addVote(votes, 'place', WEIGHT.preposition);
  if (STREET_WORDS.has(previous.folded)) addVote(votes, 'place', WEIGHT.streetWord);
  if (CONNECTORS.has(previous.folded)) {
    const before = tokens.slice(Math.max(0, start - 4), start - 1);
    const at = before.findIndex((token) => PLACE_CUES.has(token.folded) || ORIGIN_NOUNS.has(token.folded) || AGE.test(token.folded));
    // "è stato lanciato da Carla": a participle between them says the word was a verb, not a container.
    if (at >= 0 && !before.slice(at + 1).some((token) => PARTICIPLE.test(token.folded))) addVote(votes, 'place', WEIGHT.placeContainer);
  }
}

const PARTICIPLE = /^\p{L}{3,}(?:at|it|ut)[aeio]$/u;

/** "un 32enne di Sannicandro", "a 45-year-old from Leeds": where a person is from is a place. */
const AGE = /^\d{1,3}(?:enne|-year-old)$/;

/** "Decaro: «Non arretreremo»", "Ferri: “…”": a name that opens a quotation speaks, so it is a person. */
function speaks(text: string, end: number): boolean {
  return /^\s*:\s*[“"«]/.test(text.slice(end, end + 8));
}

function coordinatedWith(tokens: Token[], left: Occurrence, right: Occurrence, text: string): boolean {
  const leftEnd = tokens.indexOf(left.tokens.at(-1)!);
  const rightStart = tokens.indexOf(right.tokens[0]!);
  const between = text.slice(tokens[leftEnd]!.end, tokens[rightStart]!.start).trim();
  return between === ',' || (rightStart - leftEnd === 2 && COORDINATORS.has(tokens[leftEnd + 1]!.folded) && !/[,;:.]/.test(between.slice(0, -tokens[leftEnd + 1]!.text.length)));
}

/** A name coordinated with a typed one shares its type, weakly: "Zaporozhye e Kherson". */
function shareType(from: Occurrence, to: Occurrence): void {
  const type = dominantType(from.votes);
  if (type) addVote(to.votes, type, WEIGHT.coordination);
}

/**
 * Occurrences of one thing become one document entity: same concept key or folded form; a single
 * word that begins or ends exactly one longer plain name ("Kim" in "Kim Jong-un") joins it.
 */
function groupOccurrences(occurrences: Occurrence[], casing: Casing, lang: string): DocumentEntity[] {
  const byKey = new Map<string, DocumentEntity>();
  for (const occurrence of occurrences) {
    const key = occurrence.concept?.key ?? occurrence.tokens.map((token) => token.folded).join(' ');
    let entity = byKey.get(key);
    if (!entity) {
      entity = { key, concept: occurrence.concept, surfaces: new Map(), shortForms: new Set(), votes: {} };
      byKey.set(key, entity);
    }
    entity.surfaces.set(occurrence.surface, (entity.surfaces.get(occurrence.surface) ?? 0) + 1);
    mergeVotes(entity.votes, occurrence.votes);
    // "President Obama" five times against a town called Obama: the gazetteer speaks once per name.
    if (occurrence.inGazetteer && entity.inGazetteer) addVote(entity.votes, 'place', -WEIGHT.gazetteer);
    entity.inGazetteer ||= occurrence.inGazetteer;
    entity.description ??= occurrence.description;
    if (occurrence.lone) entity.loneOccurrences = (entity.loneOccurrences ?? 0) + 1;
    if (occurrence.street) entity.street = true;
  }
  const longer = [...byKey.values()].filter((entity) => entity.key.includes(' '));
  const fullNames = longer.filter((entity) => !entity.concept && dominantType(entity.votes) === 'person');
  const bodies = longer.filter((entity) => dominantType(entity.votes) === 'organization');
  const join = (entity: DocumentEntity, owner: DocumentEntity) => {
    for (const [surface, count] of entity.surfaces) {
      owner.surfaces.set(surface, (owner.surfaces.get(surface) ?? 0) + count);
      owner.shortForms.add(surface);
    }
    mergeVotes(owner.votes, Object.fromEntries(Object.entries(entity.votes).filter(([type]) => type !== 'place')));
    if (entity.loneOccurrences) addVote(owner.votes, 'organization', -WEIGHT.loneName * entity.loneOccurrences);
    owner.description ??= entity.description;
    byKey.delete(entity.key);
  };
  for (const entity of [...byKey.values()]) {
    if (entity.concept || entity.key.includes(' ') || entity.street) continue;
    // "U.N." for "United Nations", "ICC" for "International Criminal Court": an acronym of exactly one longer name here.
    const letters = acronymLetters(entity);
    if (letters) {
      const owners = longer.filter((owner) => dominantType(owner.votes) !== 'person' && [...owner.surfaces.keys()].some((surface) => initialsOf(surface, lang) === letters));
      if (owners.length === 1) {
        join(entity, owners[0]!);
        continue;
      }
    }
    // A word of the language is no one's short form: "Bill" alone is a bill, "Rice" alone is rice;
    // a body's last word is ("Congress" of "US Congress"). Nor is a street ("via Piccinni").
    const word = isCommonWord(entity.key);
    // A family name may be a word of the language ("Conte", "Draghi"); a first word may not ("Jim",
    // "Estado", "Legalità" before a name), nor one the corpus also writes in lower case.
    const firstWordMayJoin = !word && !isCommonWord(entity.key, lang) && !casing.lowercase.has(entity.key);
    const starts = (full: DocumentEntity) => firstWordMayJoin && full.key.startsWith(`${entity.key} `);
    const ends = (full: DocumentEntity) => full.key.endsWith(` ${entity.key}`);
    // "BBC" of "BBC News"; never a place inside a body's name ("Korea" of "Gallup Korea").
    const placeName = isKnownPlace(entity.key) || !!countryCodeOf(entity.key);
    // A person's name comes first: "Tedesco" is Cosimo Tedesco's even beside "Omicidio Tedesco".
    const people = word ? [] : fullNames.filter((full) => starts(full) || ends(full));
    // A body's last word that the corpus also writes in lower case is that word ("security" of "Committee on Intelligence and Security").
    const bodyMayOwn = !placeName && !(word && casing.lowercase.has(entity.key));
    const owners = people.length > 0 || !bodyMayOwn ? people : bodies.filter((body) => starts(body) || ends(body));
    if (owners.length > 1 && owners === people && people.every((person) => ends(person))) {
      // A family name several people here share ("Tedesco" of Cosimo and Luca Tedesco) is a name of each:
      // the page it is read on decides which one it means.
      for (const person of people) {
        for (const [surface, count] of entity.surfaces) {
          person.surfaces.set(surface, (person.surfaces.get(surface) ?? 0) + count);
          person.shortForms.add(surface);
        }
      }
      byKey.delete(entity.key);
      continue;
    }
    if (owners.length !== 1) continue;
    // Many family names are towns too ("Fontana", "Conte"): the gazetteer alone is no evidence against
    // the person, but a town written as one ("a Brindisi", "di Brindisi") stays the town.
    if (dominantType(entity.votes) === 'place' && (entity.votes.place ?? 0) > (entity.inGazetteer ? WEIGHT.gazetteer : 0)) continue;
    join(entity, owners[0]!);
  }
  for (const entity of byKey.values()) {
    if (Object.keys(entity.votes).length === 0 && isRecurrentName(entity, casing)) addVote(entity.votes, 'organization', WEIGHT.loneName);
  }
  return [...byKey.values()].filter((entity) => !isDemonym(entity) && !isUnsupported(entity, casing, lang) && !isOrdinaryWord(entity, casing, lang));
}

/** The letters of an entity written only as an acronym ("U.N." → "un", "ICC" → "icc"), or undefined. */
function acronymLetters(entity: DocumentEntity): string | undefined {
  const forms = [...entity.surfaces.keys()].map((surface) => surface.replace(/\./g, ''));
  const letters = forms[0]?.toLowerCase();
  return letters && forms.every((form) => /^\p{Lu}{2,6}$/u.test(form) && form.toLowerCase() === letters) ? letters : undefined;
}

/** The initials of a name's words, leaving out its function words: "International Criminal Court" → "icc", "Bank of England" → "be". */
function initialsOf(name: string, lang: string): string {
  const words = name.split(/[\s-]+/u).filter((word) => word && !functionWordsOf(lang).has(word.toLowerCase()) && !CONNECTORS.has(word.toLowerCase()));
  return words.map((word) => word[0]!.toLowerCase()).join('');
}

/** "Piano", "Security", "Mother": a word of the language that the corpus also writes in lower case is that word, unless the thesaurus says otherwise. */
function isOrdinaryWord(entity: DocumentEntity, casing: Casing, lang: string): boolean {
  return !entity.concept && !entity.key.includes(' ') && isCommonWord(entity.key, lang) && casing.lowercase.has(entity.key);
}

/** A name with no evidence for any type that the document writes once is not an entity. */
function isUnsupported(entity: DocumentEntity, casing: Casing, lang: string): boolean {
  if (entity.concept || Object.keys(entity.votes).length > 0) return false;
  return mentionsOf(entity) < 2 || (entity.key.split(' ').every((word) => isCommonWord(word, lang)) && !isRecurrentName(entity, casing));
}

/**
 * A dictionary word the document keeps writing on its own with a capital, and never in lower
 * case, is a name there ("Yahoo" thirty times): a lone name of that kind is most often a company.
 */
function isRecurrentName(entity: DocumentEntity, casing: Casing): boolean {
  return !entity.key.includes(' ') && mentionsOf(entity) >= MIN_RECURRENT_MENTIONS && !casing.lowercase.has(entity.key);
}

const mentionsOf = (entity: DocumentEntity) => [...entity.surfaces.values()].reduce((sum, count) => sum + count, 0);

/** "British", "Norwegian": capitalised adjectives, not names, unless something says otherwise. */
function isDemonym(entity: DocumentEntity): boolean {
  return !entity.concept && Object.keys(entity.votes).length === 0 && !entity.key.includes(' ') && DEMONYM_ENDING.test(entity.key);
}

export function addVote(votes: TypeVotes, type: EntityType, weight: number): void {
  votes[type] = (votes[type] ?? 0) + weight;
}

export function mergeVotes(into: TypeVotes, from: TypeVotes): void {
  for (const [type, weight] of Object.entries(from) as [EntityType, number][]) addVote(into, type, weight);
}

/** The type with most evidence (on a tie, the type that got evidence first). */
export function dominantType(votes: TypeVotes): EntityType | undefined {
  let best: EntityType | undefined;
  for (const [type, weight] of Object.entries(votes) as [EntityType, number][]) {
    if (weight > (best ? votes[best]! : 0)) best = type;
  }
  return best;
}
