import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

import react from '@vitejs/plugin-react';
import { chromium } from 'playwright-core';
import { build } from 'vite';

/** What one run measures; see bench/README.md. */
export interface ListRenderOptions {
  rows: number;
  iterations: number;
  warmup: number;
}

interface Timing {
  /** From the render call to the second frame after it (commit, style, layout, paint). */
  ms: number;
  /** React's synchronous render and commit only. */
  commitMs: number;
  rows: number;
  longTasks: number[];
}

/** What the page exposes (bench/list-render/page.tsx); the node tsconfig has no DOM types. */
interface BenchPage {
  document: { title: string };
  __bench: {
    setup(count: number): number;
    clear(): Promise<void>;
    table(query?: object): Promise<Timing>;
    baseline(): Promise<Timing>;
  };
}

interface Stats {
  n: number;
  medianMs: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  const round = (value: number): number => Math.round(value * 100) / 100;
  const middle = sorted.length / 2;
  const median =
    sorted.length % 2 === 1
      ? (sorted[Math.floor(middle)] ?? NaN)
      : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
  return {
    n: sorted.length,
    medianMs: round(median),
    p95Ms: round(at(0.95)),
    minMs: round(sorted[0] ?? NaN),
    maxMs: round(sorted.at(-1) ?? NaN),
  };
}

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

const contentTypes: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
};

