/**
 * The popover that explains a highlighted entity. It lives in a closed shadow root created
 * from the content script's isolated world: the page's scripts cannot reach into it, and the
 * page's CSS does not style it (WXT resets inherited properties on the host). The card's shadow
 * root, styles and UI code (popover-card.tsx, with Preact and floating-ui) are a script of their
 * own, loaded by `loadCardScript` on the first show, so a page that is only read does not even parse them.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { EntityCard as Card } from '@/core/messages';
import { remembered } from '@/core/remembered';
import type { mountPopover } from './popover-card';

/** Mounts the card: what the card's own script (entrypoints/popover-card.ts) provides. */
export type MountPopover = typeof mountPopover;

/** Where the card's script leaves its mount function: a global of the content script's world, which the page cannot see. */
export const MOUNT_POPOVER_GLOBAL = 'contestoMountPopover';

export interface PopoverActions {
  loadCard(entityId: string): Promise<Card | null>;
  openInSidePanel(entityId: string): void;
  /** Asks the background to open a source's document at its sentence, in a tab of its own. */
  openDocument(documentId: string, sentence: { start: number; end: number }): void;
  addNote(entityId: string, body: string, tags: string[]): Promise<void>;
  /** The reader's corrections (the page's highlights follow when the background says the knowledge changed): this is not an entity, */
  markNotAnEntity(entityId: string): Promise<void>;
  /** or these words are not to be highlighted on this page's site or anywhere. */
  hideName(words: string, where: 'site' | 'everywhere'): Promise<void>;
}

/** Where the popover points: a live rectangle, since the page scrolls and reflows. */
export interface PopoverAnchor {
  entityId: string;
  /** Set when the highlighted words name several entities and the page does not say which. */
  candidates?: string[];
  /** The highlighted words, for the card that lists the candidates. */
  label?: string;
  /** The highlighted words as the page writes them, for "Don't highlight …". */
  words: string;
  getRect(): DOMRect;
  /** Where the focus goes back to when the card closes: the highlight's link or control, if it is in one. */
  focusTarget?(): HTMLElement | null;
}

export interface Popover {
  show(anchor: PopoverAnchor, options?: { focus?: boolean }): Promise<void>;
  hide(): void;
  readonly anchor: PopoverAnchor | null;
  /** True when the event happened inside the popover (the page only sees the host element). */
  contains(target: EventTarget | null): boolean;
  onPointerEnter(listener: () => void): void;
  onPointerLeave(listener: () => void): void;
  /** Takes the popover out of the page for good. */
  remove(): void;
}

/**
 * The popover, made on its first show: a page that is only read never pays for the card's shadow
 * root, its styles or its first render. Until then it is hidden and contains nothing.
 */
export function createPopover(ctx: ContentScriptContext, doc: Document, actions: PopoverActions, loadCardScript: () => Promise<MountPopover>): Popover & { warm(): void } {
  // A script that failed to load (the extension was just updated) is asked for again at the next show.
  const cardScript = remembered(loadCardScript);
  let mounted: Popover | undefined;
  // The anchor of the show() waiting for the mount; hide() and remove() cancel it.
  let wanted: PopoverAnchor | null = null;
  let removed = false;
  const enterListeners: (() => void)[] = [];
  const leaveListeners: (() => void)[] = [];
  const mounting = remembered(async () => {
    const popover = await (await cardScript.get())(ctx, doc, actions);
    enterListeners.forEach((listener) => popover.onPointerEnter(listener));
    leaveListeners.forEach((listener) => popover.onPointerLeave(listener));
    mounted = popover;
    // Taken out of the page while it mounted: it goes at once.
    if (removed) popover.remove();
    return popover;
  });
  return {
    /** Loads the card's script before it is needed (the pointer rests on a name), without putting anything in the page. */
    warm() {
      void cardScript.get().catch(() => {});
    },
    get anchor() {
      return mounted ? mounted.anchor : wanted;
    },
    async show(anchor, options) {
      if (removed) return;
      if (mounted) return mounted.show(anchor, options);
      wanted = anchor;
      // A card whose script did not load (the extension was just updated or removed) is not shown; the next show tries again.
      const popover = await mounting.get().catch(() => undefined);
      if (!popover && wanted === anchor) wanted = null;
      if (!popover || wanted !== anchor || removed) return;
      wanted = null;
      await popover.show(anchor, options);
    },
    hide() {
      wanted = null;
      mounted?.hide();
    },
    contains: (target) => mounted?.contains(target) ?? false,
    onPointerEnter(listener) {
      if (mounted) mounted.onPointerEnter(listener);
      else enterListeners.push(listener);
    },
    onPointerLeave(listener) {
      if (mounted) mounted.onPointerLeave(listener);
      else leaveListeners.push(listener);
    },
    remove() {
      removed = true;
      wanted = null;
      mounted?.remove();
    },
  };
}
