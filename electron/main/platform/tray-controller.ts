import type { ContainersChange, ContainerSummary, EngineId, EngineInfo, Settings } from '../../common';
import { buildTrayMenu, type TrayMenuEntry } from './tray-menu';

/** What the tray needs from the engine core (EngineRegistry and ContainerService fit). */
interface TraySources {
  engines: () => EngineInfo[];
  onStatusChanged: (listener: (info: EngineInfo) => void) => () => void;
  /** Engines removed at run time (hosts the user deleted). */
  onEngineRemoved: (listener: (engineId: EngineId) => void) => () => void;
  listContainers: (engineId: EngineId) => Promise<{ revision: number; items: ContainerSummary[] }>;
  onContainersChanged: (listener: (change: ContainersChange) => void) => () => void;
  settings: () => Settings;
  onSettingsChanged: (listener: (settings: Settings) => void) => () => void;
}

/**
 * Keeps the tray menu live: it mirrors every engine's containers from the same revisioned changes the window
 * gets (no polling, no extra list calls beyond one per engine when it connects) and rebuilds the menu at most
 * every `throttleMs`.
 */
export class TrayController {
  private readonly containers = new Map<
    EngineId,
    { revision: number; byId: Map<string, ContainerSummary> }
  >();
  private readonly unsubscribes: (() => void)[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(
    private readonly sources: TraySources,
    private readonly render: (entries: TrayMenuEntry[], engines: EngineInfo[]) => void,
    private readonly throttleMs = 250,
  ) {
    this.unsubscribes.push(
      sources.onStatusChanged((info) => {
        if (info.status.state === 'connected') void this.refetch(info.id);
        this.schedule();
      }),
      sources.onEngineRemoved((engineId) => {
        this.containers.delete(engineId);
        this.schedule();
      }),
      sources.onContainersChanged((change) => this.apply(change)),
      sources.onSettingsChanged(() => this.schedule()),
    );
    for (const engine of sources.engines())
      if (engine.status.state === 'connected') void this.refetch(engine.id);
    this.renderNow();
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    for (const unsubscribe of this.unsubscribes) unsubscribe();
  }

  /** The containers the tray currently knows, for the actions (e.g. a Compose project's members). */
  knownContainers(): ContainerSummary[] {
    return [...this.containers.values()].flatMap((engine) => [...engine.byId.values()]);
  }

  private async refetch(engineId: EngineId): Promise<void> {
    try {
      const snapshot = await this.sources.listContainers(engineId);
      this.containers.set(engineId, {
        revision: snapshot.revision,
        byId: new Map(snapshot.items.map((c) => [c.id, c])),
      });
      this.schedule();
    } catch {
      // The engine dropped meanwhile; its status change brings the next refetch.
    }
  }

  private apply(change: ContainersChange): void {
    const known = this.containers.get(change.engineId);
    if (known === undefined || change.revision !== known.revision + 1) {
      // A change we cannot place (first one, or a gap): take a fresh snapshot instead of guessing.
      if (known === undefined || change.revision > known.revision + 1) void this.refetch(change.engineId);
      return;
    }
    for (const id of change.removed) known.byId.delete(id);
    for (const container of change.upserted) known.byId.set(container.id, container);
    known.revision = change.revision;
    this.schedule();
  }

  private schedule(): void {
    if (this.timer !== undefined || this.disposed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.renderNow();
    }, this.throttleMs);
  }

  private renderNow(): void {
    if (this.disposed) return;
    const engines = this.sources.engines();
    const settings = this.sources.settings();
    this.render(
      buildTrayMenu({
        engines,
        activeEngineId: settings.activeEngineId,
        containers: this.knownContainers(),
        pinned: settings.pinnedContainers,
      }),
      engines,
    );
  }
}
