// Runs Berth's benchmarks against a private dockerd (no Electron needed). The core is TypeScript, so it is
// loaded through Vite's module runner (`runnerImport`) rather than built: what runs is the same source the tests
// use, transformed per module, with dockerode loaded by Node as usual.
//
//   node bench/run.mjs [--containers 1000] [--iterations 30] [--warmup 3]
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { runnerImport } from 'vite';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const { values } = parseArgs({
  options: {
    containers: { type: 'string', default: '1000' },
    iterations: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '3' },
  },
});
const options = {
  containers: Number(values.containers),
  iterations: Number(values.iterations),
  warmup: Number(values.warmup),
};
for (const [name, value] of Object.entries(options)) {
  if (!Number.isInteger(value) || value < (name === 'warmup' ? 0 : 1)) {
    console.error(`--${name} must be a positive integer`);
    process.exit(2);
  }
}

const { module } = await runnerImport(resolve(root, 'bench/list-latency.ts'), {
  root,
  configFile: false,
  logLevel: 'error',
});
await module.main(options);
