/** Stopping Contesto's MV3 service worker as Chromium does when it is idle, through the DevTools protocol. */
import type { BrowserContext, Page } from 'playwright-core';

/** How long a stop may take before the helper says so (rather than the test's own timeout, without a word). */
const STOP_TIMEOUT_MS = 15_000;

/**
 * The protocol's way to stop the profile's service workers, ready to fire: `stop()` resolves once
 * the protocol reports Contesto's worker stopped (Playwright's worker object outlives the worker,
 * so it cannot tell); `stopRepeatedly()` stops them again and again, so that a message sent
 * meanwhile meets a worker that is stopping, or starting again and stopped mid-answer.
 */
export async function workerStopper(context: BrowserContext, from: Page, extensionId: string) {
  const cdp = await context.newCDPSession(from);
  // Each of Contesto's worker versions and its state, from the report that enabling the domain sends and every change after.
  const states = new Map<string, string>();
  const changed = new Set<() => void>();
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const version of versions) if (version.scriptURL.startsWith(`chrome-extension://${extensionId}/`)) states.set(version.versionId, version.runningStatus);
    for (const listener of changed) listener();
  });
  await cdp.send('ServiceWorker.enable');
  const allStopped = () => states.size > 0 && [...states.values()].every((state) => state === 'stopped');
  return {
    /** Whether a version of Contesto's worker is starting or running, as the protocol last reported. */
    awake: () => [...states.values()].some((state) => state === 'starting' || state === 'running'),
    /** Resolves once the protocol reports every version of Contesto's worker stopped (at once if it already was); throws after STOP_TIMEOUT_MS. */
    async stop() {
      await cdp.send('ServiceWorker.stopAllWorkers');
      await new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!allStopped()) return;
          changed.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          changed.delete(check);
          reject(new Error(`Contesto's worker did not stop within ${STOP_TIMEOUT_MS} ms (its versions: ${JSON.stringify([...states])})`));
        }, STOP_TIMEOUT_MS);
        changed.add(check);
        check();
      });
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
