/** The sending side of the message contract (core/messages.ts), for any extension context. */
import { browser } from 'wxt/browser';
import { REPEATABLE, type Reply, type RequestPayload, type RequestType, type ResponseTypes } from '@/core/messages';

/**
 * Waits before each repeat. Chromium stops an idle MV3 service worker, and a message that
 * arrives while it stops gets no answer; the next message starts it again. On a busy machine
 * stopping and starting again can take more than half a second, and on a 2-core machine running
 * a browser test suite beside it, more than two and a half: hence the last, longer waits.
 */
const REPEAT_DELAYS_MS = [100, 500, 2_000, 5_000];

/**
 * Failures of the channel, not of the request: nobody was listening (the worker was stopping or not
 * yet started), or the worker went away before it answered. An error the background answered is
 * never one of them.
 */
const UNANSWERED = [/Receiving end does not exist/i, /message port closed/i, /message channel (is )?closed/i, /went out of scope/i];

class Unanswered extends Error {}

/**
 * Sends a request and returns the background's answer, or throws its error. When the background
 * did not answer at all, a request that is safe to repeat (REPEATABLE) is sent again, up to four times.
 */
export async function request<T extends RequestType>(type: T, payload: RequestPayload<T>): Promise<ResponseTypes[T]> {
  const delays = REPEATABLE[type] ? REPEAT_DELAYS_MS : [];
  for (let attempt = 0; ; attempt++) {
    try {
      return await sendOnce(type, payload);
    } catch (error) {
      if (!(error instanceof Unanswered) || attempt >= delays.length) throw error;
      await new Promise((resolve) => setTimeout(resolve, delays[attempt]));
    }
  }
}

async function sendOnce<T extends RequestType>(type: T, payload: RequestPayload<T>): Promise<ResponseTypes[T]> {
  let reply: Reply<ResponseTypes[T]> | undefined;
  try {
    reply = (await browser.runtime.sendMessage({ type, payload })) as Reply<ResponseTypes[T]> | undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw UNANSWERED.some((pattern) => pattern.test(message)) ? new Unanswered(unansweredText(type)) : error;
  }
  // The polyfill resolves with nothing when the port closed before an answer.
  if (!reply) throw new Unanswered(unansweredText(type));
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

const unansweredText = (type: string) => `Contesto's background did not answer "${type}".`;
