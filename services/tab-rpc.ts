/** The sending side of the messages to a tab's content script (TabMessageSchemas in core/messages.ts). */
import { browser } from 'wxt/browser';
import type { Reply, TabMessagePayload, TabMessageType, TabResponseTypes } from '@/core/messages';

export async function askTab<T extends TabMessageType>(tabId: number, type: T, payload: TabMessagePayload<T>): Promise<TabResponseTypes[T]> {
  const reply = (await browser.tabs.sendMessage(tabId, { type, payload })) as Reply<TabResponseTypes[T]> | undefined;
  if (!reply) throw new Error(`The page did not answer "${type}" (Contesto does not run on it).`);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}
