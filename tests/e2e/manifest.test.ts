/**
 * What the built extensions ask for and load (.output/chrome-mv3, .output/firefox-mv2): the
 * fewest permissions that work, the browsers' default strict policy for extension pages, no
 * code or style from elsewhere, and the Firefox store's declarations.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHROME_BUILD, FIREFOX_BUILD } from '@/scripts/lib/browsers';

const manifest = (build: string) => JSON.parse(readFileSync(join(build, 'manifest.json'), 'utf8')) as Record<string, unknown>;

function filesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesOf(join(dir, entry.name)) : [join(dir, entry.name)]));
}

/** Every script and stylesheet address an HTML file loads (src and href of script and link elements). */
function loadedAddresses(html: string): string[] {
  return [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*["']?([^"'\s>]+)/gi)].map((match) => match[1]);
}

describe.each([
  ['Chromium', CHROME_BUILD, ['unlimitedStorage', 'contextMenus', 'tabs', 'sidePanel']],
  ['Firefox', FIREFOX_BUILD, ['unlimitedStorage', 'contextMenus', 'tabs']],
])('the %s build', (_, build, permissions) => {
  it('asks only for the permissions README.md explains, and for no site beyond what its content script reads', () => {
    const { permissions: asked, optional_permissions, host_permissions } = manifest(build) as { permissions: string[]; optional_permissions?: string[]; host_permissions?: string[] };
    expect(asked).toEqual(permissions);
    expect(optional_permissions).toBeUndefined();
    expect(host_permissions).toBeUndefined();
    const readme = readFileSync('README.md', 'utf8');
    for (const permission of permissions) expect(readme, permission).toMatch(new RegExp(`\\*\\*\`${permission}\`\\*\\*`));
  });

  it('keeps the default content security policy for its pages and loads no script or style from elsewhere', () => {
    expect(manifest(build)).not.toHaveProperty('content_security_policy');
    const files = filesOf(build);
    const pages = files.filter((file) => file.endsWith('.html'));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const page of pages) {
      const addresses = loadedAddresses(readFileSync(page, 'utf8'));
      expect(addresses.length, page).toBeGreaterThan(0);
      expect(
        addresses.filter((address) => /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(address)),
        page,
      ).toEqual([]);
    }
    // Nor does any script fetch code at run time from an address of its own.
    for (const script of files.filter((file) => file.endsWith('.js'))) {
      expect(readFileSync(script, 'utf8'), script).not.toMatch(/\b(?:importScripts|import)\s*\(\s*["'`](?:https?:)?\/\//);
    }
  });

  it('carries none of the early stops of the partial builds that npm run bench:parts times: they are compiled away', () => {
    // A partial build stops where this expression says (wxt.config.ts); a release build compares constants, which the minifier removes.
    expect(readFileSync(join(build, 'content-scripts', 'content.js'), 'utf8')).not.toContain('contestoContentStop');
  });

  it("keeps its content script small: none of ingestion's gazetteers or date parser, which only the import worker carries", () => {
    const contentScript = readFileSync(join(build, 'content-scripts', 'content.js'), 'utf8');
    const importWorker = filesOf(build).find((file) => /import\.worker.*\.js$/.test(file))!;
    // A town of the place gazetteer and a tag of chrono-node: present where documents are ingested, absent from every page.
    for (const marker of ['abbiategrasso', 'casualReference']) {
      expect(readFileSync(importWorker, 'utf8'), marker).toContain(marker);
      expect(contentScript, marker).not.toContain(marker);
    }
    // What every page parses before its first highlight: 104 KiB when this budget was set.
    expect(contentScript.length).toBeLessThan(128 * 1024);
  });
});

describe('the Firefox build', () => {
  it('carries its add-on id and declares that it collects no data', () => {
    expect(manifest(FIREFOX_BUILD).browser_specific_settings).toMatchObject({ gecko: { id: 'contesto@contesto.invalid', data_collection_permissions: { required: ['none'] } } });
  });
});
