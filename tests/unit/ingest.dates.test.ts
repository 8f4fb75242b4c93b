import { describe, expect, it } from 'vitest';
import { findDates } from '../../core/ingest';
import { ingestFiles } from '../fixtures/ingest/helpers';

const datesIn = (sentence: string, lang: string, documentDate?: string) => findDates(sentence, lang, documentDate).map((expression) => expression.date);

describe('dates at the precision the text gives', () => {
  it.each([
    ['L’anno scorso il porto ha chiuso due volte.', 'it', '2024-06-03', ['2023']],
    ['Il mese scorso la giunta si è dimessa.', 'it', '2024-06-03', ['2024-05']],
    ['La scorsa settimana il consiglio ha votato.', 'it', '2024-06-03', ['2024-05']],
    ['Ieri sera il sindaco ha parlato.', 'it', '2024-06-03', ['2024-06-02']],
    ['Last year the mine closed.', 'en', '2019-03-12', ['2018']],
    ['Last month the board resigned.', 'en', '2019-03-12', ['2019-02']],
    ['Two days ago the council voted.', 'en', '2019-03-12', ['2019-03-10']],
  ])('reads "%s" (%s, document of %s) as %j', (sentence, lang, documentDate, expected) => {
    expect(datesIn(sentence, lang, documentDate)).toEqual(expected);
  });

  it('never resolves a relative date finer than the document date', () => {
    expect(datesIn('Ieri il consiglio ha votato.', 'it', '2024')).toEqual(['2024']);
  });

  it('leaves relative dates unresolved in a document with no date of its own', () => {
    expect(datesIn('Last year the mine closed, and yesterday the owners sold it.', 'en')).toEqual([]);
    expect(datesIn('The mine closed on 4 March 2017.', 'en')).toEqual(['2017-03-04']);
  });

  it('reads a stretch of time as the date it was spoken of, not its end', () => {
    expect(datesIn('The fund will pay out over the next four years.', 'en', '2020-05-01')).toEqual(['2020-05-01']);
    expect(datesIn('The thefts doubled in the past three months.', 'en', '2020-05-01')).toEqual(['2020-05-01']);
  });

  it('does not read a version number as a day', () => {
    expect(datesIn('Release 3.1.7 December 2016 fixes the importer.', 'en')).not.toContain('2016-12-07');
  });

  it('reads a year alone as that year, and nothing else in its sentence as a date', () => {
    expect(datesIn('Since 1998 the archive has held the letters, now open to anyone.', 'en', '2021-10-04')).toEqual(['1998']);
    expect(datesIn('After the first print run in 2009, the studio redrew the maps in 3D.', 'en', '2021-10-04')).toEqual(['2009']);
    expect(datesIn('Dal 2016 il museo custodisce le lettere, ora aperte a tutti.', 'it', '2021-10-04')).toEqual(['2016']);
    expect(datesIn('In May 2015 the pier reopened.', 'en')).toEqual(['2015-05']);
  });
});

describe('dates in any case', () => {
  // findDates runs chrono's patterns lowercased, on the lowercased sentence (see dates.ts): what the
  // text spells in capitals, or with a capital where chrono's own patterns spell one, must still count.
  it.each([
    ['IL VERTICE SI È TENUTO IL 12 MARZO 2019 A BRUXELLES.', 'it', undefined, ['2019-03-12']],
    ['Lunedì 3 Giugno 2024 la Camera ha votato.', 'it', undefined, ['2024-06-03']],
    ['THREE WEEKS AGO THE PLANT SHUT DOWN.', 'en', '2022-11-20', ['2022-10']],
    ['The statement, dated 2021-09-14T08:30:00Z, was withdrawn.', 'en', undefined, ['2021-09-14']],
    ['The Roman fort was rebuilt on 4 March 212 AD by the legion.', 'en', undefined, ['0212-03-04']],
    ['IL FORTE FU RICOSTRUITO IL 4 MARZO 212 AD DALLA LEGIONE.', 'it', undefined, ['0212-03-04']],
  ])('reads "%s" (%s, document of %s) as %j', (sentence, lang, documentDate, expected) => {
    expect(datesIn(sentence, lang, documentDate)).toEqual(expected);
  });
});

describe('events', () => {
  it('are never made from a dateline or a list header with nobody in it', () => {
    const { pack } = ingestFiles([
      { name: 'list.txt', content: 'date 2014-11-08\nNotizie\n\n06/11/14 | Cronaca |\n\nIl 5 novembre 2014 il sindaco di Lecce Paolo Perrone ha incontrato i commercianti.' },
    ]);
    expect(pack.events.map((event) => event.date)).toEqual(['2014-11-05']);
    expect(pack.events[0]!.entities.length).toBeGreaterThan(0);
  });
});
