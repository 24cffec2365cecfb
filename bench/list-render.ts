import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

import react from '@vitejs/plugin-react';
import { chromium } from 'playwright-core';
import { build } from 'vite';

import {
  inMs,
  printHeading,
  printRatios,
  printTable,
  rotate,
  type Rounds,
  summarize,
  type SummaryMs,
  writeResults,
} from './support';

/** What one run measures; see bench/README.md. */
export interface ListRenderOptions extends Rounds {
  rows: number;
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

const here = dirname(fileURLToPath(import.meta.url));

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
  const { rows, iterations } = options;
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
    await rotate(
      ['table', 'baseline'] as const,
      options,
      async (kind, measured) => {
        await page.evaluate(() => (globalThis as unknown as BenchPage).__bench.clear());
        const timing = await page.evaluate(
          (which) =>
            which === 'table'
              ? (globalThis as unknown as BenchPage).__bench.table()
              : (globalThis as unknown as BenchPage).__bench.baseline(),
          kind,
        );
        if (!measured) return;
        record(kind, timing);
        if (kind === 'table') {
          mountedRows = timing.rows;
          longestTableTask = Math.max(longestTableTask, ...timing.longTasks, 0);
        } else baselineRows = timing.rows;
      },
      async (measured) => {
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
      },
    );

    const results = Object.fromEntries(
      kinds.map((kind) => [
        kind,
        { toPaint: inMs(summarize(samples[kind].paint)), commit: inMs(summarize(samples[kind].commit)) },
      ]),
    ) as Record<Kind, { toPaint: SummaryMs; commit: SummaryMs }>;
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
    printHeading(`list render in headless Chromium, ${rows} containers, ${iterations} iterations each`);
    printTable(
      ['path', 'to paint, median ms', 'to paint, p95 ms', 'commit, median ms', 'n'],
      kinds.map((kind) => [
        labels[kind],
        results[kind].toPaint.medianMs.toFixed(2),
        results[kind].toPaint.p95Ms.toFixed(2),
        results[kind].commit.medianMs.toFixed(2),
        String(results[kind].toPaint.n),
      ]),
    );
    printRatios(ratio);
    console.log(
      `\n[bench] rows in the DOM: table ${mountedRows}, plain ${baselineRows}; longest task during a table render ${longestTableTask.toFixed(0)} ms`,
    );

    await writeResults('list-render', {
      options,
      chromium: browser.version(),
      results,
      ratio,
      mountedRows,
      baselineRows,
      longestTableTaskMs: longestTableTask,
    });
  } finally {
    await server?.close();
    await browser.close();
    await rm(outDir, { recursive: true, force: true });
  }
}
