import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Answers one request; return false to fall through to the default route. */
export type FakeRoute = (request: http.IncomingMessage, response: http.ServerResponse) => boolean | void;

/**
 * A tiny HTTP server on a temp unix socket that speaks just enough Engine API for the core (`/_ping`, `/version`,
 * `/events`, `/containers/json`). Only for daemon failures a real daemon cannot produce on demand: hangs, stalls,
 * malformed lines, slow lists. Everything else is tested against the real daemon.
 */
export interface FakeDaemon {
  host: string;
  socketPath: string;
  /** `METHOD /path?query` of every request, in arrival order. */
  readonly requests: string[];
  /** Open `/events` responses. */
  readonly eventStreams: Set<http.ServerResponse>;
  /** Writes raw text to every open `/events` stream. */
  sendEvents(text: string): void;
  /** Routes consulted before the defaults. */
  routes: FakeRoute[];
  /** What `GET /containers/json` answers. */
  containers: unknown[];
  close(): Promise<void>;
}

export async function startFakeDaemon(): Promise<FakeDaemon> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-fake-'));
  const socketPath = join(dir, 'docker.sock');
  const sockets = new Set<Socket>();
  const eventStreams = new Set<http.ServerResponse>();
  const requests: string[] = [];

  const fake: FakeDaemon = {
    host: `unix://${socketPath}`,
    socketPath,
    requests,
    eventStreams,
    routes: [],
    containers: [],
    sendEvents(text) {
      for (const stream of eventStreams) stream.write(text);
    },
    async close() {
      for (const stream of eventStreams) stream.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };

  const server = http.createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    for (const route of fake.routes) {
      if (route(request, response) !== false) return;
    }
    const path = (request.url ?? '').replace(/^\/v[\d.]+/, '').split('?')[0];
    const json = (status: number, body: unknown): void => {
      response.writeHead(status, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (path === '/_ping') {
      response.writeHead(200, { 'Content-Type': 'text/plain', 'Api-Version': '1.41' });
      response.end('OK');
    } else if (path === '/version') {
      json(200, { Version: '99.0.0-fake', ApiVersion: '1.41' });
    } else if (path === '/events') {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.flushHeaders();
      eventStreams.add(response);
      response.on('close', () => eventStreams.delete(response));
    } else if (path === '/containers/json') {
      // `filters={"id":[…]}` as the daemon takes it (an id matches by prefix); nothing else is filtered.
      const filters = new URL(request.url ?? '/', 'http://fake').searchParams.get('filters');
      const ids = filters === null ? undefined : (JSON.parse(filters) as { id?: string[] }).id;
      json(
        200,
        ids === undefined
          ? fake.containers
          : fake.containers.filter((container) =>
              ids.some((id) => String((container as { Id?: unknown }).Id).startsWith(id)),
            ),
      );
    } else {
      json(404, { message: `page not found: ${path}` });
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return fake;
}
