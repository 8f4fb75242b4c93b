/**
 * The popover's card (annotator/popover-card.tsx, with Preact and floating-ui) as a script of its
 * own: the content script loads it into its world on the first show of a card, so that a page that
 * is only read never parses it (about 2 ms a page; docs/architecture.md).
 */
import { MOUNT_POPOVER_GLOBAL } from '@/annotator/popover';
import { mountPopover } from '@/annotator/popover-card';

export default defineUnlistedScript(() => {
  Object.assign(globalThis, { [MOUNT_POPOVER_GLOBAL]: mountPopover });
});
