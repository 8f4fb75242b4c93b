// @vitest-environment happy-dom
/**
 * How dom-watch.ts keeps a page that changes without pause from keeping Contesto busy: blocks
 * added between blocks are scanned alone, one batch runs at a time (never during a whole-page
 * scan), the next batch waits in proportion to the last one's cost, and editors the page turns
 * on lose their highlights.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchDom } from '@/annotator/dom-watch';

const BATCH_MS = 150;
/** What one rescan takes in these tests (fake time). */
const RESCAN_MS = 100;

let rescan: ReturnType<typeof vi.fn<(roots: Node[]) => Promise<void>>>;
let watch: ReturnType<typeof watchDom>;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  document.body.innerHTML = '<article id="article"><p id="first">One</p><p id="second">Two</p></article><div id="feed"><p id="old">Old</p></div>';
  rescan = vi.fn(() => new Promise<void>((resolve) => setTimeout(resolve, RESCAN_MS)));
  watch = watchDom(document, rescan, BATCH_MS);
  watch.start();
});

afterEach(() => {
  watch.destroy();
  vi.useRealTimers();
});

const byId = (id: string) => document.getElementById(id)!;
const paragraph = (text: string) => Object.assign(document.createElement('p'), { textContent: text });

describe('watchDom under a stream of changes', () => {
  it('scans a block added between blocks alone, not its container, and prunes when blocks only leave', async () => {
    const item = paragraph('New');
    byId('feed').append(item);
    const slot = document.createElement('div');
    document.body.append(slot);
    await vi.advanceTimersByTimeAsync(BATCH_MS + RESCAN_MS);
    expect(rescan.mock.calls).toEqual([[[item, slot]]]);
    byId('old').remove();
    await vi.advanceTimersByTimeAsync(4 * RESCAN_MS);
    expect(rescan.mock.calls[1]).toEqual([[]]);
  });

  it('rescans the block when inline content comes or goes', async () => {
    byId('first').append(Object.assign(document.createElement('b'), { textContent: 'bold' }));
    await vi.advanceTimersByTimeAsync(BATCH_MS);
    expect(rescan.mock.calls).toEqual([[[byId('first')]]]);
  });

  it('runs one batch at a time and waits four times the last batch before the next', async () => {
    byId('first').append(' more');
    await vi.advanceTimersByTimeAsync(BATCH_MS);
    expect(rescan).toHaveBeenCalledTimes(1);
    // Changes during the rescan wait for it to end, then for four times what it took.
    byId('second').append(' more');
    await vi.advanceTimersByTimeAsync(RESCAN_MS + 4 * RESCAN_MS - 1);
    expect(rescan).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(rescan).toHaveBeenCalledTimes(2);
    expect(rescan.mock.calls[1]).toEqual([[byId('second')]]);
  });

  it('holds batches back while a whole-page scan runs', async () => {
    let endScan = () => {};
    const scan = watch.hold(new Promise<void>((resolve) => (endScan = resolve)));
    byId('first').append(' more');
    await vi.advanceTimersByTimeAsync(10 * BATCH_MS);
    expect(rescan).not.toHaveBeenCalled();
    endScan();
    await scan;
    await vi.advanceTimersByTimeAsync(BATCH_MS);
    expect(rescan.mock.calls).toEqual([[[byId('first')]]]);
  });

  it('hands over a block the page makes editable, and the block again when it stops being one', async () => {
    byId('second').setAttribute('contenteditable', 'true');
    await vi.advanceTimersByTimeAsync(BATCH_MS + RESCAN_MS);
    // Inside an editor, typing comes down to the editor itself.
    byId('second').append(' typed');
    await vi.advanceTimersByTimeAsync(4 * RESCAN_MS + RESCAN_MS);
    byId('second').removeAttribute('contenteditable');
    await vi.advanceTimersByTimeAsync(4 * RESCAN_MS);
    expect(rescan.mock.calls).toEqual([[[byId('second')]], [[byId('second')]], [[byId('second')]]]);
  });
});
