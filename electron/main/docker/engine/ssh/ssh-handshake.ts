import { join } from 'node:path';
import type { Duplex } from 'node:stream';

import ssh2, { type Client, type ConnectConfig } from 'ssh2';

import { ErrorCode, IpcError } from '../../../../common';
import { DeadlineExceededError } from '../deadline';
import { type Handshake, PausableDeadline } from './handshake';
import type { HopPlan } from './hop-plan';
import { createHostVerifier, serverHostKeyOrder } from './host-key-verifier';
import { type KnownHostEntry, knownKeyTypes, loadKnownHosts } from './known-hosts';
import { authFailure, createAuthHandler, readCredentials } from './ssh-auth';
import type { SshEnvironment } from './ssh-prompts';

// ssh2 is CommonJS and Node's ESM loader cannot see its named exports (the main bundle loads it as an external
// package): take them from the default export, which works under Node, Vite and vitest alike.
const { Client: SshClient } = ssh2;

export interface HopConnectOptions {
  timeoutMs: number;
  signal: AbortSignal;
}

/** The handshake's network time: the caller's, or ConnectTimeout from ~/.ssh/config when shorter. */
function handshakeTimeout(plan: HopPlan, timeoutMs: number): number {
  const configured = plan.config.connectTimeoutSeconds;
  return configured !== undefined ? Math.min(timeoutMs, configured * 1000) : timeoutMs;
}

/**
 * Dials one hop (directly, or over `sock`: a tunnel through the previous jump host), verifies its host key and
 * logs in. `prefix` starts every message (it names a jump host).
 */
export async function connectHop(
  engineId: string,
  plan: HopPlan,
  environment: SshEnvironment,
  options: HopConnectOptions,
  sock: Duplex | undefined,
  prefix: string,
): Promise<Client> {
  const home = environment.home;
  const knownHostsFiles = plan.config.userKnownHostsFiles ?? [
    join(home, '.ssh', 'known_hosts'),
    join(home, '.ssh', 'known_hosts2'),
  ];
  const entries: KnownHostEntry[] = await loadKnownHosts(knownHostsFiles);
  const credentials = await readCredentials(plan, home, environment.env);
  const timeoutMs = handshakeTimeout(plan, options.timeoutMs);
  const client = new SshClient();
  // From here on ssh2 may emit 'error' at any time; an unlistened one would crash the process.
  client.on('error', () => undefined);

  return new Promise<Client>((resolve, reject) => {
    const onAbort = (): void =>
      handshake.fail(options.signal.reason instanceof Error ? options.signal.reason : new Error('aborted'));
    const settle = (): boolean => {
      if (handshake.settled) return false;
      handshake.settled = true;
      handshake.deadline.clear();
      options.signal.removeEventListener('abort', onAbort);
      return true;
    };
    const handshake: Handshake = {
      engineId,
      plan,
      environment,
      prefix,
      settled: false,
      refusal: undefined,
      tried: [],
      passwordTries: 0,
      deadline: new PausableDeadline(timeoutMs, () =>
        handshake.fail(
          new IpcError(
            ErrorCode.Timeout,
            `${prefix}The SSH handshake with ${plan.label} did not finish within ${Math.round(timeoutMs / 1000)} s.`,
            { cause: new DeadlineExceededError(timeoutMs) },
          ),
        ),
      ),
      fail(error) {
        if (!settle()) return;
        client.destroy();
        reject(error);
      },
    };
    options.signal.addEventListener('abort', onAbort, { once: true });

    client.once('ready', () => {
      if (settle()) resolve(client);
    });
    client.on('error', (error: Error & { level?: string }) => {
      if (handshake.refusal) return handshake.fail(handshake.refusal);
      if (error.level === 'client-authentication') return handshake.fail(authFailure(handshake));
      handshake.fail(error);
    });
    client.on('close', () => {
      handshake.fail(
        handshake.refusal ??
          new IpcError(
            ErrorCode.EngineUnreachable,
            `${prefix}${plan.label} closed the SSH connection during the handshake.`,
          ),
      );
    });

    const config: ConnectConfig = {
      host: plan.config.hostName,
      port: plan.port,
      username: plan.user,
      readyTimeout: 0,
      keepaliveInterval: environment.keepaliveIntervalMs ?? 15_000,
      keepaliveCountMax: environment.keepaliveCountMax ?? 3,
      hostVerifier: createHostVerifier(
        handshake,
        entries,
        knownHostsFiles[0] ?? join(home, '.ssh', 'known_hosts'),
      ),
      authHandler: createAuthHandler(handshake, credentials),
      algorithms: { serverHostKey: serverHostKeyOrder(knownKeyTypes(entries, plan.knownName)) },
    };
    if (sock !== undefined) config.sock = sock;
    try {
      client.connect(config);
    } catch (error) {
      handshake.fail(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
