/** Stopping Contesto's MV3 service worker as Chromium does when it is idle, through the DevTools protocol. */
import type { BrowserContext, Page } from 'playwright-core';

/**
 * The protocol's way to stop the profile's service workers, ready to fire: `stop()` resolves once
 * the protocol reports Contesto's worker stopped (Playwright's worker object outlives the worker,
 * so it cannot tell); `stopRepeatedly()` stops them again and again, so that a message sent
 * meanwhile meets a worker that is stopping, or starting again and stopped mid-answer.
 */
export async function workerStopper(context: BrowserContext, from: Page, extensionId: string) {
  const cdp = await context.newCDPSession(from);
  await cdp.send('ServiceWorker.enable');
  return {
    async stop() {
      const stopped = new Promise<void>((resolve) =>
        cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
          if (versions.some((version) => version.scriptURL.startsWith(`chrome-extension://${extensionId}/`) && version.runningStatus === 'stopped')) resolve();
        }),
      );
      await cdp.send('ServiceWorker.stopAllWorkers');
      await stopped;
    },
    /** Stops the workers again and again until the returned function is called (it resolves once the last stop is done). */
    stopRepeatedly(): () => Promise<void> {
      let stopping = true;
      const done = (async () => {
        while (stopping) {
          await cdp.send('ServiceWorker.stopAllWorkers');
          // A worker that is starting again is stopped a moment later, when it may be answering.
          await new Promise((resolve) => setTimeout(resolve, 3));
        }
      })();
      return () => {
        stopping = false;
        return done;
      };
    },
    detach: () => cdp.detach(),
  };
}

/** Stops Contesto's background as the browser would and waits until it has stopped. */
export async function stopBackground(context: BrowserContext, from: Page, extensionId: string): Promise<void> {
  const stopper = await workerStopper(context, from, extensionId);
  try {
    await stopper.stop();
  } finally {
    await stopper.detach();
  }
}
