/** What the real-browser tests and the screenshots read in a page: fixture server, demo page, highlights, the popover. No Vitest here, so scripts can use it too. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import type { Page as FirefoxPage } from 'puppeteer-core';
import type { FirstScan } from '@/core/messages';
import { parsePack, type Pack } from '@/core/pack';
import { demoPageHtml } from '@/scripts/lib/demo-page';
import { serveStatic, type StaticServer } from '@/scripts/lib/serve';

export const FIXTURE_PAGES = resolve('tests/fixtures/pages');

export async function bundledPack(): Promise<Pack> {
  return parsePack(await readFile('.generated/bundled-pack.json', 'utf8'));
}

/** Serves the fixture pages and, at /demo.html, the demo page made from the bundled corpus. */
export async function fixtureServer(): Promise<StaticServer & { requested: string[] }> {
  const server = await serveStatic(FIXTURE_PAGES);
  server.routes.set('/demo.html', ['text/html; charset=utf-8', demoPageHtml(await bundledPack())]);
  return Object.assign(server, { requested: [] as string[] });
}

export type FixtureServer = Awaited<ReturnType<typeof fixtureServer>>;

/*
 * What the tests read in the page, as functions evaluated there (self-contained: Playwright and
 * Puppeteer send their source), so that the Chromium and the Firefox tests read highlights alike.
 */

/** Highlighted text per type, read from CSS.highlights as the page sees it. */
export function readHighlights(): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, highlight] of CSS.highlights) {
    if (name.startsWith('contesto-')) result[name.slice(9)] = [...highlight].map((range) => (range as Range).toString());
  }
  return result;
}

/** True once Contesto has highlighted something. */
export function hasHighlights(): boolean {
  return [...CSS.highlights.keys()].some((name) => name.startsWith('contesto-'));
}

/** Scrolls the first highlighted range whose text is `wanted` into view; the centre of its first client rect, or null. */
export function centreOfHighlight(wanted: string): { x: number; y: number } | null {
  for (const [name, highlight] of CSS.highlights) {
    if (!name.startsWith('contesto-')) continue;
    for (const range of highlight as unknown as Iterable<Range>) {
      if (range.toString() !== wanted) continue;
      range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
      const rect = range.getClientRects()[0];
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    }
  }
  return null;
}

export function highlightedTexts(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(readHighlights);
}

export async function waitForHighlights(page: Page, timeout = 15_000): Promise<void> {
  await page.waitForFunction(hasHighlights, null, { timeout });
}

/** How many ranges Contesto has registered in CSS.highlights. */
export function registeredCount(): number {
  return [...CSS.highlights].filter(([name]) => name.startsWith('contesto-')).reduce((sum, [, h]) => sum + h.size, 0);
}

/** How many registered ranges show in the viewport. */
export function highlightsInView(): number {
  const ranges = [...CSS.highlights].filter(([name]) => name.startsWith('contesto-')).flatMap(([, h]) => [...(h as unknown as Iterable<Range>)]);
  return ranges.filter((range) => {
    const rect = range.getBoundingClientRect();
    return rect.height > 0 && rect.bottom > 0 && rect.top < innerHeight;
  }).length;
}

/**
 * Evaluated in one of Contesto's own pages (only the extension may ask a tab's content script): the
 * first scan of the page at `url`, as its content script tells it (tab/scan-state), or null when no
 * content script there answers. Self-contained, with no inner function: scripts run by tsx send their source too.
 */
