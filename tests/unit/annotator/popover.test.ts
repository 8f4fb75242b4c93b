// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createPopover, type MountPopover, type PopoverActions } from '@/annotator/popover';
import { anchorAt, fakePopover } from './fake-popover';

const actions = {} as PopoverActions;
const ctx = {} as ContentScriptContext;

/** The card's script as the content script loads it: `failures` loads fail first, then it gives a mount function that mounts `card`. */
function cardScript(failures = 0) {
  const card = fakePopover(document);
  let left = failures;
  const mount = vi.fn<MountPopover>(async () => card);
  const load = vi.fn(async () => {
    if (left-- > 0) throw new Error('Could not load the card');
    return mount;
  });
  return { card, mount, load };
}

describe('the popover', () => {
  it("loads the card's script on the first show, not before, and once", async () => {
    const { card, mount, load } = cardScript();
    const popover = createPopover(ctx, document, actions, load);
    expect(load).not.toHaveBeenCalled();
    await popover.show(anchorAt('kim'));
    await popover.show(anchorAt('putin'));
    expect(load).toHaveBeenCalledOnce();
    expect(mount).toHaveBeenCalledOnce();
    expect(card.show.mock.calls.map(([anchor]) => anchor.entityId)).toEqual(['kim', 'putin']);
  });

  it('warming loads the script without mounting the card: nothing comes into the page until a show', async () => {
    const { mount, load } = cardScript();
    const popover = createPopover(ctx, document, actions, load);
    popover.warm();
    popover.warm();
    await vi.waitFor(() => expect(load).toHaveBeenCalledOnce());
    expect(mount).not.toHaveBeenCalled();
    await popover.show(anchorAt('kim'));
    expect(load).toHaveBeenCalledOnce();
    expect(mount).toHaveBeenCalledOnce();
  });

  it('a card removed while it mounts leaves the page as soon as it is mounted', async () => {
    const { card, load } = cardScript();
    const popover = createPopover(ctx, document, actions, load);
    const showing = popover.show(anchorAt('kim'));
    popover.remove();
    await showing;
    expect(card.remove).toHaveBeenCalledOnce();
    expect(card.show).not.toHaveBeenCalled();
  });

  it('a script that failed to load shows nothing and throws nothing, and the next show loads it again', async () => {
    const { card, load } = cardScript(1);
    const popover = createPopover(ctx, document, actions, load);
    await expect(popover.show(anchorAt('kim'))).resolves.toBeUndefined();
    expect(popover.anchor).toBeNull();
    await popover.show(anchorAt('kim'));
    expect(load).toHaveBeenCalledTimes(2);
    expect(card.show).toHaveBeenCalledOnce();
  });
});
