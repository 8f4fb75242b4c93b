/**
 * The pack the extension ships, built from corpus/ with `npm run kb`. The WXT build hook and the
 * type-check both ask for it; it is rebuilt only when the corpus or the code that reads it changed
 * (a fingerprint of those files sits beside it), so `npm test` builds it once, not once per step.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
export const BUNDLED_PACK = join(ROOT, '.generated', 'bundled-pack.json');
const FINGERPRINT = `${BUNDLED_PACK}.fingerprint`;
/** What the pack depends on: the documents, the ingestion code and its data, and the CLI. */
const INPUTS = ['corpus', 'core', join('scripts', 'kb.ts')];

function filesUnder(path: string): string[] {
  const absolute = join(ROOT, path);
  if (!statSync(absolute).isDirectory()) return [path];
  return readdirSync(absolute, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

function fingerprint(): string {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap(filesUnder).sort())
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(join(ROOT, file)))
      .update('\0');
  return hash.digest('hex');
}

/** Builds the bundled pack unless the one on disk was built from the same files; says which. */
export function ensureBundledPack(): 'built' | 'up to date' {
  const current = fingerprint();
  if (existsSync(BUNDLED_PACK) && existsSync(FINGERPRINT) && readFileSync(FINGERPRINT, 'utf8') === current) return 'up to date';
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'scripts', 'kb.ts'), join(ROOT, 'corpus'), '--out', BUNDLED_PACK], { stdio: 'inherit' });
  writeFileSync(FINGERPRINT, current);
  return 'built';
}
