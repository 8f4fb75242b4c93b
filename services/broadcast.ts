/**
 * The background's news to the rest of the extension (BroadcastSchemas in core/messages.ts):
 * `broadcast` sends it to whoever it concerns, `onBroadcast` receives it validated. A receiver
 * never answers, so a broadcast listener cannot take the reply of a request meant for the background.
 */
import { browser } from 'wxt/browser';
import { validateBroadcast, type Broadcast, type BroadcastPayload, type BroadcastType } from '@/core/messages';

/** Content scripts hear what changes their page; the extension's own pages (side panel) hear about a tab. */
const AUDIENCE: Record<BroadcastType, 'tabs' | 'pages'> = {
  'notes/changed': 'tabs',
  'settings/changed': 'tabs',
  'knowledge/changed': 'tabs',
  'page/changed': 'pages',
};

export function broadcast<T extends BroadcastType>(type: T, payload: BroadcastPayload<T>): void {
  const message = { broadcast: type, payload };
  // Nobody listening (no page open, a tab without Contesto) is not an error.
  if (AUDIENCE[type] === 'pages') {
    browser.runtime.sendMessage(message).catch(() => {});
    return;
  }
  void browser.tabs.query({}).then((tabs) => {
    for (const tab of tabs) if (tab.id !== undefined) browser.tabs.sendMessage(tab.id, message).catch(() => {});
  });
}

/** Calls `listener` with every valid broadcast from this extension; returns the way to stop. */
export function onBroadcast(listener: (broadcast: Broadcast) => void): () => void {
  const onMessage = (message: unknown, sender: { id?: string }) => {
    if (sender.id !== browser.runtime.id) return undefined;
    const received = validateBroadcast(message);
    if (received) listener(received);
    return undefined;
  };
  browser.runtime.onMessage.addListener(onMessage);
  return () => browser.runtime.onMessage.removeListener(onMessage);
}
