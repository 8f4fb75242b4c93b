/** Helpers for tests that drive Contesto's own pages (side panel, popup) next to a web page. */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import type { browser } from 'wxt/browser';
import { withPopoverRoot } from './harness';

declare global {
  /** The extension API inside functions the tests evaluate in extension pages and the service worker. */
  const chrome: typeof browser;
}

export async function openExtensionPage(context: BrowserContext, extensionId: string, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/${path}`);
  return page;
}

/**
 * The extension's own package: its origin, and the per-session one under which Chromium lets pages (and our
 * content script) load its web-accessible files. Neither is the network.
 */
export async function packageOrigins(context: BrowserContext, extensionId: string): Promise<string[]> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const dynamicId = await worker.evaluate(() => (chrome.runtime as unknown as { dynamicId: string }).dynamicId);
  return [`chrome-extension://${extensionId}/`, `chrome-extension://${dynamicId}/`];
}

/** The id of the tab showing `url`, asked from an extension page (which may use chrome.tabs). */
export async function tabIdOf(extensionPage: Page, url: string): Promise<number> {
  const id = await extensionPage.evaluate(async (wanted) => (await chrome.tabs.query({ url: wanted }))[0]?.id, url);
  if (id === undefined) throw new Error(`No tab shows ${url}`);
  return id;
}

export interface StoredNoteRow {
  id: string;
  target: unknown;
  body: string;
  tags: string[];
  created: string;
  updated: string;
  orphaned?: boolean;
}

/** Evaluated in an extension page (of either browser): the rows of one table of the extension's database, read with the bare IndexedDB API. */
export function readTable(name: string): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('contesto');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const read = open.result.transaction(name).objectStore(name).getAll();
      read.onsuccess = () => {
        open.result.close();
        resolve(read.result);
      };
      read.onerror = () => reject(read.error);
    };
  });
}

/** The rows of one table of the extension's database, from an extension page. */
export async function storedRows<T>(extensionPage: Page, table: string): Promise<T[]> {
  return (await extensionPage.evaluate(readTable, table)) as T[];
}

/** The notes in the extension's database, sorted by id. */
export async function storedNotes(extensionPage: Page): Promise<StoredNoteRow[]> {
  return (await storedRows<StoredNoteRow>(extensionPage, 'notes')).sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** Sends a request of the message contract from an extension page, as the popup or side panel would. */
export function sendRequest(extensionPage: Page, type: string, payload: unknown): Promise<{ ok: boolean; value?: unknown; error?: string }> {
  return extensionPage.evaluate(([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }), [type, payload] as const);
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
}

const axeSource = () => readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SEVERE = ['serious', 'critical'];

/** Serious and critical accessibility violations of a page (axe-core, injected over the protocol so CSP does not apply). */
export async function severeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(await axeSource());
  return page.evaluate(async (severe) => {
    const result = await (
      window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: unknown[] }[] }> } }
    ).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.filter((v) => severe.includes(v.impact ?? '')).map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
  }, SEVERE);
}

/**
 * The same check on the popover. axe cannot enter a closed shadow root, so the test reaches the
 * root through the protocol and copies the popover with its styles into an open shadow root that
 * axe can read (same markup, same CSS, same theme), runs axe there and removes the copy.
 */
export async function severePopoverViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(await axeSource());
  const violations = await withPopoverRoot<AxeViolation[] | { error: string }>(
    page,
    `async function () {
      const host = document.createElement('div');
      const copy = host.attachShadow({ mode: 'open' });
      copy.adoptedStyleSheets = this.adoptedStyleSheets;
      copy.append(...[...this.querySelectorAll('style'), this.querySelector('.popover')].map((node) => node.cloneNode(true)));
      document.body.append(host);
      try {
        const result = await window.axe.run(host, { resultTypes: ['violations'] });
        return result.violations.filter((v) => ${JSON.stringify(SEVERE)}.includes(v.impact)).map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
      } catch (error) {
        return { error: String(error) };
      } finally {
        host.remove();
      }
    }`,
  );
  if (!violations) throw new Error('The popover is not on the page');
  if ('error' in violations) throw new Error(violations.error);
  return violations;
}
