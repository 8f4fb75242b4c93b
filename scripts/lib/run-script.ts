/** Runs another of the repository's TypeScript scripts in a Node process of its own, through tsx, and returns its exit code. */
import { spawnSync, type StdioOptions } from 'node:child_process';
import { join } from 'node:path';

export function runScript(script: string, args: string[], stdio: StdioOptions = 'inherit'): number {
  const { status } = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', script), ...args], { stdio });
  return status ?? 1;
}
