// Synthetic Engine API objects for the fleet simulator, cloned from what a real dockerd answered
// (bench/fleet/recorded/*.json, written by `--only fleet-record`), so their shape is the daemon's own.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

type Json = Record<string, unknown>;

interface Recorded {
  ping: { headers: Record<string, string> };
  version: { body: Json };
  info: { body: Json };
  containers: { body: Json[] };
  images: { body: Json[] };
  volumes: { body: { Volumes: Json[] } };
  networks: { body: Json[] };
  stats: { body: Json };
  inspect: { body: Json };
  events: Json[];
}

const RECORDED_FILE = join(fileURLToPath(new URL('.', import.meta.url)), 'recorded', 'dockerd-20.10.json');

/** The recorded answers of one real daemon (read once). */
export const recorded: Recorded = JSON.parse(readFileSync(RECORDED_FILE, 'utf8')) as Recorded;

/** A stable 64-hex id, as the daemon's. */
export function hexId(seed: string): string {
  return createHash('sha256').update(seed).digest('hex');
}

const template = <T>(value: T): T => structuredClone(value);

/** The recorded container that ran (its shape has ports/mounts empty), the one that exited (compose labels, mount). */
function containerTemplate(running: boolean): Json {
  const byState = recorded.containers.body.find((c) => (c.State === 'running') === running);
  return template(byState ?? recorded.containers.body[0]);
}

export interface SyntheticContainer {
  id: string;
  name: string;
  image: string;
  state: 'running' | 'exited';
  labels: Record<string, string>;
  created: number;
}

/** Compose-like labels on every other container, as a mixed real host has them. */
function composeLabels(i: number): Record<string, string> {
  if (i % 2 !== 0) return {};
  return { 'com.docker.compose.project': `proj-${i % 40}`, 'com.docker.compose.service': `svc-${i % 7}` };
}

/** `count` containers of one host: ~70 % running, compose-like labels on half, images from a small set. */
export function syntheticContainers(
  host: string,
  count: number,
  images: readonly string[],
): SyntheticContainer[] {
  const created = Math.floor(Date.now() / 1000) - 86_400;
  return Array.from({ length: count }, (_, i) => ({
    id: hexId(`${host}/container/${i}`),
    name: `${host}-svc-${String(i).padStart(5, '0')}`,
    image: images[i % images.length],
    state: i % 10 < 7 ? 'running' : 'exited',
    labels: composeLabels(i),
    created: created + i,
  }));
}

/** `/containers/json` row in the recorded shape. */
export function containerJson(c: SyntheticContainer): Json {
  const row = containerTemplate(c.state === 'running');
  row.Id = c.id;
  row.Names = [`/${c.name}`];
  row.Image = c.image;
  row.ImageID = `sha256:${hexId(c.image)}`;
  row.Command = 'sleep 3600';
  row.Created = c.created;
  row.Labels = c.labels;
  row.State = c.state;
  row.Status = c.state === 'running' ? 'Up 3 hours' : 'Exited (0) 2 hours ago';
  row.Mounts = [];
  return row;
}

/** `/images/json` rows: one per image reference. */
export function syntheticImages(host: string, references: readonly string[]): Json[] {
  const base = template(recorded.images.body[0]);
  return references.map((reference, i) => ({
    ...template(base),
    Id: `sha256:${hexId(reference)}`,
    ParentId: '',
    RepoTags: [reference],
    Created: Math.floor(Date.now() / 1000) - 86_400 * (i + 1),
    Size: 5_000_000 + i * 1_000_000,
    VirtualSize: 5_000_000 + i * 1_000_000,
    Labels: { host },
  }));
}

export function syntheticVolumes(host: string, count: number): Json[] {
  const base = recorded.volumes.body.Volumes[0];
  return Array.from({ length: count }, (_, i) => ({
    ...template(base),
    Name: `${host}-data-${i}`,
    Mountpoint: `/var/lib/docker/volumes/${host}-data-${i}/_data`,
  }));
}

export function syntheticNetworks(host: string, count: number): Json[] {
  const base = recorded.networks.body[0];
  return [
    ...recorded.networks.body.map((n) => template(n)),
    ...Array.from({ length: count }, (_, i) => ({
      ...template(base),
      Name: `${host}-net-${i}`,
      Id: hexId(`${host}/network/${i}`),
      Driver: 'bridge',
    })),
  ];
}

/** `/info` with this host's identity and counts. */
export function infoJson(host: string, containers: readonly SyntheticContainer[], images: number): Json {
  const info = template(recorded.info.body);
  const running = containers.filter((c) => c.state === 'running').length;
  info.ID = `SIM:${hexId(host).slice(0, 40).toUpperCase()}`;
  info.Name = host;
  info.Containers = containers.length;
  info.ContainersRunning = running;
  info.ContainersStopped = containers.length - running;
  info.ContainersPaused = 0;
  info.Images = images;
  return info;
}

export function versionJson(): Json {
  return template(recorded.version.body);
}

export function pingHeaders(): Record<string, string> {
  return { ...recorded.ping.headers, 'content-type': 'text/plain; charset=utf-8' };
}

/** A container event in the daemon's shape (`start`, `die`, …). */
export function containerEvent(c: SyntheticContainer, action: string, nowNs: bigint): Json {
  const shape = recorded.events.find((e) => e.Type === 'container') ?? {};
  const attributes: Record<string, string> = { image: c.image, name: c.name, ...c.labels };
  if (action === 'die') attributes.exitCode = '0';
  return {
    ...template(shape),
    status: action,
    id: c.id,
    from: c.image,
    Type: 'container',
    Action: action,
    Actor: { ID: c.id, Attributes: attributes },
    scope: 'local',
    time: Number(nowNs / 1_000_000_000n),
    timeNano: Number(nowNs),
  };
}

/** One-shot `/containers/{id}/stats` in the recorded shape (a stopped container's numbers are zero, as the daemon's). */
export function statsJson(c: SyntheticContainer): Json {
  const stats = template(recorded.stats.body);
  stats.id = c.id;
  stats.name = `/${c.name}`;
  return stats;
}

/** `/containers/{id}/json` in the recorded shape. */
export function inspectJson(c: SyntheticContainer): Json {
  const inspect = template(recorded.inspect.body);
  inspect.Id = c.id;
  inspect.Name = `/${c.name}`;
  inspect.Image = `sha256:${hexId(c.image)}`;
  const state = inspect.State as Json;
  state.Status = c.state;
  state.Running = c.state === 'running';
  const config = inspect.Config as Json;
  config.Image = c.image;
  config.Labels = c.labels;
  return inspect;
}
