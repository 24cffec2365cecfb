import type { SamplerTimers } from '../../electron/main/docker/containers/stats-sampler';

/** The stats sampler's timers, fired by the test by hand: a round is scheduled, never waited for. */
export class ManualTimers implements SamplerTimers {
  readonly pending = new Map<number, () => void>();
  private next = 1;
  set(callback: () => void): number {
    const handle = this.next++;
    this.pending.set(handle, callback);
    return handle;
  }
  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  fireAll(): void {
    const callbacks = [...this.pending.values()];
    this.pending.clear();
    for (const callback of callbacks) callback();
  }
}