export async function askScanState(url: string): Promise<FirstScan | null> {
  // Firefox's extension pages have `browser`; Chromium's have `chrome`, which returns promises too.
  const api = ((globalThis as { browser?: typeof chrome }).browser ?? chrome) as typeof chrome;
  for (const tab of await api.tabs.query({})) {
    if (tab.url !== url || tab.id === undefined) continue;
    try {
      const reply = (await api.tabs.sendMessage(tab.id, { type: 'tab/scan-state', payload: {} })) as { ok: boolean; value?: FirstScan | null } | undefined;
      return reply?.ok ? (reply.value ?? null) : null;
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * Runs `meanwhile` until Contesto's first scan of `page` has ended and drawn what it found, as its
 * content script tells `extensionPage` (one of Contesto's own pages); past `timeout`, throws.
 */
export async function untilScanned(
  page: Page | FirefoxPage,
  extensionPage: Page | FirefoxPage,
  meanwhile: () => Promise<unknown> = () => new Promise((r) => setTimeout(r, 250)),
  timeout = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeout;
  while ((await (extensionPage as Page).evaluate(askScanState, page.url()))?.endedAt == null) {
    if (Date.now() > deadline) throw new Error(`Contesto did not end its scan of ${page.url()} in ${timeout} ms`);
    await meanwhile();
  }
}

/**
 * The number of highlighted ranges once it has stopped changing for `stableMs` and for four polls in a
 * row (polled every 250 ms), while `meanwhile` runs between polls. Four polls, not time alone: while
 * the browser's own layout holds the main thread for seconds, a single poll waits that long too.
 */
export async function settledHighlightCount(page: Page | FirefoxPage, meanwhile: () => Promise<unknown> = () => new Promise((r) => setTimeout(r, 250)), stableMs = 1_000): Promise<number> {
  const count = () => (page as Page).evaluate(registeredCount);
  let last = -1;
  let stableSince = Date.now();
  let unchangedPolls = 0;
  for (;;) {
    await meanwhile();
    const now = await count();
    if (now !== last || now === 0) {
      last = now;
      stableSince = Date.now();
      unchangedPolls = 0;
    } else if (++unchangedPolls >= 4 && Date.now() - stableSince >= stableMs) return now;
  }
}

/** Counts how often each string occurs in `texts`. */
export function tally(texts: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) counts.set(text, (counts.get(text) ?? 0) + 1);
  return counts;
}

/**
 * Centre of the first client rect of the first highlighted range whose text is `text`, waited for:
 * matches are drawn in slices, so the one wanted may come a moment after the page's first.
 */
export async function highlightCentre(page: Page, text: string, timeout = 10_000): Promise<{ x: number; y: number }> {
  const found = await page.waitForFunction(centreOfHighlight, text, { timeout }).catch(() => null);
  if (!found) throw new Error(`No highlight reads "${text}"`);
  return (await found.jsonValue()) as { x: number; y: number };
}

/**
 * The popover lives in a closed shadow root that page scripts cannot reach; the test reaches
 * it the way DevTools does, through the protocol (DOM.getDocument with pierce).
 */
export async function withPopoverRoot<T>(page: Page, fn: string): Promise<T | null> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const host = findNode(root, (node) => node.nodeName === 'CONTESTO-POPOVER');
    const shadow = host?.shadowRoots?.[0];
    if (!shadow) return null;
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
    const { result } = await cdp.send('Runtime.callFunctionOn', { objectId: object.objectId!, functionDeclaration: fn, returnByValue: true, awaitPromise: true });
    return result.value as T;
  } finally {
    await cdp.detach();
  }
}

interface ProtocolNode {
  nodeName: string;
  backendNodeId: number;
  children?: ProtocolNode[];
  shadowRoots?: ProtocolNode[];
  contentDocument?: ProtocolNode;
}

function findNode(node: ProtocolNode, wanted: (node: ProtocolNode) => boolean): ProtocolNode | undefined {
  if (wanted(node)) return node;
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
    const found = findNode(child, wanted);
    if (found) return found;
  }
  return undefined;
}

/** The popover's visible text, or null when it is closed. */
export function popoverText(page: Page): Promise<string | null> {
  return withPopoverRoot<string | null>(
    page,
    `function () {
    const box = this.querySelector('.popover');
    return box && !box.hidden ? box.innerText : null;
  }`,
  );
}

/**
 * Runs an expression in the content script's isolated world of the page's main frame (where
 * `chrome.runtime` is Contesto's), as code inside the content script would, and returns its value.
 */
export async function inContentScript<T>(page: Page, extensionId: string, expression: string): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const contexts: { id: number; origin: string; auxData?: { isDefault?: boolean } }[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
    await cdp.send('Runtime.enable');
    const world = contexts.find((context) => context.origin === `chrome-extension://${extensionId}` && !context.auxData?.isDefault);
    if (!world) throw new Error('The content script has no isolated world in this page.');
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, contextId: world.id, awaitPromise: true, returnByValue: true });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value as T;
  } finally {
    await cdp.detach();
  }
}
