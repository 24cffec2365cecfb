// An Engine API simulator for benchmarks ONLY: fake daemons on unix sockets serving what Berth reads at connect and
// at steady state, with synthetic data in the recorded shape of a real dockerd. It is never used by tests of Docker
// behaviour (those run against real daemons); `test/bench/fleet-simulator.test.ts` only checks that its answers
// have the same shape as a real daemon's.
import { rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

import {
  containerEvent,
  containerJson,
  infoJson,
  inspectJson,
  pingHeaders,
  statsJson,
  type SyntheticContainer,
  syntheticContainers,
  syntheticImages,
  syntheticNetworks,
  syntheticVolumes,
  versionJson,
} from './synthetic';

export interface SimulatedDaemonOptions {
  /** The daemon's name (`/info` Name) and the prefix of its objects. */
  name: string;
  socketPath: string;
  containers: number;
  images?: number;
  volumes?: number;
  networks?: number;
  /** Added before every answer (not to `/events` items). */
  latencyMs?: number;
}

type Filters = Record<string, string[]>;

function parseFilters(raw: string | null): Filters {
  if (raw === null || raw === '') return {};
  const parsed = JSON.parse(raw) as Record<string, string[] | Record<string, boolean>>;
  const filters: Filters = {};
  // The API accepts both {"id":["a"]} and the legacy {"id":{"a":true}}.
  for (const [key, value] of Object.entries(parsed))
    filters[key] = Array.isArray(value) ? value : Object.keys(value);
  return filters;
}

function matchesContainer(c: SyntheticContainer, filters: Filters, all: boolean): boolean {
  if (!all && c.state !== 'running') return false;
  const { id, name, status, label } = filters;
  if (id && !id.some((prefix) => c.id.startsWith(prefix))) return false;
  if (name && !name.some((part) => c.name.includes(part.replace(/^\//, '')))) return false;
  if (status && !status.includes(c.state)) return false;
  if (label) {
    for (const wanted of label) {
      const [key, value] = wanted.split('=', 2) as [string, string | undefined];
      if (!(key in c.labels) || (value !== undefined && c.labels[key] !== value)) return false;
    }
  }
  return true;
}

/** One fake daemon. Counts every request by route so benchmarks can say what Berth asked for. */
export class SimulatedDaemon {
  readonly requests = new Map<string, number>();
  bytesSent = 0;
  private readonly containers: SyntheticContainer[];
  private readonly byId = new Map<string, SyntheticContainer>();
  private readonly images: ReturnType<typeof syntheticImages>;
  private readonly volumes: ReturnType<typeof syntheticVolumes>;
  private readonly networks: ReturnType<typeof syntheticNetworks>;
  private readonly eventStreams = new Set<ServerResponse>();
  private server: Server | undefined;
  private fullListCache: string | undefined;

  constructor(readonly options: SimulatedDaemonOptions) {
    const references = Array.from(
      { length: options.images ?? 20 },
      (_, i) => `registry.example.com/${options.name}/app-${i}:1.${i}`,
    );
    this.containers = syntheticContainers(options.name, options.containers, references);
    for (const c of this.containers) this.byId.set(c.id, c);
    this.images = syntheticImages(options.name, references);
    this.volumes = syntheticVolumes(options.name, options.volumes ?? 10);
    this.networks = syntheticNetworks(options.name, options.networks ?? 3);
  }

  get containerIds(): readonly string[] {
    return this.containers.map((c) => c.id);
  }

  containerName(id: string): string | undefined {
    return this.byId.get(id)?.name;
  }

  async start(): Promise<void> {
    await rm(this.options.socketPath, { force: true });
    this.server = createServer((req, res) => void this.answer(req, res));
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.options.socketPath, resolve);
    });
  }

  async stop(): Promise<void> {
    for (const stream of this.eventStreams) stream.destroy();
    this.eventStreams.clear();
    const server = this.server;
    this.server = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await rm(this.options.socketPath, { force: true });
  }

  /** Flips a container's state (running ⇄ exited) and sends the event to every open `/events` stream. */
  toggle(id: string): 'start' | 'die' {
    const c = this.byId.get(id);
    if (c === undefined) throw new Error(`no container ${id}`);
    c.state = c.state === 'running' ? 'exited' : 'running';
    this.fullListCache = undefined;
    const action = c.state === 'running' ? 'start' : 'die';
    const line = `${JSON.stringify(containerEvent(c, action, BigInt(Date.now()) * 1_000_000n))}\n`;
    for (const stream of this.eventStreams) {
      stream.write(line);
      this.bytesSent += line.length;
    }
    return action;
  }

  /** Requests other than the heartbeat and the event stream, by route. */
  listRequests(): number {
    let n = 0;
    for (const [route, count] of this.requests)
      if (route !== 'GET /_ping' && route !== 'HEAD /_ping' && route !== 'GET /events') n += count;
    return n;
  }

  private count(route: string): void {
    this.requests.set(route, (this.requests.get(route) ?? 0) + 1);
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sim');
    const path = url.pathname.replace(/^\/v1\.\d+/, '');
    const route = `${req.method ?? 'GET'} ${path.replace(/^\/containers\/[0-9a-f]{12,}\//, '/containers/{id}/')}`;
    this.count(route);
    if (path === '/events') return this.openEvents(res);
    if (this.options.latencyMs) await new Promise((resolve) => setTimeout(resolve, this.options.latencyMs));
    const body = this.route(req.method ?? 'GET', path, url.searchParams);
    if (body === undefined) return this.send(res, 404, { message: `page not found` });
    if (path === '/_ping') {
      res.writeHead(200, pingHeaders());
      res.end(req.method === 'HEAD' ? undefined : 'OK');
      return;
    }
    this.send(res, 200, body);
  }

  private route(method: string, path: string, query: URLSearchParams): unknown {
    if (path === '/_ping') return 'OK';
    if (method !== 'GET') return undefined;
    switch (path) {
      case '/version':
        return versionJson();
      case '/info':
        return infoJson(this.options.name, this.containers, this.images.length);
      case '/containers/json':
        return this.listContainers(query);
      case '/images/json':
        return this.images;
      case '/volumes':
        return { Volumes: this.volumes, Warnings: null };
      case '/networks':
        return this.networks;
      default:
        return this.routeContainer(path);
    }
  }

  private routeContainer(path: string): unknown {
    const match = /^\/containers\/([0-9a-zA-Z_.-]+)\/(json|stats)$/.exec(path);
    const c =
      match && [...this.byId.values()].find((one) => one.id.startsWith(match[1]) || one.name === match[1]);
    if (!match || !c) return undefined;
    return match[2] === 'json' ? inspectJson(c) : statsJson(c);
  }

  private listContainers(query: URLSearchParams): unknown {
    const all = query.get('all') === '1' || query.get('all') === 'true';
    const filters = parseFilters(query.get('filters'));
    if (all && Object.keys(filters).length === 0) {
      // Berth's (re)connect list; serialised once per change, as the daemon's answer would be rebuilt.
      this.fullListCache ??= JSON.stringify(this.containers.map(containerJson));
      return new RawJson(this.fullListCache);
    }
    return this.containers.filter((c) => matchesContainer(c, filters, all)).map(containerJson);
  }

  private send(res: ServerResponse, status: number, body: unknown): void {
    const text = body instanceof RawJson ? body.text : JSON.stringify(body);
    this.bytesSent += text.length;
    res.writeHead(status, { ...pingHeaders(), 'content-type': 'application/json' });
    res.end(text);
  }

  private openEvents(res: ServerResponse): void {
    res.writeHead(200, { ...pingHeaders(), 'content-type': 'application/json' });
    res.flushHeaders();
    this.eventStreams.add(res);
    res.on('close', () => this.eventStreams.delete(res));
  }
}

class RawJson {
  constructor(readonly text: string) {}
}

/** Starts `count` daemons named `<prefix>-NN` on sockets in `dir`. */
export async function startFleet(
  dir: string,
  count: number,
  options: Omit<SimulatedDaemonOptions, 'name' | 'socketPath'> & { prefix?: string },
): Promise<SimulatedDaemon[]> {
  const daemons = Array.from(
    { length: count },
    (_, i) =>
      new SimulatedDaemon({
        ...options,
        name: `${options.prefix ?? 'fleet'}-${String(i + 1).padStart(2, '0')}`,
        socketPath: `${dir}/sim-${i + 1}.sock`,
      }),
  );
  await Promise.all(daemons.map((d) => d.start()));
  return daemons;
}
