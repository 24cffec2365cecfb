/** Whole seconds as `3d 4h`, `2h 5m`, `4m 12s` or `12s`: two units at most, so the header stays short. */
export function formatUptime(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${minutes}m`;
  if (minutes > 0) return `${minutes}m ${rest}s`;
  return `${rest}s`;
}

/** What the header reads from `docker inspect`: when the container started, and how often it restarted. */
export interface InspectFacts {
  /** Epoch ms of the last start; absent before the first. */
  startedAt?: number;
  restartCount: number;
}

/** The facts of an inspect's `State` and `RestartCount` (the zero time of a never-started container is absent). */
export function inspectFacts(inspect: Record<string, unknown>): InspectFacts {
  const state = (inspect.State ?? {}) as { StartedAt?: unknown };
  const started = typeof state.StartedAt === 'string' ? Date.parse(state.StartedAt) : Number.NaN;
  const restartCount = typeof inspect.RestartCount === 'number' ? inspect.RestartCount : 0;
  return {
    ...(Number.isFinite(started) && started > 0 ? { startedAt: started } : {}),
    restartCount,
  };
}
