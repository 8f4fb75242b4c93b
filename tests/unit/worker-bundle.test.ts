import { mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledScript } from '../../scripts/lib/worker-bundle';

describe('the bundled script of a worker thread (npm run kb)', () => {
  const folder = mkdtemp(join(tmpdir(), 'contesto-bundle-'));
  // A name of its own, so that the cache entry is this test's alone.
  const name = `probe-${process.pid}`;
  const cached = join('node_modules', '.cache', 'contesto', `${name}.cjs`);
  afterAll(async () => {
    await rm(await folder, { recursive: true, force: true });
    await Promise.all([cached, cached.replace(/\.cjs$/, '.json')].map((file) => rm(file, { force: true })));
  });

  it('is kept while no file it was built from changes, and built again when one does', async () => {
    const entry = join(await folder, `${name}.ts`);
    const part = join(await folder, 'part.ts');
    await writeFile(entry, "import { word } from './part';\nconsole.log(word);\n");
    await writeFile(part, "export const word = 'first-version';\n");
    expect(await bundledScript(entry)).toContain('first-version');
    const built = (await stat(cached)).mtimeMs;
    expect(await bundledScript(entry)).toContain('first-version');
    expect((await stat(cached)).mtimeMs).toBe(built);

    await writeFile(part, "export const word = 'second-version';\n");
    // A later modification time, whatever the file system's clock resolution.
    await utimes(part, new Date(), new Date(Date.now() + 5_000));
    const rebuilt = await bundledScript(entry);
    expect(rebuilt).toContain('second-version');
    expect(rebuilt).not.toContain('first-version');
  });
});
