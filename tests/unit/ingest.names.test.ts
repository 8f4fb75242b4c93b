import { describe, expect, it } from 'vitest';
import type { Pack } from '../../core/pack';
import { ingestFiles } from '../fixtures/ingest/helpers';

// Each rule on text written for the test, not taken from the development set.
const ingestText = (body: string, lang = 'en'): Pack => ingestFiles([{ name: 'note.txt', content: `date 2021-05-04\nlang ${lang}\nA note\n\n${body}` }]).pack;
const typed = (pack: Pack) => pack.entities.map((entity) => `${entity.type} ${entity.name}`).sort();
const named = (pack: Pack, name: string) => pack.entities.find((entity) => entity.name === name);

describe('names apart from titles', () => {
  it('parts a title inside a capitalised run from its holder and from what it is of', () => {
    const pack = ingestText('On Monday, Moldova President Anton Weller met Brightwave CEO Lena Okoro in Vienna. Weller said the talks went well.');
    expect(typed(pack)).toEqual(expect.arrayContaining(['person Anton Weller', 'person Lena Okoro', 'place Moldova', 'organization Brightwave']));
    expect(pack.entities.map((entity) => entity.name)).not.toContain('Moldova President Anton Weller');
  });

  it('reads a title before nothing but a kind of body as the body’s name', () => {
    const pack = ingestText('The envoy addressed the Synod General Council in Geneva. General Okoye was not there.');
    expect(typed(pack)).toEqual(expect.arrayContaining(['organization Synod General Council', 'person Okoye']));
    expect(pack.entities.map((entity) => entity.name)).not.toContain('Council');
  });

  it('reads a portfolio before the title as part of the title', () => {
    const pack = ingestText('Defence Minister Carla Dunmore visited the base. Dunmore later spoke to reporters.');
    expect(typed(pack)).toEqual(['person Carla Dunmore']);
  });

  it('folds possessives and keeps initials and dotted acronyms inside names', () => {
    const pack = ingestText("Marta Quill’s report reached the U.N. on Monday. Quill met Harold T. Brisby there; Brisby's aides said the U.N. agreed.");
    const names = pack.entities.map((entity) => entity.name);
    expect(names).toEqual(expect.arrayContaining(['Marta Quill', 'Harold T. Brisby', 'U.N.']));
    expect(names.some((name) => /’s|'s$|^Harold T$/.test(name))).toBe(false);
  });

  it('keeps particles inside names', () => {
    const pack = ingestText('Crown Prince Faisal bin Rashid met the envoy of Jabhat al-Nusra in Doha, where Hamid al-Tamimi spoke.');
    const names = pack.entities.map((entity) => entity.name);
    expect(names).toEqual(expect.arrayContaining(['Faisal bin Rashid', 'Jabhat al-Nusra', 'Hamid al-Tamimi']));
  });
});

describe('family names that open with a particle', () => {
  it('keeps a capitalised particle in the name, at a sentence’s start and after a role, and in the family name taken as an alias', () => {
    const pack = ingestText('Di Lauro ha risposto che la gara resta aperta. Ieri il cantante De Lucchi ha parlato con Marco Del Vasto. De Lucchi ha detto: «Ci saremo».', 'it');
    const names = pack.entities.map((entity) => entity.name);
    expect(names).toEqual(expect.arrayContaining(['De Lucchi', 'Marco Del Vasto']));
    expect(named(pack, 'Marco Del Vasto')?.aliases).toContain('Del Vasto');
    expect(pack.entities.flatMap((entity) => entity.aliases)).not.toEqual(expect.arrayContaining(['Lucchi', 'Vasto', 'Lauro']));
    expect(named(pack, 'De Lucchi')?.type).toBe('person');
  });

  it('reads an article as a particle only in mid-sentence', () => {
    const pack = ingestText('Ieri Ignazio La Valle ha parlato in aula. La Regione ha risposto subito.', 'it');
    expect(typed(pack)).toEqual(['person Ignazio La Valle']);
    expect(named(pack, 'Ignazio La Valle')?.aliases).toContain('La Valle');
  });

  it('parts two names joined by a hyphen when the corpus writes one alone, but not a hyphenated name', () => {
    const pack = ingestText(
      'Processo Rinaldi-Caputo per diffamazione, rinviata l’udienza. Ieri il consigliere Rinaldi ha parlato in aula. In Emilia-Romagna nessuno ha risposto, e neppure Jean-Pierre Moreau.',
      'it',
    );
    const names = pack.entities.map((entity) => entity.name);
    expect(names).toEqual(expect.arrayContaining(['Rinaldi', 'Caputo', 'Emilia-Romagna', 'Jean-Pierre Moreau']));
    expect(names).not.toContain('Rinaldi-Caputo');
  });

  it('reads a sentence that opens with "from" and a place as the place', () => {
    const pack = ingestText('Da Taranto arriva la nave. Dal Perù arrivano i ministri.', 'it');
    expect(typed(pack)).toEqual(['place Perù', 'place Taranto']);
  });
});

describe('things that are not names', () => {
  it('sets aside a comparative that opens a sentence', () => {
    const pack = ingestText('Senator Ruth Okafor spoke first. Later Okafor left the chamber. Earlier Okafor had voted.');
    expect(typed(pack)).toEqual(['person Ruth Okafor']);
  });

  it('drops demonyms, groups and their compounds', () => {
    const pack = ingestText('Kenyan and Peruvian officials met Buddhist monks and North Korean envoys. Many Hungarians and Norwegians watched, with African-American leaders.');
    expect(typed(pack)).toEqual([]);
  });

  it('drops a shouted headline and a photo credit', () => {
    const pack = ingestText('HARBOUR FIRE DESTROYS THREE WAREHOUSES\n\nCredit Tomas Berglund\n\nThe fire started at night.');
    expect(typed(pack)).toEqual([]);
  });

  it('drops a capitalised ordinary word that the text writes once', () => {
    const pack = ingestText('Rich and poor alike lined up. Hopeful, they waited.');
    expect(typed(pack)).toEqual([]);
  });

  it('reads a name out of an adjective made from it', () => {
    const pack = ingestText('A Lisbon-based charity sent food.');
    expect(typed(pack)).toEqual(['place Lisbon']);
  });
});

describe('text in capitals, products and places inside names', () => {
  it('reads only known places after a preposition in a sentence written in capitals', () => {
    const pack = ingestText('ARRESTATO A GALATINA UN GIOVANE CON LA DROGA NASCOSTA NEL FONDO DI UNA BORSA.', 'it');
    expect(typed(pack)).toEqual(['place GALATINA']);
  });

  it('drops a maker followed by a model', () => {
    const pack = ingestText('The thieves left in a Ford Focus and a Toyota Yaris.');
    expect(typed(pack)).toEqual([]);
  });

  it('parts a name from a place joined to it by "of", unless an institution or a place word holds them together', () => {
    const pack = ingestText('I ragazzi dello Zen di Palermo hanno visitato il Politecnico di Torino e la Reggia di Caserta.', 'it');
    expect(typed(pack)).toEqual(expect.arrayContaining(['place Palermo', 'organization Politecnico di Torino']));
    expect(pack.entities.map((entity) => entity.name)).not.toContain('Zen di Palermo');
  });

  it('keeps a town that opens a headline, and a town whose name holds "a" or "upon"', () => {
    const pack = ingestText('Monopoli, il sindaco incontra i pescatori.\n\nA San Giorgio a Cremano riapre la biblioteca.', 'it');
    expect(typed(pack)).toEqual(expect.arrayContaining(['place Monopoli', 'place San Giorgio a Cremano']));
    expect(typed(ingestText('The ferry from Newcastle upon Tyne was late.'))).toEqual(['place Newcastle upon Tyne']);
  });

  it('reads castles and palaces as places', () => {
    const pack = ingestText('Visitors queued at Castel Sant’Angelo and Palazzo Pitti, then at Windsor Castle.');
    expect(typed(pack)).toEqual(['place Castel Sant’Angelo', 'place Palazzo Pitti', 'place Windsor Castle']);
  });
});

describe('shapes of names', () => {
  it('joins an institution’s name across "and", "on" and "for", but never two complete names', () => {
    const pack = ingestText('The Institute for Coastal Studies and the Council on Arctic Shipping wrote to Norland Holdings and Brightwave Group.');
    expect(typed(pack)).toEqual(
      expect.arrayContaining(['organization Institute for Coastal Studies', 'organization Council on Arctic Shipping', 'organization Norland Holdings', 'organization Brightwave Group']),
    );
  });

  it('types a lone unknown name in mid-sentence as an organisation, a person’s short form as that person, and a family name several people share as each of theirs', () => {
    const pack = ingestText('Shares of Zentrix rose after analysts praised Zentrix. Analyst Wendy Carrow said Carrow expects more.');
    expect(named(pack, 'Zentrix')?.type).toBe('organization');
    expect(named(pack, 'Wendy Carrow')?.type).toBe('person');
    expect(named(pack, 'Carrow')).toBeUndefined();
    const family = ingestText('Luca Ferrante and his sister Anna Ferrante run the farm. Ferrante said the harvest was late.');
    for (const person of ['Luca Ferrante', 'Anna Ferrante']) expect(named(family, person)?.aliases).toContain('Ferrante');
    expect(named(family, 'Ferrante')).toBeUndefined();
  });

  it('joins an acronym to the one longer name it abbreviates, dotted or not', () => {
    const pack = ingestText('The International Maritime Tribunal ruled on Monday, and the Northern Fisheries Council appealed. The IMT said the N.F.C. had missed the deadline.');
    expect(named(pack, 'International Maritime Tribunal')?.aliases).toContain('IMT');
    expect(named(pack, 'Northern Fisheries Council')?.aliases).toContain('N.F.C.');
    expect(pack.entities.map((entity) => entity.name)).not.toEqual(expect.arrayContaining(['IMT']));
  });

  it('joins a body’s short form to it, but not a place inside its name', () => {
    const pack = ingestText('Analysts at Brightwave Capital in Slovenia were upbeat. Brightwave expects Slovenia to grow, said the Nordvik Senate, and the Senate agreed.');
    expect(named(pack, 'Brightwave Capital')?.aliases).toContain('Brightwave');
    expect(named(pack, 'Nordvik Senate')?.aliases).toContain('Senate');
    expect(named(pack, 'Slovenia')?.type).toBe('place');
    // A last word the text also writes in lower case is that word.
    const lowerCase = ingestText('The Committee on Fisheries and Security met. Security was tight, and security staff checked bags.');
    expect(named(lowerCase, 'Committee on Fisheries and Security')?.aliases ?? []).not.toContain('Security');
  });

  it('keeps an article that belongs to a town’s name', () => {
    expect(named(ingestText('Judges in The Hague ruled on Friday.'), 'The Hague')?.type).toBe('place');
    expect(named(ingestText('Il porto di La Spezia ha chiuso ieri.', 'it'), 'La Spezia')?.type).toBe('place');
  });

  it('reads two kinds of body capitalised together as a name, and never takes a date into one', () => {
    const pack = ingestText('Executives from Press Alliance met the Media Council on Monday, and Brightwave Corporation on 4 March.');
    expect(typed(pack)).toEqual(['organization Brightwave Corporation', 'organization Media Council', 'organization Press Alliance']);
  });

  it('keeps the full stop of an abbreviation that ends a name', () => {
    const pack = ingestText('Shares of Brightwave Inc. fell, and Norvale Co. said it would buy them.');
    expect(typed(pack)).toEqual(['organization Brightwave Inc.', 'organization Norvale Co.']);
  });

  it('reads a news site’s name as its publisher', () => {
    const pack = ingestText('The story was first reported by Valleynews.com on Monday, then picked up by Corrieredelsud.it.');
    expect(typed(pack)).toEqual(['organization Corrieredelsud.it', 'organization Valleynews.com']);
  });

  it('reads continents and compass regions as places', () => {
    const pack = ingestText('Exports to Southern Italy, Western Europe and North America grew, while Africa lagged.');
    expect(typed(pack)).toEqual(['place Africa', 'place North America', 'place Southern Italy', 'place Western Europe']);
  });

  it('reads a city as a city even where another language names a country so', () => {
    const pack = ingestText('Officials flew from Tunis to Algiers.');
    expect(named(pack, 'Tunis')?.aliases).not.toContain('Tunisia');
    expect(named(pack, 'Tunis')?.type).toBe('place');
  });

  it('takes an Italian title before the name as its description', () => {
    const pack = ingestText('Il ministro degli Esteri Paolo Ventresca ha incontrato a Bari il sindaco Lucia Ferri.', 'it');
    expect(named(pack, 'Paolo Ventresca')).toMatchObject({ type: 'person', description: 'ministro degli Esteri' });
    expect(named(pack, 'Bari')?.type).toBe('place');
  });
});

describe('aliases taken from a longer name', () => {
  const aliasesOf = (pack: Pack, name: string) => named(pack, name)?.aliases ?? [];

  it('gives a person by evidence their family name, even one that is an Italian word', () => {
    const pack = ingestText('Il senatore Marco Fontana ha votato contro. Fontana ha spiegato il suo voto.', 'it');
    expect(named(pack, 'Marco Fontana')?.type).toBe('person');
    expect(aliasesOf(pack, 'Marco Fontana')).toContain('Fontana');
  });

  it('never gives a person a first word that is a word of the language or that the corpus writes in lower case', () => {
    const pack = ingestText('Ieri Sole Malvezzi ha aperto la mostra. Sole Malvezzi ha ringraziato i volontari. Poi Sole ha lasciato la sala.', 'it');
    expect(aliasesOf(pack, 'Sole Malvezzi')).not.toContain('Sole');
    const lowerCase = ingestText('Ieri Viola Sartori ha aperto la mostra. Viola Sartori ha ringraziato i volontari. Poi Viola ha lasciato la sala, tutta dipinta di viola.', 'it');
    expect(aliasesOf(lowerCase, 'Viola Sartori')).not.toContain('Viola');
  });

  it('never takes the first word of an organisation, or a place inside a longer name, as an alias', () => {
    const pack = ingestText('A survey by Brightwave Research in Slovenia found support falling. Brightwave Research said Slovenia would vote in May.');
    expect(aliasesOf(pack, 'Brightwave Research')).toEqual(['Brightwave Research']);
    expect(named(pack, 'Slovenia')?.type).toBe('place');
    const gallup = ingestText('A poll by Gallup Korea showed the president losing ground. Gallup Korea polls weekly.');
    expect(aliasesOf(gallup, 'Gallup Korea')).not.toContain('Korea');
  });

  it('never takes as a name a word the corpus also writes in lower case', () => {
    const pack = ingestText('Il Piano è stato approvato ieri dalla giunta. Secondo l’assessore, il piano prevede nuove piste ciclabili.', 'it');
    expect(pack.entities.map((entity) => entity.name)).not.toContain('Piano');
  });
});

describe('Italian names in news copy', () => {
  it('reads the word that opens a sentence and a quotation as its speaker', () => {
    expect(named(ingestText('Mastropasqua: «Non firmeremo questo accordo». Poi la riunione è finita.', 'it'), 'Mastropasqua')?.type).toBe('person');
  });

  it('reads people, bodies and towns in text written in capitals by their shapes', () => {
    const pack = ingestText('ECCO I NOMI DEGLI ARRESTATI: RUSSO PAOLO, FERRI GIULIA.\n\nLA DECISIONE DEL TRIBUNALE DI TARANTO.\n\nINDAGANO I CARABINIERI DELLA STAZIONE DI GROTTAGLIE.', 'it');
    expect(typed(pack)).toEqual(['organization CARABINIERI', 'organization TRIBUNALE DI TARANTO', 'person FERRI GIULIA', 'person RUSSO PAOLO', 'place GROTTAGLIE']);
  });

  it('reads a name that opens with a given name as a person, but not a town or a street named so', () => {
    const pack = ingestText('Il premio è andato a Cosimo Di Gioia. La sagra di Gioia del Colle riapre in corso Vittorio Emanuele.', 'it');
    expect(named(pack, 'Cosimo Di Gioia')?.type).toBe('person');
    expect(named(pack, 'Gioia del Colle')?.type).toBe('place');
    expect(named(pack, 'Vittorio Emanuele')?.type).not.toBe('person');
  });

  it('sets aside a headline’s opening participle', () => {
    const pack = ingestText('Arrestato Gianni Lupone: era ricercato da mesi.\n\nFermata Anna Scarano dopo la rapina.', 'it');
    const names = pack.entities.map((entity) => entity.name);
    expect(names).toEqual(expect.arrayContaining(['Gianni Lupone', 'Anna Scarano']));
    expect(names.some((name) => /^(Arrestato|Fermata) /.test(name))).toBe(false);
  });

  it('parts a portfolio from the given name that follows it', () => {
    const pack = ingestText('Ha parlato l’assessore alla Trasparenza Guglielmo Ruotolo.', 'it');
    expect(named(pack, 'Guglielmo Ruotolo')?.type).toBe('person');
    expect(pack.entities.some((entity) => entity.name.startsWith('Trasparenza'))).toBe(false);
  });

  it('reads a "Polo museale" named after its town as one body', () => {
    expect(named(ingestText('Il Polo museale di Matera ha riaperto le sale.', 'it'), 'Polo museale di Matera')?.type).toBe('organization');
  });

  it('parts a capitalised role of a region from the person who holds it', () => {
    const pack = ingestText('Alla cerimonia c’era il Presidente della Regione Basilicata Vito Bardi con gli studenti.', 'it');
    expect(named(pack, 'Regione Basilicata')).toBeDefined();
    expect(named(pack, 'Vito Bardi')?.type).toBe('person');
  });
});

describe('the type of each name, one rule per sentence written for it', () => {
  it.each<[string, string, string, Record<string, string>]>([
    ['reads through a soft hyphen', 'Ambassador Pieter Vanden\u00ADbroucke arrived. Vandenbroucke met the press.', 'en', { 'Pieter Vanden\u00ADbroucke': 'person' }],
    [
      'reads an office named after its town as one body, and a unit in a town as the town',
      'La questura di Matera ha aperto un’indagine. La Camera di commercio di Taranto ha protestato, mentre i carabinieri di Oria indagano.',
      'it',
      { 'questura di Matera': 'organization', 'Camera di commercio di Taranto': 'organization', Oria: 'place' },
    ],
    [
      'reads a lone Italian family name as a person, and a lone name of another shape as a body',
      'In consiglio ieri Bellomo ha replicato alle accuse. I tecnici di Acquedil sono intervenuti in serata.',
      'it',
      { Bellomo: 'person', Acquedil: 'organization' },
    ],
    [
      'reads a given name before an Italian family name that is also a word as a person',
      'Per l’omicidio di Cosimo Tedesco è stato fermato un uomo. La famiglia di Cosimo Tedesco chiede giustizia.',
      'it',
      { 'Cosimo Tedesco': 'person' },
    ],
    [
      'reads a lone family name after a role, or opening a quotation, as a person',
      'Ieri il governatore Mastrangelo ha firmato il decreto.\n\nRifiuti, Loiacono: «Non arretreremo di un passo».',
      'it',
      { Mastrangelo: 'person', Loiacono: 'person' },
    ],
    [
      'reads where someone is from, a street and a saint’s name as places',
      'Un 32enne di Trepuzzi è stato fermato.\n\nPiazza Ognissanti, riapre il mercato. La festa di Santa Scolastica richiama folla.',
      'it',
      { Trepuzzi: 'place', Ognissanti: 'place', 'Santa Scolastica': 'place' },
    ],
    ['reads ordinary Italian words capitalised together in mid-sentence as an organisation', 'Ieri i militanti di Sinistra Unita hanno sfilato in centro.', 'it', { 'Sinistra Unita': 'organization' }],
    ['keeps a town whose name begins with a word when a sentence opens with it', 'Villa Castelli ospita la sagra del grano.', 'it', { 'Villa Castelli': 'place' }],
    [
      'sets aside an elided article that opens a sentence, before a name or a role, but not a town’s own',
      'L’Austria chiude i valichi. Dopo il sisma L’Aquila si rialza. L’assessore Vinciguerra ha risposto.',
      'it',
      { Austria: 'place', 'L’Aquila': 'place', Vinciguerra: 'person' },
    ],
    [
      'parts two towns written side by side, but never a person’s name',
      'Controlli a San Vito dei Normanni Carovigno e Ostuni. Ha parlato Marissa Mayer.',
      'it',
      { 'San Vito dei Normanni': 'place', Carovigno: 'place', 'Marissa Mayer': 'person' },
    ],
    [
      'reads a word of the language capitalised in mid-sentence before a name as the start of a body’s name',
      'Il consigliere della maggioranza per Noi Adesso ha lasciato l’aula. La lista Con Taranto Unita si presenta.',
      'it',
      { 'Noi Adesso': 'organization', 'Con Taranto Unita': 'organization' },
    ],
    [
      'reads a name after "nel" or "nella" as a place, never as a family name',
      'Frane nel Cilento e allagamenti nella Valdichiana: la Regione stanzia i fondi.',
      'it',
      { Cilento: 'place', Valdichiana: 'place' },
    ],
    [
      'reads a given name coordinated with a full name as a person of that family',
      'L’appello è stato lanciato da Carla e Giorgio Montesano, i due fratelli titolari del bar.',
      'it',
      { Carla: 'person', 'Giorgio Montesano': 'person' },
    ],
    [
      'reads a family name a role introduces as the person however often a town of that name is written, and a possessive after a preposition as no place',
      'Chancellor Harlow opened the summit on Monday. Critics said Harlow had ignored the unions. Few leaders stand up to Harlow, and Harlow knows it.\n\nIn Harlow’s speech there was little new.',
      'en',
      { Harlow: 'person' },
    ],
    [
      'reads a truncated "de’" inside a town’s name, and towns joined by a hyphen each apart',
      "La festa di Rocca de' Baldi è rinviata. Code sulla Lecco-Bergamo per un incidente.",
      'it',
      { "Rocca de' Baldi": 'place', Lecco: 'place', Bergamo: 'place' },
    ],
    ['reads a place word that is also a title, before a known place, as a place', 'Il mare mosso a Capo Rizzuto ha fermato i traghetti.', 'it', { 'Capo Rizzuto': 'place' }],
    [
      'reads a sentence that opens with a given name coordinated with a full name as two people',
      'Lorenzo e Matteo Cavallaro, di 40 e 35 anni, sono stati fermati ieri.',
      'it',
      { Lorenzo: 'person', 'Matteo Cavallaro': 'person' },
    ],
    ['parts a town from the family name after "sindaco di"', 'Una lettera è arrivata al sindaco di Brindisi Marzano dai commercianti del centro.', 'it', { Brindisi: 'place', Marzano: 'person' }],
  ])('%s', (_rule, text, lang, types) => {
    const pack = ingestText(text, lang);
    for (const [name, type] of Object.entries(types)) expect(named(pack, name)?.type, name).toBe(type);
  });
});
