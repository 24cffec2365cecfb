import type { ContainerSummary, EngineId, EngineInfo, PinnedContainer } from '../../common';

export type TrayHealth = 'connected' | 'degraded' | 'disconnected';

/** What a tray item does; the adapter maps each to a service call. */
export type TrayAction =
  | { kind: 'open' }
  | { kind: 'preferences' }
  | { kind: 'quit' }
  | { kind: 'switchHost'; engineId: EngineId }
  | { kind: 'container'; verb: 'start' | 'stop' | 'restart'; engineId: EngineId; id: string }
  | { kind: 'openLogs'; engineId: EngineId; id: string }
  | { kind: 'openUrl'; url: string }
  | { kind: 'project'; verb: 'start' | 'stop'; engineId: EngineId; project: string };

/** One item of the tray menu as plain data; the adapter turns it into an Electron menu. */
export interface TrayMenuEntry {
  label?: string;
  type?: 'normal' | 'separator' | 'radio';
  enabled?: boolean;
  checked?: boolean;
  action?: TrayAction;
  submenu?: TrayMenuEntry[];
}

interface TrayModel {
  engines: readonly EngineInfo[];
  activeEngineId: EngineId;
  /** Containers of every connected engine. */
  containers: readonly ContainerSummary[];
  pinned: readonly PinnedContainer[];
  /** How many running containers are listed before "More…". */
  maxRunning?: number;
}

const COMPOSE_PROJECT = 'com.docker.compose.project';
const MAX_LABEL = 48;

/** Overall health shown by the tray icon: all engines up, some down, or none reachable. */
export function trayHealth(engines: readonly EngineInfo[]): TrayHealth {
  const connected = engines.filter((engine) => engine.status.state === 'connected').length;
  if (engines.length > 0 && connected === engines.length) return 'connected';
  return connected > 0 ? 'degraded' : 'disconnected';
}

export function trayTooltip(engines: readonly EngineInfo[]): string {
  const health = trayHealth(engines);
  if (health === 'connected') return 'Berth — all Docker hosts connected';
  if (health === 'degraded') return 'Berth — some Docker hosts are unreachable';
  return 'Berth — no Docker host reachable';
}

/**
 * A menu label from untrusted text (container, image and host names): control characters removed, `&` doubled
 * so Windows and Linux do not read it as a mnemonic, and long names shortened.
 */
export function menuLabel(raw: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const clean = raw.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').trim();
  const short = clean.length > MAX_LABEL ? `${clean.slice(0, MAX_LABEL - 1)}…` : clean;
  return short.replace(/&/g, '&&');
}

const stateWords: Record<string, string> = {
  connected: 'connected',
  connecting: 'connecting…',
  notAnswering: 'not answering',
  unreachable: 'unreachable',
  authFailed: 'authentication failed',
  hostKeyChanged: 'host key changed',
  disconnected: 'disconnected',
};

