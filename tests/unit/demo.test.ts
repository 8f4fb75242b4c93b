import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { findChromium, NO_CHROMIUM_ADVICE } from '@/scripts/lib/browsers';

const empty = await mkdtemp(join(tmpdir(), 'contesto-no-browser-'));
afterAll(() => rm(empty, { recursive: true, force: true }));

describe('npm run demo on a machine without a Chromium-family browser', () => {
  it('says in one line what to install, prints the entities the demo page would highlight, and exits 0', { timeout: 60_000 }, async () => {
    // No browser anywhere: the given path is missing, the PATH and the home folder are empty.
    const env = { PATH: empty, HOME: empty, CHROME_PATH: join(empty, 'missing-chrome') };
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/demo.ts', '--headless'], { env });
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(NO_CHROMIUM_ADVICE);
    expect(lines[1]).toMatch(/^Without a browser, the demo page would highlight \(from 1 document, \d+ entities in the pack\):$/);
    expect(lines.slice(2).join('\n')).toMatch(/^ {2}person \(\d+\): .*Kim Jong-un.*Vladimir Putin/m);
    expect(lines.slice(2).join('\n')).toMatch(/^ {2}place \(\d+\): .*Pyongyang ×\d.*Corea del Nord ×\d/m);
    expect(stderr).toBe('');
  });
});

describe('finding a browser', () => {
  it('takes CHROME_PATH or CHROMIUM_PATH, then the usual commands on the PATH, then a Chromium Playwright installed, newest first', async () => {
    const executable = async (path: string) => {
      await mkdir(join(path, '..'), { recursive: true });
      await writeFile(path, '#!/bin/sh\n');
      await chmod(path, 0o755);
      return path;
    };
    const home = join(empty, 'home');
    const bin = join(empty, 'bin');
    const older = await executable(join(home, '.cache/ms-playwright/chromium-999/chrome-linux/chrome'));
    const newer = await executable(join(home, '.cache/ms-playwright/chromium-1200/chrome-linux64/chrome'));
    expect(findChromium({ PATH: bin, HOME: home })).toBe(newer);
    expect(findChromium({ PATH: bin, HOME: empty, PLAYWRIGHT_BROWSERS_PATH: join(home, '.cache/ms-playwright') })).toBe(newer);
    const onPath = await executable(join(bin, 'google-chrome-stable'));
    expect(findChromium({ PATH: bin, HOME: home })).toBe(onPath);
    expect(findChromium({ PATH: bin, HOME: home, CHROMIUM_PATH: older })).toBe(older);
    expect(findChromium({ PATH: bin, HOME: home, CHROME_PATH: join(empty, 'missing') })).toBe(onPath);
    expect(findChromium({ PATH: join(empty, 'nothing'), HOME: join(empty, 'nobody') })).toBeUndefined();
  });
});
