// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchDom } from '@/annotator/dom-watch';
import { OWN_UI_ATTRIBUTE } from '@/annotator/text-walker';

const BATCH_MS = 150;

let rescan: ReturnType<typeof vi.fn<(roots: Node[]) => Promise<void>>>;
let watch: ReturnType<typeof watchDom>;

/** Lets the observer deliver its records, then the batch run out. */
async function settle() {
  await vi.advanceTimersByTimeAsync(BATCH_MS);
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  document.body.innerHTML = '<article id="article"><p id="first">One</p><p id="second">Two <b id="bold">bold</b></p></article><nav id="menu">Menu</nav>';
  rescan = vi.fn(() => Promise.resolve());
  watch = watchDom(document, rescan, BATCH_MS);
  watch.start();
});

afterEach(() => {
  watch.destroy();
  vi.useRealTimers();
});

const byId = (id: string) => document.getElementById(id)!;

describe('watchDom', () => {
  it('batches the changes of a short while into one rescan of the blocks they touched', async () => {
    byId('first').append(' more');
    (byId('bold').firstChild as Text).data = 'bolder';
    await vi.advanceTimersByTimeAsync(BATCH_MS - 1);
    expect(rescan).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(rescan).toHaveBeenCalledOnce();
    expect(rescan.mock.calls[0][0]).toEqual([byId('first'), byId('second')]);
  });

  it('rescans only the outermost of nested changed blocks', async () => {
    byId('first').append(' more');
    byId('article').append(' and text');
    await settle();
    expect(rescan.mock.calls).toEqual([[[byId('article')]]]);
  });

  it("ignores changes inside Contesto's own UI; a change in a skipped element comes down to that element", async () => {
    const ui = document.createElement('div');
    ui.setAttribute(OWN_UI_ATTRIBUTE, '');
    document.body.append(ui);
    await settle();
    expect(rescan).not.toHaveBeenCalled();
    ui.append('popover text');
    byId('menu').append(' more');
    await settle();
    expect(rescan.mock.calls).toEqual([[[byId('menu')]]]);
  });

  it("keeps the page's pending changes but drops its own made through ownDomChange", async () => {
    byId('first').append(' more');
    watch.ownDomChange(() => byId('second').append(document.createElement('contesto-mark')));
    watch.ownDomChange(() => byId('bold').append(' own'));
    await settle();
    expect(rescan.mock.calls).toEqual([[[byId('first')]]]);
  });

  it('stops watching once destroyed', async () => {
    byId('first').append(' more');
    await Promise.resolve();
    watch.destroy();
    byId('second').append(' more');
    await settle();
    expect(rescan).not.toHaveBeenCalled();
  });
});
