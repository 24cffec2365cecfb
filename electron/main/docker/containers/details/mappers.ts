import {
  type ContainerFileEntry,
  type ContainerFileKind,
  type ContainerInspectView,
  type ContainerProcessList,
  type EngineId,
  MASKED_VALUE,
  type StatsSample,
} from '../../../../common';
import { type JsonObject, list, num, objectOrUndefined } from '../../engine/readers';

// What a container's details views read (stats, inspect, top, files) mapped to Berth's DTOs.

/**
 * One `/containers/{id}/stats` sample as `docker stats` reads it: CPU % from the delta to `precpu_stats`
 * (× online CPUs), memory without the inactive page cache (cgroup v1 `total_inactive_file`, v2
 * `inactive_file`), network and block I/O summed over interfaces and devices. `undefined` for a sample that
 * is not an object (a stopped container sends zeros, which map to zeros).
 */
export function toStatsSample(raw: unknown): StatsSample | undefined {
  const stats = objectOrUndefined(raw);
  if (!stats) return undefined;
  const cpu = objectOrUndefined(stats.cpu_stats) ?? {};
  const precpu = objectOrUndefined(stats.precpu_stats) ?? {};
  const cpuUsage = objectOrUndefined(cpu.cpu_usage) ?? {};
  const precpuUsage = objectOrUndefined(precpu.cpu_usage) ?? {};
  const perCpu = Array.isArray(cpuUsage.percpu_usage) ? cpuUsage.percpu_usage.length : 0;
  const onlineCpus = num(cpu.online_cpus) || perCpu || 1;
  const cpuDelta = num(cpuUsage.total_usage) - num(precpuUsage.total_usage);
  const systemDelta = num(cpu.system_cpu_usage) - num(precpu.system_cpu_usage);
  const cpuPercent = cpuDelta > 0 && systemDelta > 0 ? (cpuDelta / systemDelta) * onlineCpus * 100 : 0;

  const memory = objectOrUndefined(stats.memory_stats) ?? {};
  const memoryDetail = objectOrUndefined(memory.stats) ?? {};
  const usage = num(memory.usage);
  const inactive =
    'total_inactive_file' in memoryDetail
      ? num(memoryDetail.total_inactive_file)
      : num(memoryDetail.inactive_file);
  const memoryUsage = inactive < usage ? usage - inactive : usage;

  let networkRx = 0;
  let networkTx = 0;
  for (const network of Object.values(objectOrUndefined(stats.networks) ?? {})) {
    networkRx += num(objectOrUndefined(network)?.rx_bytes);
    networkTx += num(objectOrUndefined(network)?.tx_bytes);
  }
  let blockRead = 0;
  let blockWrite = 0;
  const blkio = objectOrUndefined(stats.blkio_stats) ?? {};
  for (const entry of list(blkio.io_service_bytes_recursive)) {
    const item = objectOrUndefined(entry);
    const op = typeof item?.op === 'string' ? item.op.toLowerCase() : '';
    if (op === 'read') blockRead += num(item?.value);
    else if (op === 'write') blockWrite += num(item?.value);
  }
  const read = typeof stats.read === 'string' ? Date.parse(stats.read) : Number.NaN;
  return {
    time: Number.isFinite(read) && read > 0 ? read : Date.now(),
    cpuPercent,
    onlineCpus,
    memoryUsage,
    memoryLimit: num(memory.limit),
    networkRx,
    networkTx,
    blockRead,
    blockWrite,
    pids: num(objectOrUndefined(stats.pids_stats)?.current),
  };
}

/** `KEY=value` → `KEY=••••`; an entry without `=` (a bare name) is kept. */
export function maskEnvEntry(entry: string): string {
  const equals = entry.indexOf('=');
  return equals === -1 ? entry : `${entry.slice(0, equals + 1)}${MASKED_VALUE}`;
}

