import { type BerthApi, type ContainerUsage, type EngineId, IpcEvent } from '../../../electron/common/bridge';
import { createExternalStore, type ExternalStore } from '../../stores/external-store';

/** The latest CPU and memory sample of the running containers the list shows, by container id. */
export interface ContainerUsageState {
  engineId: EngineId;
  samples: ReadonlyMap<string, ContainerUsage>;
}

export interface ContainerUsageStore extends ExternalStore<ContainerUsageState> {
  /** Subscribes to `containers:statsSampled` and to the page's visibility; idempotent. */
  start: () => void;
  /**
   * The running containers whose rows are on screen now. Sent to main after a short quiet period (scrolling
   * sends many), and only when it differs from what main already has; an empty list stops sampling.
   */
  watch: (ids: readonly string[]) => void;
  dispose: () => void;
}

interface ContainerUsageOptions {
  /** Quiet period before a new watch list is sent. Default 300 ms. */
  debounceMs?: number;
  /** Samples kept for containers that left the screen (to show at once when they return). Default 500. */
  keep?: number;
  /** The page whose visibility gates sampling; `document` in the app. */
  page?: Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'>;
}

/**
 * CPU and memory for the list (design A-T5): main samples only what this store says is on screen, and nothing
 * while the page is hidden; samples arrive as `containers:statsSampled`. No request is made from here except
 * `containers:watchStats`, and that only when the visible set or the visibility changes.
 */
export function createContainerUsageStore(
  api: BerthApi,
  engineId: EngineId,
  options: ContainerUsageOptions = {},
): ContainerUsageStore {
  const debounceMs = options.debounceMs ?? 300;
  const keep = options.keep ?? 500;
  const page = options.page ?? (typeof document === 'undefined' ? undefined : document);
  const state = createExternalStore<ContainerUsageState>({ engineId, samples: new Map() }, () => start());
  let started = false;
  let wanted: readonly string[] = [];
  let sent: { key: string; visible: boolean } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const disposers: Array<() => void> = [];

  const visible = (): boolean => page === undefined || page.visibilityState === 'visible';

  function send(): void {
    timer = undefined;
    const ids = [...new Set(wanted)].sort();
    const next = { key: ids.join(','), visible: visible() };
    if (sent === undefined ? next.key === '' : sent.key === next.key && sent.visible === next.visible) return;
    sent = next;
    // Losing a watch request costs only numbers on screen; the next scroll or visibility change resends.
    api.containers.watchStats({ engineId, ids, visible: next.visible }).catch(() => {
      sent = undefined;
    });
  }

  function schedule(delay: number): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(send, delay);
  }

  function start(): void {
    if (started) return;
    started = true;
    disposers.push(
      api.events.on(IpcEvent.ContainersStatsSampled, (batch) => {
        if (batch.engineId !== engineId || batch.samples.length === 0) return;
        state.update((current) => {
          const samples = new Map(current.samples);
          for (const sample of batch.samples) {
            samples.delete(sample.id);
            samples.set(sample.id, sample);
          }
          // Oldest first (Map order): drop what scrolled away long ago.
          for (const id of samples.keys()) {
            if (samples.size <= keep) break;
            samples.delete(id);
          }
          return { ...current, samples };
        });
      }),
    );
    if (page !== undefined) {
      // Hidden stops main at once; shown again resumes at once.
      const onVisibility = (): void => schedule(0);
      page.addEventListener('visibilitychange', onVisibility);
      disposers.push(() => page.removeEventListener('visibilitychange', onVisibility));
    }
  }

  return {
    getSnapshot: state.getSnapshot,
    subscribe: state.subscribe,
    start,
    watch(ids) {
      start();
      wanted = ids;
      schedule(ids.length === 0 ? 0 : debounceMs);
    },
    dispose() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      for (const dispose of disposers.splice(0)) dispose();
      if (sent !== undefined && sent.key !== '') {
        void api.containers.watchStats({ engineId, ids: [], visible: visible() }).catch(() => undefined);
      }
      sent = undefined;
      started = false;
    },
  };
}
