import type { EngineId } from '../hosts/engine';

/** CPU and memory use of one running container, from one cheap one-shot stats sample. */
export interface ContainerUsage {
  id: string;
  /**
   * CPU use since the previous sample, in percent of one CPU (4 busy CPUs read 400 %); absent on the first
   * sample of a container, since a one-shot sample has nothing to compare against.
   */
  cpuPercent?: number;
  /** Memory in use without the reclaimable page cache, as `docker stats` shows it. */
  memoryBytes?: number;
  /** The container's memory limit (the host's memory when it has none). */
  memoryLimitBytes?: number;
  /** When the daemon read the sample (epoch ms). */
  sampledAt: number;
}

/** Samples of some containers of one engine. */
export interface ContainerUsageBatch {
  engineId: EngineId;
  samples: ContainerUsage[];
}

/** Which containers of one engine the list shows on screen, for CPU and memory sampling. */
export interface ContainerStatsWatch {
  engineId: EngineId;
  /** The running containers whose rows are on screen; empty stops sampling this engine. */
  ids: string[];
  /** Whether the page is visible (`document.visibilityState`); no sampling while it is not. */
  visible: boolean;
}
