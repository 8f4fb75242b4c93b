import { describe, expect, it } from 'vitest';
import { anchorQuote, describeSpan } from '@/core/anchoring';

const page =
  'Il viceministro degli Esteri russo Andrey Rudenko ha detto alla TASS che Mosca e Pyongyang restano vicine. ' +
  'La Corea del Nord ha riconosciuto Donetsk e Lugansk il 13 luglio 2022. Rudenko ha aggiunto che i legami crescono.';

function selectorsFor(text: string, quoted: string, from = 0) {
  const start = text.indexOf(quoted, from);
  return describeSpan(text, { start, end: start + quoted.length });
}

describe('anchoring a selection note', () => {
  it('describes a selection with its quote, context and position', () => {
    const { quote, position } = selectorsFor(page, 'Andrey Rudenko');
    expect(quote).toEqual({ type: 'TextQuoteSelector', exact: 'Andrey Rudenko', prefix: 'Il viceministro degli Esteri russo '.slice(-32), suffix: ' ha detto alla TASS che Mosca e ' });
    expect(page.slice(position.start, position.end)).toBe('Andrey Rudenko');
  });

  it('anchors by position when the page is unchanged', () => {
    const { quote, position } = selectorsFor(page, 'riconosciuto Donetsk e Lugansk');
    expect(anchorQuote(page, quote, position)).toEqual({ start: position.start, end: position.end, method: 'position' });
  });

  it('follows the quote when the text moved', () => {
    const { quote, position } = selectorsFor(page, 'riconosciuto Donetsk e Lugansk');
    const moved = 'Aggiornamento delle 18:00. Breaking news di oggi. ' + page;
    const anchor = anchorQuote(moved, quote, position)!;
    expect(anchor.method).toBe('quote');
    expect(moved.slice(anchor.start, anchor.end)).toBe('riconosciuto Donetsk e Lugansk');
  });

  it('picks the occurrence whose context matches when the quote occurs twice', () => {
    const { quote, position } = selectorsFor(page, 'Rudenko', page.indexOf('aggiunto') - 20);
    const moved = 'Premessa. ' + page;
    const anchor = anchorQuote(moved, quote, position)!;
    expect(anchor.start).toBe(moved.lastIndexOf('Rudenko'));
  });

  it('finds slightly edited text approximately', () => {
    const { quote, position } = selectorsFor(page, 'La Corea del Nord ha riconosciuto Donetsk e Lugansk');
    const edited = page.replace('ha riconosciuto', 'aveva riconosciuto').replace('Lugansk', 'Luhansk');
    const anchor = anchorQuote(edited, quote, position)!;
    expect(anchor.method).toBe('fuzzy');
    expect(edited.slice(anchor.start, anchor.end)).toBe('La Corea del Nord aveva riconosciuto Donetsk e Luhansk');
  });

  it('leaves a note orphaned when its text vanished, rather than anchor it elsewhere', () => {
    const { quote, position } = selectorsFor(page, 'riconosciuto Donetsk e Lugansk il 13 luglio 2022');
    const without = page.replace('La Corea del Nord ha riconosciuto Donetsk e Lugansk il 13 luglio 2022. ', '');
    expect(anchorQuote(without, quote, position)).toBeNull();
    expect(anchorQuote('', quote, position)).toBeNull();
  });

  it('anchors text with emoji and accents by the same offsets the page uses', () => {
    const text = 'Prima 🇰🇵 poi è arrivato «Kim» 👋 a Mosca.';
    const { quote, position } = selectorsFor(text, 'è arrivato «Kim» 👋');
    expect(anchorQuote('Nuovo: ' + text, quote, position)).toMatchObject({ start: 7 + position.start, method: 'quote' });
  });
});
