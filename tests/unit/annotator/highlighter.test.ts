// @vitest-environment happy-dom
// happy-dom has no CSS Custom Highlight API, so createHighlighter falls back to <contesto-mark> elements.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createHighlighter, inReadingOrder, type Annotation } from '@/annotator/highlighter';
import { joinText, locateSpan } from '@/annotator/page-text';
import { textRuns } from '@/annotator/text-walker';

/** An annotation over the first occurrence of `words` in the body's first text run. */
function annotate(words: string, type: Annotation['type'] = 'person'): Annotation {
  const [run] = [...textRuns(document.body)];
  const joined = joinText(run.nodes);
  const start = joined.text.indexOf(words);
  return { ...locateSpan(joined, { start, end: start + words.length }), entityId: words, type };
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('the <contesto-mark> fallback', () => {
  it('is what happy-dom gets', () => {
    expect(typeof CSS === 'undefined' || !('highlights' in CSS)).toBe(true);
  });

  it('wraps each text-node piece of a match in a mark of its type, keeping the text', () => {
    document.body.innerHTML = '<p>Then Kim <b>Jong-un</b> spoke.</p>';
    const highlighter = createHighlighter(document);
    highlighter.add([annotate('Kim Jong-un')]);
    expect(document.body.innerHTML).toBe('<p>Then <contesto-mark data-type="person">Kim </contesto-mark><b><contesto-mark data-type="person">Jong-un</contesto-mark></b> spoke.</p>');
    expect(document.body.textContent).toBe('Then Kim Jong-un spoke.');
  });

  it('wraps several matches in the same text node', () => {
    document.body.innerHTML = '<p>Moscow and Kyiv</p>';
    const highlighter = createHighlighter(document);
    highlighter.add([annotate('Moscow', 'place'), annotate('Kyiv', 'place')]);
    expect([...document.querySelectorAll('contesto-mark')].map((mark) => mark.textContent)).toEqual(['Moscow', 'Kyiv']);
  });

  it('makes its DOM changes through ownDomChange', () => {
    document.body.innerHTML = '<p>Moscow</p>';
    const ownDomChange = vi.fn((change: () => void) => change());
    const highlighter = createHighlighter(document, ownDomChange);
    highlighter.add([annotate('Moscow', 'place')]);
    highlighter.clear();
    expect(ownDomChange).toHaveBeenCalledTimes(2);
  });

  it('unwraps the marks inside a subtree on removeWithin and all of them on clear, restoring the text', () => {
    document.body.innerHTML = '<p id="first">Moscow</p><p id="second">Kyiv</p>';
    const highlighter = createHighlighter(document);
    const moscow = annotate('Moscow', 'place');
    highlighter.add([moscow]);
    const kyivText = document.getElementById('second')!.firstChild as Text;
    const kyiv: Annotation = { ...locateSpan(joinText([kyivText]), { start: 0, end: 4 }), entityId: 'kyiv', type: 'place' };
    highlighter.add([kyiv]);
    highlighter.removeWithin([document.getElementById('first')!]);
    expect(highlighter.annotations).toEqual([kyiv]);
    expect(document.getElementById('first')!.innerHTML).toBe('Moscow');
    highlighter.clear();
    expect(document.body.innerHTML).toBe('<p id="first">Moscow</p><p id="second">Kyiv</p>');
    expect(highlighter.annotations).toEqual([]);
  });

  it('removeWithin takes the annotations inside any of several roots, nested ones included, and keeps the rest', () => {
    document.body.innerHTML = '<div id="a"><p><b id="m">Moscow</b></p></div><p id="b">Kyiv</p><p id="c">Minsk</p>';
    const highlighter = createHighlighter(document);
    const [moscow, kyiv, minsk] = ['m', 'b', 'c'].map((id) => {
      const text = document.getElementById(id)!.firstChild as Text;
      return { ...locateSpan(joinText([text]), { start: 0, end: text.length }), entityId: id, type: 'place' } as Annotation;
    });
    highlighter.add([moscow!, kyiv!, minsk!]);
    highlighter.removeWithin([document.getElementById('a')!, document.getElementById('c')!]);
    expect(highlighter.annotations).toEqual([kyiv]);
  });

  it('indexes annotations by text node and tells listeners of every change', () => {
    document.body.innerHTML = '<p>Kim <b>Jong-un</b></p>';
    const highlighter = createHighlighter(document);
    const listener = vi.fn();
    const unsubscribe = highlighter.onChange(listener);
    const kim = annotate('Kim Jong-un');
    highlighter.add([kim]);
    expect(highlighter.at(kim.nodes[1])).toEqual([kim]);
    unsubscribe();
    highlighter.clear();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(highlighter.at(kim.nodes[1])).toEqual([]);
  });

  it('forgets annotations whose text left the page on pruneDetached', () => {
    document.body.innerHTML = '<p>Moscow</p>';
    const highlighter = createHighlighter(document);
    highlighter.add([annotate('Moscow', 'place')]);
    document.body.innerHTML = '';
    highlighter.pruneDetached();
    expect(highlighter.annotations).toEqual([]);
  });
});

describe('inReadingOrder', () => {
  it('sorts annotations in the order a reader meets them', () => {
    document.body.innerHTML = '<p>Moscow and Kyiv</p>';
    const moscow = annotate('Moscow', 'place');
    const kyiv = annotate('Kyiv', 'place');
    expect(inReadingOrder([kyiv, moscow])).toEqual([moscow, kyiv]);
  });
});