/** Serves a built page on 127.0.0.1 (Chromium will not load module scripts from file://). */
async function serve(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((request, response) => {
    const path = normalize(decodeURIComponent((request.url ?? '/').split('?')[0] ?? '/')).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    const file = join(dir, path === '/' ? 'index.html' : path);
    readFile(file).then(
      (body) => {
        response.writeHead(200, {
          'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
        });
        response.end(body);
      },
      () => {
        response.writeHead(404);
        response.end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/index.html`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Renders the containers list with `rows` containers in headless Chromium and compares it with rendering the
 * same rows as plain `<div>`s (what a list without virtualisation costs), then times a search and a re-sort of
 * the mounted list. Prints a table and writes `bench/results/list-render-<time>.json`.
 */
export async function main(options: ListRenderOptions): Promise<void> {
  const { rows, iterations, warmup } = options;
  const outDir = await mkdtemp(join(tmpdir(), 'berth-bench-page-'));
  const browser = await chromium.launch({
    executablePath: process.env.BERTH_E2E_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
  let server: Awaited<ReturnType<typeof serve>> | undefined;
  try {
    // Vite keeps a NODE_ENV it finds, and the module runner sets `development`: without this the page would
    // measure React's development build (prop validation, dev JSX), which the app never ships.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    await build({
      mode: 'production',
      root: join(here, 'list-render'),
      base: './',
      configFile: false,
      logLevel: 'error',
      plugins: [react()],
      build: { outDir, emptyOutDir: true, minify: true },
    }).finally(() => {
      process.env.NODE_ENV = nodeEnv;
    });
    server = await serve(outDir);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(server.url);
    await page.waitForFunction(() => (globalThis as unknown as BenchPage).document.title === 'ready');
    const made = await page.evaluate(
      (count) => (globalThis as unknown as BenchPage).__bench.setup(count),
      rows,
    );
    if (made !== rows) throw new Error(`the page made ${made} containers, expected ${rows}`);

    type Kind = 'table' | 'baseline' | 'search' | 'sort';
    const kinds: Kind[] = ['table', 'baseline', 'search', 'sort'];
    const samples = Object.fromEntries(
      kinds.map((kind) => [kind, { paint: [] as number[], commit: [] as number[] }]),
    ) as Record<Kind, { paint: number[]; commit: number[] }>;
    const record = (kind: Kind, timing: Timing): void => {
      samples[kind].paint.push(timing.ms);
      samples[kind].commit.push(timing.commitMs);
    };
    let mountedRows = 0;
    let baselineRows = 0;
    let longestTableTask = 0;
    for (let round = 0; round < warmup + iterations; round++) {
      const measured = round >= warmup;
      // Alternate which goes first, so drift (GC, thermal) hits both alike.
      const order = round % 2 === 0 ? (['table', 'baseline'] as const) : (['baseline', 'table'] as const);
      for (const kind of order) {
        await page.evaluate(() => (globalThis as unknown as BenchPage).__bench.clear());
        const timing = await page.evaluate(
          (which) =>
            which === 'table'
              ? (globalThis as unknown as BenchPage).__bench.table()
              : (globalThis as unknown as BenchPage).__bench.baseline(),
          kind,
        );
        if (!measured) continue;
        record(kind, timing);
        if (kind === 'table') {
          mountedRows = timing.rows;
          longestTableTask = Math.max(longestTableTask, ...timing.longTasks, 0);
        } else baselineRows = timing.rows;
      }
      // The table is mounted (it ran last or is re-rendered now): a search, then a re-sort, as updates.
      await page.evaluate(() => (globalThis as unknown as BenchPage).__bench.table());
      const search = await page.evaluate(() =>
        (globalThis as unknown as BenchPage).__bench.table({ search: 'service-1 web' }),
      );
      const sort = await page.evaluate(() =>
        (globalThis as unknown as BenchPage).__bench.table({ sort: { key: 'created', direction: 'desc' } }),
      );
      if (measured) {
        record('search', search);
        record('sort', sort);
      }
    }

    const results = Object.fromEntries(
      kinds.map((kind) => [
        kind,
        { toPaint: stats(samples[kind].paint), commit: stats(samples[kind].commit) },
      ]),
    ) as Record<Kind, { toPaint: Stats; commit: Stats }>;
    const over = (kind: Kind, phase: 'toPaint' | 'commit', of: 'medianMs' | 'p95Ms' = 'medianMs') =>
      results[kind][phase][of] / results.baseline[phase][of];
    const ratio = {
      'table / plain divs, to paint (median)': over('table', 'toPaint'),
      'table / plain divs, to paint (p95)': over('table', 'toPaint', 'p95Ms'),
      'table / plain divs, commit (median)': over('table', 'commit'),
      'search update / plain divs, to paint (median)': over('search', 'toPaint'),
      'sort update / plain divs, to paint (median)': over('sort', 'toPaint'),
    };
    const labels: Record<Kind, string> = {
      table: `ContainerTable, ${rows} rows, first render`,
      baseline: `${rows} plain <div> rows, first render`,
      search: 'ContainerTable, search update',
      sort: 'ContainerTable, re-sort update',
    };
    console.log('');
    console.log(
      `[bench] list render in headless Chromium, ${rows} containers, ${iterations} iterations each`,
    );
    console.log('');
    console.table(
      Object.fromEntries(
        kinds.map((kind) => [
          labels[kind],
          {
            'to paint, median ms': results[kind].toPaint.medianMs,
            'to paint, p95 ms': results[kind].toPaint.p95Ms,
            'commit, median ms': results[kind].commit.medianMs,
            n: results[kind].toPaint.n,
          },
        ]),
      ),
    );
    console.table(
      Object.fromEntries(
        Object.entries(ratio).map(([key, value]) => [key, { ratio: Number(value.toFixed(3)) }]),
      ),
    );
    console.log(
      `[bench] rows in the DOM: table ${mountedRows}, plain ${baselineRows}; longest task during a table render ${longestTableTask.toFixed(0)} ms`,
    );

    const resultsDir = join(root, 'bench', 'results');
    await mkdir(resultsDir, { recursive: true });
    const file = join(resultsDir, `list-render-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    await writeFile(
      file,
      `${JSON.stringify(
        {
          benchmark: 'list-render',
          at: new Date().toISOString(),
          options,
          chromium: browser.version(),
          machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model },
          results,
          ratio,
          mountedRows,
          baselineRows,
          longestTableTaskMs: longestTableTask,
        },
        null,
        2,
      )}\n`,
    );
    console.log(`\n[bench] results written to ${file}`);
  } finally {
    await server?.close();
    await browser.close();
    await rm(outDir, { recursive: true, force: true });
  }
}
