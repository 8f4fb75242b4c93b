/** The sending side of the message contract (core/messages.ts), for any extension context. */
import { browser } from 'wxt/browser';
import type { Reply, RequestPayload, RequestType, ResponseTypes } from '@/core/messages';

export async function request<T extends RequestType>(type: T, payload: RequestPayload<T>): Promise<ResponseTypes[T]> {
  const reply = (await browser.runtime.sendMessage({ type, payload })) as Reply<ResponseTypes[T]> | undefined;
  if (!reply) throw new Error(`Contesto's background did not answer "${type}".`);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}
