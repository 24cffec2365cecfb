import { hostname } from 'node:os';

import type Dockerode from 'dockerode';

import { type EngineId, ErrorCode, IpcError } from '../../../common';
import type { EngineRegistry } from '../engine/engine-registry';
import { HELPER_LABEL } from './mappers';

/** The machine of the Berth process that created a helper (`os.hostname()`). */
export const HELPER_OWNER_HOST_LABEL = 'io.berth.helper.owner-host';
/** The pid of that process. */
export const HELPER_OWNER_PID_LABEL = 'io.berth.helper.owner-pid';

/** The labels a helper container carries: what it is for, and which Berth process owns it. */
export function helperLabels(
  purpose: string,
  owner: { host: string; pid: number } = { host: hostname(), pid: process.pid },
): Record<string, string> {
  return {
    [HELPER_LABEL]: purpose,
    [HELPER_OWNER_HOST_LABEL]: owner.host,
    [HELPER_OWNER_PID_LABEL]: String(owner.pid),
  };
}

/** Whether a process with this pid is alive on this machine (EPERM: alive, but another user's). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** This Berth process, as the janitor compares helpers against it. */
export interface JanitorSelf {
  host: string;
  pid: number;
  alive: (pid: number) => boolean;
  now: number;
  /** Helpers whose owner cannot be checked are left alone until they are this old. */
  maxAgeMs: number;
}

/**
 * Whether a helper container is a leftover to remove. Helpers are created, never started, and removed by their
 * owner when its transfer ends, so a helper outlives its transfer only when Berth crashed. The owner's pid can be
 * checked only on the owner's own machine: there a dead pid means a leftover at once, this process's own pid means
 * in use (mid-transfer, however long), and another live one (a second Berth of another user) in use too. A helper of another machine sharing the engine, or
 * one from a Berth before these labels, cannot be checked, so only age tells: past `maxAgeMs` (far longer than any
 * transfer) it is taken as abandoned. A pid reused by an unrelated process only delays removal until that age.
 * A running container is never touched: helpers never run, so it is not one Berth left behind.
 */
export function isLeftoverHelper(container: Dockerode.ContainerInfo, self: JanitorSelf): boolean {
  const labels = container.Labels ?? {};
  if (labels[HELPER_LABEL] === undefined) return false;
  if (container.State === 'running' || container.State === 'paused' || container.State === 'restarting') {
    return false;
  }
  const pid = Number(labels[HELPER_OWNER_PID_LABEL]);
  const checkable = labels[HELPER_OWNER_HOST_LABEL] === self.host && Number.isInteger(pid) && pid > 0;
  // Ours: in use by this very process, however long its transfer takes.
  if (checkable && pid === self.pid) return false;
  if (checkable && !self.alive(pid)) return true;
  return self.now - container.Created * 1000 > self.maxAgeMs;
}

interface HelperJanitorOptions {
  /** Default 24 h: a leftover costs a container record, removing a helper in use costs someone a transfer. */
  maxAgeMs?: number;
  host?: string;
  alive?: (pid: number) => boolean;
  logger?: Pick<Console, 'warn'>;
}

/**
 * On every engine connect (the first and each reconnect), removes the helper containers a crashed Berth left on it:
 * one `GET /containers/json?all&filters={"label":["io.berth.helper"]}` and a forced remove per leftover, keeping
 * the volumes it mounted (they are the user's data).
 */
export class HelperJanitor {
  private readonly maxAgeMs: number;
  private readonly host: string;
  private readonly alive: (pid: number) => boolean;
  private readonly logger: Pick<Console, 'warn'>;
  private readonly unsubscribe: () => void;
  private readonly lifetime = new AbortController();

  constructor(
    private readonly engines: EngineRegistry,
    options: HelperJanitorOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? 24 * 60 * 60 * 1000;
    this.host = options.host ?? hostname();
    this.alive = options.alive ?? processAlive;
    this.logger = options.logger ?? console;
    this.unsubscribe = engines.onConnected((engineId) => {
      this.sweep(engineId).catch((error: unknown) => {
        const code = error instanceof IpcError ? error.code : undefined;
        if (code === ErrorCode.EngineUnreachable || code === ErrorCode.Cancelled) return;
        this.logger.warn(`[helpers] cleaning up leftover helpers on ${engineId} failed:`, error);
      });
    });
  }

  /** Removes the engine's leftover helpers; resolves to the ids removed. */
  async sweep(engineId: EngineId): Promise<string[]> {
    const signal = this.lifetime.signal;
    const helpers = await this.engines.request(
      engineId,
      (client, abortSignal) =>
        client.listContainers({ all: true, filters: { label: [HELPER_LABEL] }, abortSignal }),
      { signal },
    );
    const self: JanitorSelf = {
      host: this.host,
      pid: process.pid,
      alive: this.alive,
      now: Date.now(),
      maxAgeMs: this.maxAgeMs,
    };
    const removed: string[] = [];
    for (const helper of helpers.filter((container) => isLeftoverHelper(container, self))) {
      try {
        await this.engines.request(
          engineId,
          (client, abortSignal) =>
            client.getContainer(helper.Id).remove({ force: true, v: false, abortSignal }),
          { signal },
        );
        removed.push(helper.Id);
      } catch (error) {
        // Gone already (its owner or another janitor was faster): that is the outcome we wanted.
        if (!(error instanceof IpcError && error.code === ErrorCode.NotFound)) throw error;
      }
    }
    return removed;
  }

  dispose(): void {
    this.unsubscribe();
    this.lifetime.abort(new IpcError(ErrorCode.Cancelled, 'Berth is shutting down.'));
  }
}
