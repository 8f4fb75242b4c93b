/** Answers what a page reports about itself: the number of entities it shows goes on the toolbar badge, and the side panel hears of it. */
import type { Handlers } from './router';

export interface PagePlatform {
  setBadge(tabId: number, text: string): void;
  pageChanged(tabId: number): void;
}

export function createPageService(platform: PagePlatform) {
  const handlers: Handlers<'page/entities-changed'> = {
    'page/entities-changed': async ({ payload }, sender) => {
      const badge = payload.entities > 0 ? String(payload.entities) : '';
      if (sender.tabId !== undefined) {
        platform.setBadge(sender.tabId, badge);
        platform.pageChanged(sender.tabId);
      }
      return { badge };
    },
  };
  return { handlers };
}
