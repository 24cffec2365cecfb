import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach } from 'vitest';

import { docker, dockerCli, type RigRemoteInfo } from '../rig';
import type { BerthApp } from './harness';

/** A docker CLI context for the rig's second daemon, to write into the app's own DOCKER_CONFIG. */
export interface RemoteContext {
  readonly name: string;
  readonly remote: RigRemoteInfo;
  /** Reach it over tcp with mutual TLS (certs in the context) instead of its unix socket. */
  readonly mutualTls?: boolean;
}

/** A DOCKER_CONFIG of its own for the app, holding `contexts`, written by the real CLI as a user's would be. */
export interface E2eDockerConfig {
  readonly dir: string;
  /** Deletes the folder (idempotent). */
  remove(): Promise<void>;
}

export async function makeDockerConfig(contexts: readonly RemoteContext[]): Promise<E2eDockerConfig> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-e2e-docker-config-'));
  for (const { name, remote, mutualTls = false } of contexts) {
    const { certs } = remote.tls;
    const endpoint = mutualTls
      ? `host=${remote.tls.host},ca=${certs.ca},cert=${certs.clientCert},key=${certs.clientKey}`
      : `host=${remote.tls.socketHost}`;
    await docker('--config', dir, 'context', 'create', name, '--docker', endpoint);
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** The engine id Berth gives a docker CLI context. */
export function contextEngineId(name: string): string {
  return `context:${name}`;
}

/** `docker …` against the rig's second daemon; `remote` is read per call (it is set in `beforeAll`). */
export function remoteDockerOf(remote: () => RigRemoteInfo): (...args: string[]) => Promise<string> {
  return (...args) => dockerCli(remote().tls.socketHost, args);
}

/** The page globals the failure dump touches (the node tsconfig has no DOM types). */
interface DumpedPage {
  document: { body: { innerText: string } };
}

/**
 * Registers an `afterEach` that prints the app's main and renderer logs and the window's text when a test fails,
 * plus `extra` sections (name → text), so a red e2e run says what the app saw.
 */
export function dumpAppOnFailure(
  app: () => BerthApp | undefined,
  extra: Record<string, (app: BerthApp) => Promise<string>> = {},
): void {
  afterEach(async (context) => {
    const current = app();
    if (context.task.result?.state !== 'fail' || current === undefined) return;
    const shown = await current.window
      .evaluate(() => (globalThis as unknown as DumpedPage).document.body.innerText.slice(0, 3000))
      .catch((error: unknown) => String(error));
    const sections: [string, string][] = [
      ['main process', current.mainLogs()],
      ['renderer', current.rendererLogs()],
      [`window (${current.window.url()})`, shown],
    ];
    for (const [name, read] of Object.entries(extra)) {
      sections.push([name, await read(current).catch((error: unknown) => String(error))]);
    }
    console.log(sections.map(([name, text]) => `----- ${name} -----\n${text}`).join('\n'));
  });
}
