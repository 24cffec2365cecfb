import type { Duplex } from 'node:stream';

import type { Client } from 'ssh2';

import { ErrorCode, IpcError } from '../../../../common';
import type { SshTarget } from '../endpoint';
import { knownHostName } from './known-hosts';
import { resolveSshHost, type SshConfigLine, type SshHostConfig } from './ssh-config';
import type { SshEnvironment } from './ssh-prompts';

/** Longer ProxyJump chains than this are refused (OpenSSH has no limit, but a loop in the config would be endless). */
const MAX_JUMP_HOPS = 8;

/** Everything needed to dial one hop, resolved from the URL and ~/.ssh/config. */
export interface HopPlan {
  target: SshTarget;
  config: SshHostConfig;
  user: string;
  port: number;
  /** The name looked up in known_hosts. */
  knownName: string;
  /** For messages: `user@host:port`. */
  label: string;
}

/** Parses a `ProxyJump` hop: `[user@]host[:port]` (or an `ssh://` URL). */
function parseJumpHop(hop: string): SshTarget {
  const url = hop.startsWith('ssh://') ? hop : `ssh://${hop}`;
  try {
    const parsed = new URL(url);
    const target: SshTarget = { host: parsed.hostname.replace(/^\[(.*)\]$/, '$1') };
    if (parsed.username) target.user = decodeURIComponent(parsed.username);
    if (parsed.port !== '') target.port = Number(parsed.port);
    return target;
  } catch {
    return { host: hop };
  }
}

function planHop(lines: readonly SshConfigLine[], target: SshTarget, environment: SshEnvironment): HopPlan {
  const options: { home: string; localUser: string; user?: string; port?: number } = {
    home: environment.home,
    localUser: environment.localUser,
  };
  if (target.user !== undefined) options.user = target.user;
  if (target.port !== undefined) options.port = target.port;
  const config = resolveSshHost(lines, target.host, options);
  const user = config.user ?? environment.localUser;
  const port = config.port ?? 22;
  const hostName = config.hostName;
  const knownName = config.hostKeyAlias ?? knownHostName(hostName, port);
  const hostForLabel = hostName.includes(':') ? `[${hostName}]` : hostName;
  return { target, config, user, port, knownName, label: `${user}@${hostForLabel}:${port}` };
}

/**
 * The hops to dial, like `ssh -J a,b target`: a, then b reached from a, then the target reached from b; each with
 * its own ~/.ssh/config entry. The target is last.
 */
export function planChain(
  lines: readonly SshConfigLine[],
  target: SshTarget,
  environment: SshEnvironment,
): HopPlan[] {
  const plan = planHop(lines, target, environment);
  const hops = plan.config.proxyJump ?? [];
  if (hops.length > MAX_JUMP_HOPS) {
    throw new IpcError(
      ErrorCode.Validation,
      `ProxyJump for ${target.host} has ${hops.length} hops; Berth follows at most ${MAX_JUMP_HOPS}.`,
    );
  }
  return [...hops.map((hop) => planHop(lines, parseJumpHop(hop), environment)), plan];
}

/** A tunnel from the jump host `jump` to the next hop, the socket the next handshake runs over. */
export async function tunnelToNextHop(jump: Client, from: HopPlan, next: HopPlan): Promise<Duplex> {
  try {
    return await forwardOut(jump, next.config.hostName, next.port);
  } catch (error) {
    throw new IpcError(
      ErrorCode.EngineUnreachable,
      `The jump host ${from.label} could not reach ${next.config.hostName}:${next.port}: ${(error as Error).message}.`,
      { cause: error },
    );
  }
}

function forwardOut(jump: Client, host: string, port: number): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    try {
      jump.forwardOut('127.0.0.1', 0, host, port, (error, stream) => {
        if (error) reject(error);
        else resolve(stream);
      });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