/** The inspect view of a container: the JSON as sent, except every `Config.Env` value masked. */
export function toContainerInspectView(engineId: EngineId, raw: unknown): ContainerInspectView {
  const inspect = structuredClone(objectOrUndefined(raw) ?? {});
  const config = objectOrUndefined(inspect.Config);
  const env: unknown = config?.Env;
  if (config && Array.isArray(env)) {
    config.Env = env.map((entry: unknown) => (typeof entry === 'string' ? maskEnvEntry(entry) : entry));
  }
  const state = objectOrUndefined(inspect.State);
  const name = typeof inspect.Name === 'string' ? inspect.Name.replace(/^\//, '') : '';
  return {
    engineId,
    id: typeof inspect.Id === 'string' ? inspect.Id : '',
    name,
    tty: config?.Tty === true,
    running: state?.Running === true,
    inspect,
  };
}

/** The value of one environment variable of an inspect (the first entry with that name). */
export function envValueOf(raw: unknown, key: string): string | undefined {
  const env = objectOrUndefined(objectOrUndefined(raw)?.Config)?.Env;
  if (!Array.isArray(env)) return undefined;
  for (const entry of env) {
    if (typeof entry === 'string' && entry.startsWith(`${key}=`)) return entry.slice(key.length + 1);
  }
  return undefined;
}

/** `/containers/{id}/top` → titles and rows of strings. */
export function toProcessList(raw: unknown): ContainerProcessList {
  const top = objectOrUndefined(raw) ?? {};
  const titles = Array.isArray(top.Titles) ? top.Titles.map(String) : [];
  const processes = Array.isArray(top.Processes)
    ? top.Processes.filter((row): row is unknown[] => Array.isArray(row)).map((row) => row.map(String))
    : [];
  return { titles, processes };
}

/** Go's `os.FileMode` bits as the archive stat header carries them. */
const goModeDir = 2 ** 31;
const goModeSymlink = 2 ** 27;

/** The `X-Docker-Container-Path-Stat` header (base64 JSON) of a path inside a container. */
export interface ContainerPathStat {
  name: string;
  size: number;
  kind: ContainerFileKind;
  mode: number;
  modified: number;
  linkTarget?: string;
}

export function toContainerPathStat(header: string | undefined): ContainerPathStat | undefined {
  if (!header) return undefined;
  let parsed: JsonObject | undefined;
  try {
    parsed = objectOrUndefined(JSON.parse(Buffer.from(header, 'base64').toString('utf8')));
  } catch {
    return undefined;
  }
  if (!parsed) return undefined;
  const mode = num(parsed.mode);
  const kind: ContainerFileKind =
    mode >= goModeDir
      ? 'directory'
      : Math.floor(mode / goModeSymlink) % 2 === 1
        ? 'symlink'
        : mode < 2 ** 21
          ? 'file'
          : 'other';
  const modified = typeof parsed.mtime === 'string' ? Date.parse(parsed.mtime) : Number.NaN;
  const stat: ContainerPathStat = {
    name: typeof parsed.name === 'string' ? parsed.name : '',
    size: num(parsed.size),
    kind,
    mode: mode % 0o1000,
    modified: Number.isFinite(modified) ? modified : 0,
  };
  if (typeof parsed.linkTarget === 'string' && parsed.linkTarget !== '') stat.linkTarget = parsed.linkTarget;
  return stat;
}

/** A tar entry of an archive of `directory`, as a directory entry (its name is the last path segment). */
export function toContainerFileEntry(
  directory: string,
  name: string,
  header: { type: string; size: number; mode: number; mtime: number; linkname?: string },
): ContainerFileEntry {
  const kind: ContainerFileKind =
    header.type === 'file'
      ? 'file'
      : header.type === 'directory'
        ? 'directory'
        : header.type === 'symlink'
          ? 'symlink'
          : 'other';
  const entry: ContainerFileEntry = {
    name,
    path: directory === '/' ? `/${name}` : `${directory}/${name}`,
    kind,
    size: kind === 'file' ? header.size : 0,
    mode: header.mode % 0o1000,
    modified: header.mtime * 1000,
  };
  if (kind === 'symlink' && header.linkname) entry.linkTarget = header.linkname;
  return entry;
}
