/**
 * The background's side of the message contract: validates every incoming message against
 * core/messages.ts, checks that its sender may make it, and hands it to the feature that answers
 * it. It never throws, so an odd message cannot break the background.
 */
import { storageFailureMessage } from './storage-messages';
import { refusalFor, validateRequest, type Reply, type Request, type RequestSender, type RequestType, type ResponseTypes } from '@/core/messages';

/** Who sent a message: an extension page or a web page's content script (with its page), and from which tab. */
export type Sender = RequestSender & { tabId?: number };

export type Handler<T extends RequestType> = (request: Request<T>, sender: Sender) => Promise<ResponseTypes[T]>;
export type Handlers<K extends RequestType = RequestType> = { [T in K]: Handler<T> };

/**
 * Takes any subset of the handlers (tests wire one feature); the background passes them all.
 * `ready` is awaited before each request: a promise, or a function asked each time (the
 * background's, which opens the database again after a failure).
 */
export function createRouter(handlers: Partial<Handlers>, ready: Promise<unknown> | (() => Promise<unknown>)) {
  return {
    async handle(message: unknown, sender: Sender): Promise<Reply<unknown>> {
      const checked = validateRequest(message);
      if ('error' in checked) return { ok: false, error: checked.error };
      // A web page's content script may ask only for what a page needs, about its own page.
      const refused = refusalFor(checked.request, sender);
      if (refused) return { ok: false, error: refused };
      try {
        await (typeof ready === 'function' ? ready() : ready);
        const handler = handlers[checked.request.type] as Handler<RequestType> | undefined;
        if (!handler) return { ok: false, error: `No handler for "${checked.request.type}".` };
        return { ok: true, value: await handler(checked.request as never, sender) };
      } catch (error) {
        // A database failure is told in the reader's words; any other error as it is.
        return { ok: false, error: storageFailureMessage(error) ?? (error instanceof Error ? error.message : String(error)) };
      }
    },
  };
}
