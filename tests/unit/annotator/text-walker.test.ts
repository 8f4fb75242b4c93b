// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { blockContaining, isInsideSkipped, isPageChrome, OWN_UI_ATTRIBUTE, textRuns } from '@/annotator/text-walker';

/** The text of each run the walker yields, its nodes joined. */
const runs = (root: Node = document.body) => [...textRuns(root)].map((run) => run.nodes.map((node) => node.data).join(''));

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('textRuns', () => {
  it('joins text across inline elements into one run and splits it at block edges', () => {
    document.body.innerHTML = '<p>Kim <b>Jong-un</b> met <a href="#">Vladimir <i>Putin</i></a>.</p><p>Second <em>block</em></p><div>Outer <p>inner</p> tail</div>';
    expect(runs()).toEqual(['Kim Jong-un met Vladimir Putin.', 'Second block', 'Outer ', 'inner', ' tail']);
  });

  it('ends a run at elements such as <br> and <img>', () => {
    document.body.innerHTML = '<p>Before<br>after <img alt="x"> the picture</p>';
    expect(runs()).toEqual(['Before', 'after ', ' the picture']);
  });

  it('skips scripts, styles, code and form fields', () => {
    document.body.innerHTML = `<p>Read me</p><script>var Moscow = 1;</script><style>.Moscow {}</style><noscript>Moscow</noscript>
      <textarea>Moscow</textarea><select><option>Moscow</option></select><pre>Moscow</pre><p>and <code>Moscow</code> too</p><template>Moscow</template>`;
    expect(runs().filter((text) => text.trim())).toEqual(['Read me', 'and ', ' too']);
  });

  it('skips editable regions unless contenteditable is false', () => {
    document.body.innerHTML = '<div contenteditable="true">Editing</div><div contenteditable="">Also editing</div><div contenteditable="false">Not editable</div>';
    expect(runs()).toEqual(['Not editable']);
  });

  it("never enters Contesto's own UI", () => {
    document.body.innerHTML = `<p>Page</p><div ${OWN_UI_ATTRIBUTE}><p>Popover text</p></div>`;
    expect(runs()).toEqual(['Page']);
  });

  it("skips the site's menus, banner, footer, sidebars and link lists, but keeps an article's own header and footer", () => {
    document.body.innerHTML = `<header>Site banner</header><nav>Menu</nav><div role="navigation">Role menu</div>
      <ul><li><a href="#">Home</a></li><li><a href="#">World</a></li><li><a href="#">Sport</a></li></ul>
      <article><header>Headline</header><p>Body</p><ul><li>One point</li><li>Another</li><li>A third</li></ul><footer>Byline</footer></article>
      <aside>Sidebar</aside><footer>Site footer</footer>`;
    expect(runs().filter((text) => text.trim())).toEqual(['Headline', 'Body', 'One point', 'Another', 'A third', 'Byline']);
  });

  it('keeps whitespace-only text inside a run but never starts a run with it, where it walks node by node', () => {
    // The <br> makes the block more than one run, so its nodes are walked one by one.
    document.body.innerHTML = '<p>   <b>Kim</b> <b>Jong-un</b><br>next</p>';
    const [run] = [...textRuns(document.body)];
    expect(run.nodes.map((node) => node.data)).toEqual(['Kim', ' ', 'Jong-un']);
  });

  it('reads a block of only inline elements and text as its whole text, its nodes agreeing with it', () => {
    document.body.innerHTML = '<section>\n  <p>  Kim <b>Jong-un</b> met <a href="#">Vladimir <i>Putin</i></a>.</p>\n  <h2>Later</h2>\n</section>';
    const found = [...textRuns(document.body)];
    expect(found.map((run) => run.text)).toEqual(['  Kim Jong-un met Vladimir Putin.', 'Later']);
    for (const run of found) {
      expect(run.nodes.map((node) => node.data).join('')).toBe(run.text);
      expect(run.starts.map((start, i) => run.text.slice(start, start + run.nodes[i].data.length))).toEqual(run.nodes.map((node) => node.data));
    }
  });

  it("looks up a plain block's text nodes only when asked, from the page as it is then", () => {
    document.body.innerHTML = '<p>Kim <b>Jong-un</b></p>';
    const [run] = [...textRuns(document.body)];
    // A new text node in place of the old one: nodes looked up during the walk would still read the old name.
    document.querySelector('b')!.textContent = 'Yo-jong';
    // A scanner compares the two (readsAsBefore) and leaves a changed run to the rescan the change brings.
    expect(run.text).toBe('Kim Jong-un');
    expect(run.nodes.map((node) => node.data).join('')).toBe('Kim Yo-jong');
  });

  it('yields a plain root as its one run, and nothing for a root of white space', () => {
    document.body.innerHTML = '<p id="plain">Moscow <em>and</em> Kyiv</p><p id="blank"> <b> </b> </p>';
    expect(runs(document.getElementById('plain')!)).toEqual(['Moscow and Kyiv']);
    expect(runs(document.getElementById('blank')!)).toEqual([]);
  });

  it('walks node by node a block that holds an element with an attribute that can skip it', () => {
    document.body.innerHTML = '<p>Read <span contenteditable="true">Draft</span> this, <span contenteditable="false">and this</span></p>';
    expect(runs()).toEqual(['Read ', ' this, and this']);
  });

  it('yields nothing when the root itself is skipped', () => {
    document.body.innerHTML = '<nav><p>Menu</p></nav>';
    expect(runs(document.querySelector('nav')!)).toEqual([]);
  });
});

describe('helpers', () => {
  it('isPageChrome needs three linked items to call a list a menu', () => {
    document.body.innerHTML =
      '<ul id="short"><li><a href="#">A</a></li><li><a href="#">B</a></li></ul><ul id="menu"><li><a href="#">A</a></li><li><a href="#">B</a></li><li><a href="#">C</a></li></ul>';
    expect(isPageChrome(document.getElementById('short')!)).toBe(false);
    expect(isPageChrome(document.getElementById('menu')!)).toBe(true);
  });

  it('isInsideSkipped looks up to the root, and blockContaining finds the nearest block', () => {
    document.body.innerHTML = '<nav><span id="menu">Menu</span></nav><p id="para">Some <b id="bold">bold</b> text</p>';
    expect(isInsideSkipped(document.getElementById('menu')!.firstChild!, document.body)).toBe(true);
    expect(isInsideSkipped(document.getElementById('bold')!.firstChild!, document.body)).toBe(false);
    expect(blockContaining(document.getElementById('bold')!.firstChild!, document.body)).toBe(document.getElementById('para'));
  });
});
