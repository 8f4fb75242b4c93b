/**
 * Launches Debian's Chromium and Firefox ESR with the built extension loaded, for the demo,
 * the end-to-end tests and the benchmark (recipe: docs in README, "Testing").
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const CHROME_BUILD = resolve('.output/chrome-mv3');
export const FIREFOX_BUILD = resolve('.output/firefox-mv2');

/** Flags that keep Chromium from reaching for a network this machine does not have. */
const QUIET_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface ChromiumWithExtension {
  context: BrowserContext;
  extensionId: string;
  close(): Promise<void>;
}

export async function launchChromium({
  headless = true,
  extension = CHROME_BUILD as string | null,
  profile,
}: { headless?: boolean; extension?: string | null; profile?: string } = {}): Promise<ChromiumWithExtension> {
  const userDataDir = profile ?? (await mkdtemp(join(tmpdir(), 'contesto-chromium-')));
  const args = [...QUIET_FLAGS, ...(extension ? [`--disable-extensions-except=${extension}`, `--load-extension=${extension}`] : [])];
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM_PATH, headless, args, viewport: { width: 1280, height: 900 } });
  let extensionId = '';
  if (extension) {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    extensionId = new URL(worker.url()).host;
  }
  return {
    context,
    extensionId,
    async close() {
      await context.close();
      if (!profile) await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface FirefoxWithExtension {
  browser: import('puppeteer-core').Browser;
  extensionId: string;
  close(): Promise<void>;
}

/** Firefox ESR over WebDriver BiDi (puppeteer-core), with the Firefox build installed temporarily. */
export async function launchFirefox({ extension = FIREFOX_BUILD }: { extension?: string } = {}): Promise<FirefoxWithExtension> {
  const puppeteer = (await import('puppeteer-core')).default;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    extraPrefsFirefox: { 'xpinstall.signatures.required': false, 'network.captive-portal-service.enabled': false, 'browser.safebrowsing.update.enabled': false },
  });
  const extensionId = await browser.installExtension(extension);
  return { browser, extensionId, close: () => browser.close() };
}
