/**
 * `npm run bench`: the ingestion benchmark (scripts/bench-ingest.ts), then the highlighting one
 * (scripts/bench.ts), which gets the arguments. `npm run bench -- --scale`: the scale benchmark
 * alone (scripts/bench-scale.ts), with the other arguments. npm appends arguments to a script's
 * last command only, so the choice is made here.
 */
import { runScript } from './lib/run-script';

const args = process.argv.slice(2);
process.exitCode = args.includes('--scale')
  ? runScript(
      'bench-scale.ts',
      args.filter((arg) => arg !== '--scale'),
    )
  : runScript('bench-ingest.ts', []) || runScript('bench.ts', args);
