import type { EngineStatus } from '../../../common';

// The pure rules of an engine's status: how long to wait before the next attempt, and what a status change is.

/** Exponential backoff between reconnect attempts. */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  /** ±fraction applied to every delay, e.g. 0.2 for ±20 %. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 250, maxMs: 30_000, jitter: 0.2 };

/** The delay before reconnect attempt number `attempt` (0-based). */
export function backoffDelay(
  attempt: number,
  backoff: BackoffOptions,
  random: () => number = Math.random,
): number {
  const base = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(attempt, 30));
  const factor = 1 + backoff.jitter * (2 * random() - 1);
  return Math.max(0, Math.round(base * factor));
}

/** A round-trip time as shown: milliseconds with two decimals. */
export function roundLatency(ms: number): number {
  return Math.round(ms * 100) / 100;
}

/**
 * The status after `patch`: `since` moves only when the state changes; version and latency describe a live
 * connection only, so they go when it is not connected.
 */
export function patchStatus(previous: EngineStatus, patch: Partial<EngineStatus>, now: number): EngineStatus {
  const next: EngineStatus = { ...previous, ...patch };
  if (patch.state !== undefined && patch.state !== previous.state) next.since = now;
  if (next.state !== 'connected') {
    delete next.apiVersion;
    delete next.engineVersion;
    delete next.latencyMs;
  }
  if (next.lastError === undefined) delete next.lastError;
  return next;
}

/** Whether two statuses would look the same to the user (`since` aside): then nothing is announced. */
export function sameStatus(a: EngineStatus, b: EngineStatus): boolean {
  return (
    a.state === b.state &&
    a.lastError === b.lastError &&
    a.apiVersion === b.apiVersion &&
    a.engineVersion === b.engineVersion &&
    a.latencyMs === b.latencyMs
  );
}
