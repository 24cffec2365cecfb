// Runs Berth's benchmarks against private dockerds (no Electron needed). The core is TypeScript, so it is
// loaded through Vite's module runner (`runnerImport`) rather than built: what runs is the same source the tests
// use, transformed per module, with dockerode loaded by Node as usual. Each benchmark starts and removes its own
// daemon; `--only` picks some of them.
//
//   node bench/run.mjs [--only list-render,list-latency,log-open,log-follow,hosts-latency,log-frames,startup,
//                              event-latency,event-cost,palette]
//                      [--rows 5000] [--containers 1000] [--iterations 30] [--warmup 3]
//                      [--log-lines 1000000] [--follow-seconds 5] [--follow-rounds 3] [--frame-seconds 10]
//                      [--event-containers 5000] [--event-rounds 10]
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { createRunnableDevEnvironment, mergeConfig, resolveConfig } from 'vite';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    containers: { type: 'string', default: '1000' },
    rows: { type: 'string', default: '5000' },
    iterations: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '3' },
    'log-lines': { type: 'string', default: '1000000' },
    'follow-seconds': { type: 'string', default: '5' },
    'follow-rounds': { type: 'string', default: '3' },
    'frame-seconds': { type: 'string', default: '10' },
    'fleet-hosts': { type: 'string', default: '50' },
    'fleet-containers': { type: 'string', default: '1000' },
    'fleet-events': { type: 'string', default: '500' },
    'fleet-event-seconds': { type: 'string', default: '60' },
    'fleet-hidden-seconds': { type: 'string', default: '60' },
    'event-containers': { type: 'string', default: '5000' },
    'event-rounds': { type: 'string', default: '10' },
  },
});
const numbers = {};
for (const [name, value] of Object.entries(values)) {
  if (name === 'only') continue;
  const number = Number(value);
  if (!Number.isInteger(number) || number < (name === 'warmup' ? 0 : 1)) {
    console.error(`--${name} must be a positive integer`);
    process.exit(2);
  }
  numbers[name] = number;
}

const benchmarks = {
  'list-render': {
    file: 'bench/list-render.ts',
    options: { rows: numbers.rows, iterations: numbers.iterations, warmup: numbers.warmup },
  },
  'list-latency': {
    file: 'bench/list-latency.ts',
    options: { containers: numbers.containers, iterations: numbers.iterations, warmup: numbers.warmup },
  },
  'log-open': {
    file: 'bench/log-open.ts',
    options: {
      lines: numbers['log-lines'],
      tail: 1000,
      iterations: numbers.iterations,
      warmup: numbers.warmup,
    },
  },
  'log-follow': {
    file: 'bench/log-follow.ts',
    options: { seconds: numbers['follow-seconds'], rounds: numbers['follow-rounds'] },
  },
  'hosts-latency': {
    file: 'bench/hosts-latency.ts',
    options: { iterations: numbers.iterations, warmup: numbers.warmup },
  },
  'log-frames': { file: 'bench/log-frames.ts', options: { seconds: numbers['frame-seconds'] } },
  startup: {
    file: 'bench/startup.ts',
    // Each round launches the app: a few are enough.
    options: { containers: 200, iterations: Math.min(numbers.iterations, 8), warmup: 1 },
  },
  'event-latency': {
    file: 'bench/event-latency.ts',
    options: {
      sizes: [100, numbers['event-containers']],
      iterations: numbers.iterations,
      warmup: numbers.warmup,
    },
  },
  'event-cost': {
    file: 'bench/event-cost.ts',
    options: { sizes: [100, numbers['event-containers']], rounds: numbers['event-rounds'] },
  },
  // Pure CPU, no daemon: not in the default set (it says nothing about the Docker path); `--only palette`.
  // The fleet: Engine API simulators (bench/fleet); opt-in, see bench/README.md.
  fleet: {
    file: 'bench/fleet/fleet.ts',
    options: {
      hosts: numbers['fleet-hosts'],
      containers: numbers['fleet-containers'],
      eventsPerSecond: numbers['fleet-events'],
      eventSeconds: numbers['fleet-event-seconds'],
      hiddenSeconds: numbers['fleet-hidden-seconds'],
    },
    optIn: true,
  },
  'fleet-record': { file: 'bench/fleet/record.ts', options: {}, optIn: true },
  palette: {
    file: 'bench/palette.ts',
    options: { containers: 5000, images: 3000, iterations: numbers.iterations, warmup: numbers.warmup },
    optIn: true,
  },
};

const selected =
  values.only === undefined
    ? Object.keys(benchmarks).filter((name) => benchmarks[name].optIn !== true)
    : values.only.split(',').map((s) => s.trim());
for (const name of selected) {
  if (!(name in benchmarks)) {
    console.error(`unknown benchmark "${name}"; known: ${Object.keys(benchmarks).join(', ')}`);
    process.exit(2);
  }
}

// CommonJS packages whose named exports Node cannot detect (ssh2 sets `utils` in a way cjs-module-lexer misses):
// served as a small ES module that re-exports every property, as bundlers and vitest do.
const requireFromRoot = createRequire(resolve(root, 'package.json'));
const cjsNamedExports = {
  name: 'bench-cjs-named-exports',
  enforce: 'pre',
  resolveId(id) {
    return id.startsWith('\0bench-cjs:') ? id : undefined;
  },
  load(id) {
    if (!id.startsWith('\0bench-cjs:')) return undefined;
    const name = id.slice('\0bench-cjs:'.length);
    const keys = Object.keys(requireFromRoot(name)).filter((key) => /^[A-Za-z_$][\w$]*$/.test(key));
    return [
      `import { createRequire } from 'node:module';`,
      `const m = createRequire(${JSON.stringify(resolve(root, 'package.json'))})(${JSON.stringify(name)});`,
      'export default m;',
      ...keys.map((key) => `export const ${key} = m.${key};`),
    ].join('\n');
  },
};

/**
 * Vite's `runnerImport`, except that the module runner stays open until `use` is done: the core loads some modules
 * only when needed (`import()`, e.g. the SSH transport), and a closed runner cannot load them.
 */
async function withRunner(file, use) {
  const config = await resolveConfig(
    mergeConfig(
      {
        root,
        configFile: false,
        logLevel: 'error',
        plugins: [cjsNamedExports],
        resolve: { alias: [{ find: /^ssh2$/, replacement: '\0bench-cjs:ssh2' }] },
      },
      {
        envDir: false,
        cacheDir: process.cwd(),
        environments: {
          inline: {
            consumer: 'server',
            dev: { moduleRunnerTransform: true },
            resolve: { external: true, mainFields: [], conditions: ['node'] },
          },
        },
      },
    ),
    'serve',
  );
  const environment = createRunnableDevEnvironment('inline', config, {
    runnerOptions: { hmr: { logger: false } },
    hot: false,
  });
  await environment.init();
  try {
    await use(await environment.runner.import(file));
  } finally {
    await environment.close();
  }
}

for (const name of selected) {
  const { file, options } = benchmarks[name];
  console.log(`\n===== ${name} =====`);
  await withRunner(resolve(root, file), (module) => module.main(options));
}