/** The host part of an engine address for browser links: the remote host for tcp/ssh, else localhost. */
function engineBrowserHost(engine: EngineInfo | undefined): string {
  if (engine === undefined || (engine.kind !== 'tcp' && engine.kind !== 'ssh')) return 'localhost';
  try {
    const url = new URL(engine.address.replace(/^ssh:\/\//, 'http://').replace(/^tcp:\/\//, 'http://'));
    return url.hostname === '' ? 'localhost' : url.hostname;
  } catch {
    return 'localhost';
  }
}

/** `http://host:port` for each published TCP port, in the container's port order, without repeats. */
export function publishedUrls(container: ContainerSummary, engine: EngineInfo | undefined): string[] {
  const urls = new Set<string>();
  for (const port of container.ports) {
    if (port.protocol !== 'tcp' || port.publicPort === undefined) continue;
    const specific =
      port.hostIp !== undefined && port.hostIp !== '' && port.hostIp !== '0.0.0.0' && port.hostIp !== '::';
    const host = specific ? port.hostIp! : engineBrowserHost(engine);
    urls.add(`http://${host.includes(':') ? `[${host}]` : host}:${port.publicPort}`);
  }
  return [...urls];
}

function runningItem(container: ContainerSummary, engine: EngineInfo | undefined): TrayMenuEntry {
  const ref = { engineId: container.engineId, id: container.id };
  const urls = publishedUrls(container, engine);
  const browser: TrayMenuEntry[] =
    urls.length === 0
      ? [{ label: 'Open in browser', enabled: false }]
      : urls.map((url) => ({
          label: menuLabel(urls.length === 1 ? 'Open in browser' : `Open ${url}`),
          action: { kind: 'openUrl', url },
        }));
  return {
    label: menuLabel(container.name),
    submenu: [
      { label: 'Stop', action: { kind: 'container', verb: 'stop', ...ref } },
      { label: 'Restart', action: { kind: 'container', verb: 'restart', ...ref } },
      { label: 'Open logs', action: { kind: 'openLogs', ...ref } },
      ...browser,
    ],
  };
}

/**
 * The tray menu: the active host and a switcher, the active host's running containers with quick actions, pinned
 * containers (startable even while stopped), Compose projects, and the app itself. Rebuilt on every change.
 */
export function buildTrayMenu(model: TrayModel): TrayMenuEntry[] {
  const maxRunning = model.maxRunning ?? 10;
  const separator: TrayMenuEntry = { type: 'separator' };
  const engineById = new Map(model.engines.map((engine) => [engine.id, engine]));
  const active = engineById.get(model.activeEngineId) ?? model.engines[0];
  const entries: TrayMenuEntry[] = [];

  if (active !== undefined) {
    entries.push({
      label: menuLabel(`${active.name}: ${stateWords[active.status.state] ?? active.status.state}`),
      enabled: false,
    });
  } else {
    entries.push({ label: 'No Docker host configured', enabled: false });
  }
  if (model.engines.length > 1) {
    entries.push({
      label: 'Switch host',
      submenu: model.engines.map((engine) => ({
        label: menuLabel(`${engine.name} (${stateWords[engine.status.state] ?? engine.status.state})`),
        type: 'radio',
        checked: engine.id === active?.id,
        action: { kind: 'switchHost', engineId: engine.id },
      })),
    });
  }

  const activeContainers = model.containers.filter((container) => container.engineId === active?.id);
  const running = activeContainers
    .filter((container) => container.state === 'running')
    .sort((a, b) => a.name.localeCompare(b.name));
  entries.push(separator);
  if (running.length === 0) {
    entries.push({ label: 'No running containers', enabled: false });
  } else {
    entries.push({ label: `Running containers (${running.length})`, enabled: false });
    for (const container of running.slice(0, maxRunning)) entries.push(runningItem(container, active));
    if (running.length > maxRunning) entries.push({ label: 'More…', action: { kind: 'open' } });
  }

  const pinned = model.pinned
    .map((pin) => ({
      pin,
      container: model.containers.find((c) => c.engineId === pin.engineId && c.name === pin.name),
    }))
    .filter(
      (entry): entry is { pin: PinnedContainer; container: ContainerSummary } =>
        entry.container !== undefined,
    );
  if (pinned.length > 0) {
    entries.push(separator, { label: 'Pinned', enabled: false });
    for (const { container } of pinned) {
      const isRunning = container.state === 'running';
      const ref = { engineId: container.engineId, id: container.id };
      entries.push({
        label: menuLabel(`${container.name} — ${isRunning ? 'running' : container.state}`),
        submenu: [
          isRunning
            ? { label: 'Stop', action: { kind: 'container', verb: 'stop', ...ref } }
            : { label: 'Start', action: { kind: 'container', verb: 'start', ...ref } },
          { label: 'Open logs', action: { kind: 'openLogs', ...ref } },
        ],
      });
    }
  }

  const projects = new Map<string, ContainerSummary[]>();
  for (const container of activeContainers) {
    const project = container.labels[COMPOSE_PROJECT];
    if (project === undefined || project === '') continue;
    projects.set(project, [...(projects.get(project) ?? []), container]);
  }
  if (projects.size > 0 && active !== undefined) {
    entries.push(separator, {
      label: 'Compose projects',
      submenu: [...projects.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([project, members]) => ({
          label: menuLabel(
            `${project} (${members.filter((c) => c.state === 'running').length}/${members.length} running)`,
          ),
          submenu: [
            { label: 'Start all', action: { kind: 'project', verb: 'start', engineId: active.id, project } },
            { label: 'Stop all', action: { kind: 'project', verb: 'stop', engineId: active.id, project } },
          ],
        })),
    });
  }

  entries.push(
    separator,
    { label: 'Open Berth', action: { kind: 'open' } },
    { label: 'Preferences…', action: { kind: 'preferences' } },
    { label: 'Quit Berth', action: { kind: 'quit' } },
  );
  return entries;
}
