import type { IpcError } from '../../../../common';
import type { HopPlan } from './hop-plan';
import type { SshEnvironment } from './ssh-prompts';

/**
 * A deadline that stands still while the user is being asked something (a host key, a passphrase): only the
 * network's time counts.
 */
export class PausableDeadline {
  private timer: NodeJS.Timeout | undefined;
  private remaining: number;
  private startedAt = 0;
  private pauses = 0;
  private done = false;

  constructor(
    timeoutMs: number,
    private readonly onExpire: () => void,
  ) {
    this.remaining = timeoutMs;
    this.resume(true);
  }

  pause(): void {
    if (this.done || this.pauses++ > 0) return;
    clearTimeout(this.timer);
    this.remaining -= performance.now() - this.startedAt;
  }

  resume(initial = false): void {
    if (this.done || (!initial && --this.pauses > 0)) return;
    this.startedAt = performance.now();
    this.timer = setTimeout(
      () => {
        this.done = true;
        this.onExpire();
      },
      Math.max(0, this.remaining),
    );
  }

  /** Runs `ask` with the clock stopped. */
  async during<T>(ask: () => Promise<T>): Promise<T> {
    this.pause();
    try {
      return await ask();
    } finally {
      this.resume();
    }
  }

  clear(): void {
    this.done = true;
    clearTimeout(this.timer);
  }
}

/**
 * One hop's handshake in progress, shared by the connection (ssh-handshake.ts), the host-key check
 * (host-key-verifier.ts) and the login (ssh-auth.ts).
 */
export interface Handshake {
  readonly engineId: string;
  readonly plan: HopPlan;
  readonly environment: SshEnvironment;
  /** Put before every message: `via user@jump:22: ` for a jump host, so the user knows which hop refused. */
  readonly prefix: string;
  readonly deadline: PausableDeadline;
  /** Set once the handshake resolved or failed: late callbacks then do nothing. */
  settled: boolean;
  /** Set when we refused: our words beat ssh2's generic ones. */
  refusal: IpcError | undefined;
  /** What was offered to log in (`the ssh agent`, key files), for the failure message. */
  readonly tried: string[];
  /** Password (or keyboard-interactive) answers sent so far; never the answers themselves. */
  passwordTries: number;
  /** Ends the handshake with `error` (once). */
  fail(error: Error): void;
}
