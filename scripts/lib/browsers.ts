/**
 * Launches a Chromium-family browser (Debian's Chromium for the tests) and Firefox ESR with the
 * built extension loaded, for the demo, the end-to-end tests and the benchmark.
 */
import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

const BROWSER_COMMANDS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
const MAC_APPLICATIONS = ['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];
/** Inside a Playwright browser folder (`npx playwright install chromium`), per platform and version. */
const PLAYWRIGHT_EXECUTABLES = ['chrome-linux64/chrome', 'chrome-linux/chrome', 'chrome-mac-arm64/Chromium.app/Contents/MacOS/Chromium', 'chrome-mac/Chromium.app/Contents/MacOS/Chromium'];

/** What to do when findChromium finds nothing, in one line. */
export const NO_CHROMIUM_ADVICE =
  'No Chromium-family browser found: install Chromium (Debian/Ubuntu: sudo apt install chromium; anywhere: npx playwright install chromium) or set CHROME_PATH to a Chromium or Chrome executable.';

/**
 * A Chromium-family browser, looked for the usual ways: CHROME_PATH or CHROMIUM_PATH, the usual
 * commands on the PATH (Debian's /usr/bin/chromium among them), the macOS applications, and a
 * Chromium that Playwright installed before (newest first); undefined when there is none.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const onPath = (env.PATH ?? '').split(delimiter).filter(Boolean);
  const home = env.HOME || homedir();
  const playwrightRoots = env.PLAYWRIGHT_BROWSERS_PATH ? [env.PLAYWRIGHT_BROWSERS_PATH] : [join(home, '.cache/ms-playwright'), join(home, 'Library/Caches/ms-playwright')];
  const candidates = [
    env.CHROME_PATH,
    env.CHROMIUM_PATH,
    ...BROWSER_COMMANDS.flatMap((command) => onPath.map((dir) => join(dir, command))),
    ...MAC_APPLICATIONS,
    ...playwrightRoots.flatMap((root) => playwrightChromiums(root).flatMap((dir) => PLAYWRIGHT_EXECUTABLES.map((path) => join(dir, path)))),
  ];
  return candidates.find((path): path is string => !!path && isExecutable(path));
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The `chromium-<revision>` folders of a Playwright browser cache, newest first. */
function playwrightChromiums(root: string): string[] {
  try {
    const revision = (name: string) => Number(name.slice('chromium-'.length));
    return readdirSync(root)
      .filter((name) => /^chromium-\d+$/.test(name))
      .sort((a, b) => revision(b) - revision(a))
      .map((name) => join(root, name));
  } catch {
    return [];
  }
}

export const CHROMIUM_PATH = findChromium() ?? '/usr/bin/chromium';
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
  executablePath = CHROMIUM_PATH,
  extraArgs = [],
}: { headless?: boolean; extension?: string | null; profile?: string; executablePath?: string; extraArgs?: string[] } = {}): Promise<ChromiumWithExtension> {
  const userDataDir = profile ?? (await mkdtemp(join(tmpdir(), 'contesto-chromium-')));
  const args = [...QUIET_FLAGS, ...extraArgs, ...(extension ? [`--disable-extensions-except=${extension}`, `--load-extension=${extension}`] : [])];
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath, headless, args, viewport: { width: 1280, height: 900 } });
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
