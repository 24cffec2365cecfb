import type {
  AppRoute,
  EngineId,
  EngineInfo,
  NotificationKind,
  OperationSummary,
  OperationUpdate,
  Settings,
} from '../../common';
import type { DockerEvent } from '../docker/engine/events';

/** A native notification as plain data; clicking it opens `route` in the window. */
export interface DesktopNotification {
  kind: NotificationKind;
  title: string;
  body: string;
  route: AppRoute;
}

/** The sources the service listens to (the engine registry and the operation registry fit). */
interface NotificationSources {
  onEvent: (listener: (engineId: EngineId, event: DockerEvent) => void) => () => void;
  onStatusChanged: (listener: (info: EngineInfo) => void) => () => void;
  onOperationUpdated: (listener: (update: OperationUpdate) => void) => () => void;
  /** A host was removed: what is remembered about its engine goes. */
  onEngineRemoved?: (listener: (engineId: EngineId) => void) => () => void;
}

interface NotificationServiceOptions {
  settings: () => Settings;
  show: (notification: DesktopNotification) => void;
  now?: () => number;
}

/** A die this soon after a kill/stop was asked for is the user's doing, not a crash. */
const EXPECTED_STOP_WINDOW_MS = 15_000;
const MAX_TEXT = 200;

/**
 * Makes Docker and engine text safe for a notification: no control characters, and no `<`/`>`/`&` that some
 * Linux notification servers would read as markup (a container named `<a href=…>` must stay text).
 */
export function notificationText(raw: string): string {
  const clean = raw
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/</g, '‹')
    .replace(/>/g, '›')
    .replace(/&/g, '＆');
  return clean.length > MAX_TEXT ? `${clean.slice(0, MAX_TEXT - 1)}…` : clean;
}

const operationVerbs: Record<string, [done: string, failed: string]> = {
  'image.pull': ['Pulled', 'Pull failed'],
  'image.push': ['Pushed', 'Push failed'],
  'image.build': ['Built', 'Build failed'],
  'image.save': ['Saved', 'Save failed'],
  'image.load': ['Loaded', 'Load failed'],
  'container.run': ['Started', 'Run failed'],
  'volume.export': ['Exported', 'Export failed'],
  'volume.import': ['Imported', 'Import failed'],
};

/**
 * Turns what happens on the engines into native notifications the user can act on: a container that died
 * unexpectedly, a pull/push/build that finished or failed, a host that disconnected or came back. Each kind can
 * be turned off in the settings.
 */
export class NotificationService {
  private readonly lastStopRequest = new Map<string, number>();
  /** Engines connected right now, and engines that dropped after having been connected. */
  private readonly connected = new Set<EngineId>();
  private readonly dropped = new Set<EngineId>();
  private readonly unsubscribes: (() => void)[];
  private readonly now: () => number;

  constructor(
    sources: NotificationSources,
    private readonly options: NotificationServiceOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.unsubscribes = [
      sources.onEvent((engineId, event) => this.onDockerEvent(engineId, event)),
      sources.onStatusChanged((info) => this.onStatus(info)),
      sources.onOperationUpdated((update) => this.onOperation(update.operation)),
      sources.onEngineRemoved?.((engineId) => this.forget(engineId)) ?? (() => undefined),
    ];
  }

  dispose(): void {
    for (const unsubscribe of this.unsubscribes) unsubscribe();
  }

  private forget(engineId: EngineId): void {
    this.connected.delete(engineId);
    this.dropped.delete(engineId);
    for (const key of [...this.lastStopRequest.keys()]) {
      if (key.startsWith(`${engineId}/`)) this.lastStopRequest.delete(key);
    }
  }

  private emit(notification: DesktopNotification): void {
    if (!this.options.settings().notifications[notification.kind]) return;
    this.options.show({
      ...notification,
      title: notificationText(notification.title),
      body: notificationText(notification.body),
    });
  }

  private onDockerEvent(engineId: EngineId, event: DockerEvent): void {
    if (event.type !== 'container') return;
    const key = `${engineId}/${event.actorId}`;
    if (event.action === 'kill' || event.action === 'stop') {
      this.lastStopRequest.set(key, this.now());
      return;
    }
    if (event.action === 'destroy') {
      this.lastStopRequest.delete(key);
      return;
    }
    if (event.action !== 'die') return;
    const requested = this.lastStopRequest.get(key);
    this.lastStopRequest.delete(key);
    const exitCode = event.attributes.exitCode ?? '';
    if (exitCode === '0' || (requested !== undefined && this.now() - requested < EXPECTED_STOP_WINDOW_MS))
      return;
    const name = event.attributes.name ?? event.actorId.slice(0, 12);
    this.emit({
      kind: 'containerDied',
      title: `${name} stopped unexpectedly`,
      body: `Exit code ${exitCode === '' ? 'unknown' : exitCode}${event.attributes.image ? ` · ${event.attributes.image}` : ''}. Click to see its logs.`,
      route: { page: 'containers', detail: { kind: 'container', engineId, id: event.actorId, tab: 'logs' } },
    });
  }

  private onStatus(info: EngineInfo): void {
    const state = info.status.state;
    if (state === 'connected') {
      // The first connection at start-up is not news; coming back after a drop is.
      if (this.dropped.delete(info.id)) {
        this.emit({
          kind: 'hostConnection',
          title: `${info.name} is back`,
          body: `Reconnected to ${info.address}.`,
          route: { page: 'hosts' },
        });
      }
      this.connected.add(info.id);
      return;
    }
    if (state === 'connecting' || !this.connected.delete(info.id)) return;
    this.dropped.add(info.id);
    this.emit({
      kind: 'hostConnection',
      title: `${info.name} disconnected`,
      body: info.status.lastError ?? `Lost the connection to ${info.address}.`,
      route: { page: 'hosts' },
    });
  }

  private onOperation(operation: OperationSummary): void {
    if (operation.state !== 'succeeded' && operation.state !== 'failed') return;
    const [done, failed] = operationVerbs[operation.kind] ?? ['Finished', 'Failed'];
    const page = operation.kind.startsWith('volume.')
      ? 'volumes'
      : operation.kind.startsWith('container.')
        ? 'containers'
        : 'images';
    this.emit({
      kind: 'operationFinished',
      title:
        operation.state === 'succeeded' ? `${done}: ${operation.title}` : `${failed}: ${operation.title}`,
      body: operation.state === 'succeeded' ? 'Done.' : (operation.error?.message ?? 'It failed.'),
      route: { page },
    });
  }
}
