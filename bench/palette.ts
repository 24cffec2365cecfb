import { performance } from 'node:perf_hooks';

import type {
  ContainerSummary,
  ImageSummary,
  NetworkSummary,
  VolumeSummary,
} from '../electron/common/bridge';
import {
  inMs,
  printHeading,
  printRatios,
  printTimings,
  rotate,
  type Rounds,
  summarize,
  writeResults,
} from './support';

/** The part of renderer/features/palette/presentation.ts measured here. */
interface PaletteEntry {
  kind: string;
  title: string;
}
interface PalettePresentation {
  buildPaletteEntries: (
    hosts: ReadonlyArray<{ engineId: string; name: string; connected: boolean }>,
    sources: ReturnType<typeof objects>,
    views: readonly string[],
  ) => PaletteEntry[];
  rankPalette: (entries: readonly PaletteEntry[], query: string) => readonly unknown[];
  paletteKinds: readonly string[];
}
// A renderer module, outside the node project's files: loaded by path (the module runner transforms it).
// At the top level: the runner closes once this module is imported.
const presentationPath = '../renderer/features/palette/presentation.ts';
const { buildPaletteEntries, rankPalette, paletteKinds } = (await import(
  /* @vite-ignore */ presentationPath
)) as PalettePresentation;

/** What one run measures; see bench/README.md. */
export interface PaletteOptions extends Rounds {
  containers: number;
  images: number;
}

/** What someone types, one keystroke at a time: each prefix is one ranking. */
const typed = ['restart svc-42', 'team/app-17', 'stag pg', 'open vol', 'zzz'];

function objects(options: PaletteOptions) {
  const hostOf = (index: number) => ['local', 'staging', 'prod'][index % 3] ?? 'local';
  const containers = Array.from({ length: options.containers }, (_, index): ContainerSummary => ({
    engineId: hostOf(index),
    id: index.toString(16).padStart(64, '0'),
    name: `svc-${index}-${['web', 'worker', 'db', 'cache'][index % 4] ?? ''}`,
    image: `registry.example/team/app-${index % 300}:1.${index % 7}`,
    imageId: `sha256:${index.toString(16).padStart(64, 'a')}`,
    command: 'sleep 3600',
    state: index % 3 === 0 ? 'exited' : 'running',
    status: 'Up 2 hours',
    created: 0,
    ports: [],
    labels: {},
  }));
  const images = Array.from({ length: options.images }, (_, index): ImageSummary => ({
    engineId: hostOf(index),
    id: `sha256:${index.toString(16).padStart(64, 'b')}`,
    repoTags: index % 10 === 0 ? [] : [`registry.example/team/app-${index}:1.${index % 7}`],
    repoDigests: [],
    size: 0,
    created: 0,
    labels: {},
    dangling: index % 10 === 0,
    containers: 0,
  }));
  const volumes = Array.from({ length: 500 }, (_, index): VolumeSummary => ({
    engineId: hostOf(index),
    name: `pgdata-${index}`,
    driver: 'local',
    mountpoint: '',
    scope: 'local',
    labels: {},
    options: {},
    anonymous: false,
    usedBy: [],
  }));
  const networks = Array.from({ length: 200 }, (_, index): NetworkSummary => ({
    engineId: hostOf(index),
    id: index.toString(16).padStart(64, 'c'),
    name: `net-${index}`,
    driver: 'bridge',
    scope: 'local',
    internal: false,
    attachable: false,
    ingress: false,
    enableIPv6: false,
    ipamDriver: 'default',
    ipam: [],
    options: {},
    labels: {},
    predefined: false,
    containers: [],
  }));
  return { containers, images, volumes, networks };
}

/** The floor: a case-insensitive substring filter on the titles, first 8 per group, no scoring. */
function substringFilter(entries: readonly PaletteEntry[], query: string): number {
  const needle = query.toLowerCase();
  const counts = new Map<string, number>();
  let shown = 0;
  for (const entry of entries) {
    if (!entry.title.toLowerCase().includes(needle)) continue;
    const count = counts.get(entry.kind) ?? 0;
    if (count >= 8) continue;
    counts.set(entry.kind, count + 1);
    shown += 1;
  }
  return shown;
}

/**
 * Ranks what the palette would hold with `containers` containers and `images` images (plus 500 volumes and 200
 * networks) over three hosts, once per keystroke of a few typed queries, against a plain substring filter over
 * the same entries, alternating which goes first. Pure CPU: no daemon, no DOM. Prints a table and writes
 * `bench/results/palette-<time>.json`.
 */
export async function main(options: PaletteOptions): Promise<void> {
  const hosts = ['local', 'staging', 'prod'].map((name) => ({ engineId: name, name, connected: true }));
  const sources = objects(options);
  const views = ['containers', 'images', 'volumes', 'networks'];
  // Building every entry is what opening the palette (or a list changing while it is open) costs.
  const builds: number[] = [];
  let entries: PaletteEntry[] = [];
  await rotate(['build'], { warmup: options.warmup, iterations: 10 }, (_, measured) => {
    const start = performance.now();
    entries = buildPaletteEntries(hosts, sources, views);
    if (measured) builds.push(performance.now() - start);
  });
  const keystrokes = typed.flatMap((query) => Array.from(query, (_, index) => query.slice(0, index + 1)));

  const samples = { ours: [] as number[], substring: [] as number[] };
  let shown = 0;
  await rotate(['ours', 'substring'] as const, options, (which, measured) => {
    for (const query of keystrokes) {
      const start = performance.now();
      if (which === 'ours') shown += rankPalette(entries, query).length;
      else shown += substringFilter(entries, query);
      const ms = performance.now() - start;
      if (measured) samples[which].push(ms);
    }
  });

  const ours = summarize(samples.ours);
  const substring = summarize(samples.substring);
  const buildMs = summarize(builds).median;
  const ratio = {
    'rankPalette / substring filter (median)': ours.median / substring.median,
    'rankPalette / substring filter (p95)': ours.p95 / substring.p95,
  };
  printHeading(
    `palette ranking: ${entries.length} entries (${options.containers} containers, ${options.images} images, ` +
      `500 volumes, 200 networks, 3 hosts; ${paletteKinds.length} groups), built in ${buildMs} ms (median); ` +
      `${keystrokes.length} keystrokes × ${options.iterations} rounds (checksum ${shown})`,
  );
  printTimings(
    { ours: 'rankPalette (scored, top 8 per group)', substring: 'substring filter on titles (floor)' },
    { ours, substring },
  );
  printRatios(ratio);
  const results = {
    entries: entries.length,
    buildMs,
    keystrokes: keystrokes.length,
    ours: inMs(ours),
    substring: inMs(substring),
  };
  await writeResults('palette', { options, results, ratio });
}
