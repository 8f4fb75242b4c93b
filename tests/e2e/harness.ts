/** Shared set-up for the real-browser tests: the fixture server and the browsers as Vitest fixtures, and hovering until the card shows. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { test as base, expect } from 'vitest';
import { launchChromium, launchFirefox, type ChromiumWithExtension, type FirefoxWithExtension } from '@/scripts/lib/browsers';
import { fixtureServer, highlightCentre, popoverText, type FixtureServer } from './page-probes';

export * from './page-probes';

/**
 * Each test file gets one fixture server and one browser of each kind it asks for, started on
 * first use and closed after the file. Chromium keeps its profile in `profile`, so a test can
 * start it again on the same profile (the extension loaded afresh, the reader's data kept).
 */
export const test = base.extend<{ server: FixtureServer; profile: string; chromium: ChromiumWithExtension; firefox: FirefoxWithExtension }>({
  server: perFile(fixtureServer, (server) => server.close()),
  profile: perFile(
    () => mkdtemp(join(tmpdir(), 'contesto-chromium-')),
    (profile) => rm(profile, { recursive: true, force: true }),
  ),
  chromium: [
    async ({ profile }, use) => {
      const chromium = await launchChromium({ profile });
      await use(chromium);
      await chromium.close();
    },
    { scope: 'file' },
  ],
  firefox: perFile(launchFirefox, (firefox) => firefox.close()),
});

/** A fixture that needs no other: started on the file's first use, stopped after the file. */
export function perFile<T>(start: () => Promise<T>, stop: (value: T) => Promise<unknown>): [(context: object, use: (value: T) => Promise<void>) => Promise<void>, { scope: 'file' }] {
  return [
    async ({}, use) => {
      const value = await start();
      await use(value);
      await stop(value);
    },
    { scope: 'file' },
  ];
}

/** Hovers the highlight that reads `text` and waits for the popover to show `expected`. */
export async function hoverForPopover(page: Page, text: string, expected = text): Promise<void> {
  const point = await highlightCentre(page, text);
  await page.mouse.move(point.x, point.y);
  await expect.poll(() => popoverText(page), { timeout: 5_000 }).toContain(expected);
}
