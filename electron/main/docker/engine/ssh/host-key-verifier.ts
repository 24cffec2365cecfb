import type { ServerHostKeyAlgorithm } from 'ssh2';

import { ErrorCode, IpcError } from '../../../../common';
import type { Handshake } from './handshake';
import {
  appendKnownHost,
  checkHostKey,
  fingerprintOf,
  type HostKeyCheck,
  keyTypeOf,
  type KnownHostEntry,
} from './known-hosts';
import { displayPath } from './ssh-prompts';

/**
 * The host presented a key other than the one known_hosts has for it: refused like any identity problem
 * (UNAUTHORIZED across IPC), but the engine says `hostKeyChanged`, since what it may mean differs from a login.
 */
export class HostKeyChangedError extends IpcError {
  constructor(message: string) {
    super(ErrorCode.Unauthorized, message);
  }
}

/** ssh2's host key callback: answer `verify(true)` to go on. */
type HostVerifier = (blob: Buffer, verify: (valid: boolean) => void) => void;

type UnknownKey = Extract<HostKeyCheck, { status: 'unknown' }>;

/**
 * Checks the host's key against known_hosts as ssh does: a known key passes; a revoked or changed one is refused;
 * an unknown one follows StrictHostKeyChecking (`yes` refuses, `accept-new` trusts a first key) or asks the user.
 * A key the user trusts is appended to the first known_hosts file.
 */
export function createHostVerifier(
  handshake: Handshake,
  entries: readonly KnownHostEntry[],
  knownHostsFile: string,
): HostVerifier {
  const { plan, prefix, environment } = handshake;
  const home = environment.home;
  return (blob, verify) => {
    const result = checkHostKey(entries, plan.knownName, blob);
    const fingerprint = fingerprintOf(blob);
    const keyType = keyTypeOf(blob);
    const refuse = (message: string, changed = false): void => {
      handshake.refusal = changed
        ? new HostKeyChangedError(`${prefix}${message}`)
        : new IpcError(ErrorCode.Unauthorized, `${prefix}${message}`);
      verify(false);
    };
    if (result.status === 'known') return verify(true);
    if (result.status === 'revoked') {
      return refuse(
        `The host key of ${plan.knownName} (${fingerprint}) is marked @revoked in ${displayPath(result.entry.file, home)}; Berth refused to connect.`,
      );
    }
    if (result.status === 'mismatch') {
      return refuse(
        `The host key of ${plan.knownName} has changed: it presented ${keyType} ${fingerprint}, but ` +
          `${displayPath(result.entry.file, home)} line ${result.entry.line} has a different key. Someone may be ` +
          'intercepting the connection, so Berth refused it. If the host was reinstalled, remove the old key with ' +
          `\`ssh-keygen -R ${plan.knownName}\` and connect again.`,
        true,
      );
    }
    const accept = (): void => {
      appendKnownHost(knownHostsFile, plan.knownName, blob).then(
        () => verify(true),
        (error: unknown) =>
          refuse(
            `Could not add the host key of ${plan.knownName} to ${displayPath(knownHostsFile, home)}: ${(error as Error).message}.`,
          ),
      );
    };
    decideUnknownKey(handshake, result, { keyType, fingerprint, knownHostsFile }, accept, refuse);
  };
}

/** An unknown key: StrictHostKeyChecking decides, or the user. */
function decideUnknownKey(
  handshake: Handshake,
  result: UnknownKey,
  key: { keyType: string; fingerprint: string; knownHostsFile: string },
  accept: () => void,
  refuse: (message: string) => void,
): void {
  const { plan, engineId } = handshake;
  const strict = plan.config.strictHostKeyChecking;
  if (strict === 'yes') {
    return refuse(
      `${plan.knownName} is not in known_hosts (${key.fingerprint}) and StrictHostKeyChecking is yes; ` +
        'add its key first (for example by connecting once with ssh).',
    );
  }
  if (strict === 'accept-new' && !result.otherTypesKnown) return accept();
  handshake.deadline
    .during(() =>
      handshake.environment.prompts.confirmHostKey({
        engineId,
        address: plan.knownName,
        keyType: key.keyType,
        fingerprint: key.fingerprint,
        knownHostsFile: key.knownHostsFile,
        otherKeysKnown: result.otherTypesKnown,
      }),
    )
    .then(
      (trusted) => {
        if (handshake.settled) return;
        if (trusted) accept();
        else
          refuse(
            `The host key of ${plan.knownName} (${key.keyType} ${key.fingerprint}) was not trusted, so Berth did not connect.`,
          );
      },
      () => refuse(`Nobody could confirm the host key of ${plan.knownName}; Berth did not connect.`),
    );
}

/** The host key algorithms to ask for: those of keys already on file first, so a known host is not prompted. */
export function serverHostKeyOrder(known: readonly string[]): ServerHostKeyAlgorithm[] {
  const all: ServerHostKeyAlgorithm[] = [
    'ssh-ed25519',
    'ecdsa-sha2-nistp256',
    'ecdsa-sha2-nistp384',
    'ecdsa-sha2-nistp521',
    'rsa-sha2-512',
    'rsa-sha2-256',
    'ssh-rsa',
  ];
  // An RSA key on file is offered as any of the RSA signature algorithms.
  const algorithmsOf = (keyType: string): string[] =>
    keyType === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [keyType];
  const isOffered = (algorithm: string): algorithm is ServerHostKeyAlgorithm =>
    all.some((offered) => offered === algorithm);
  const preferred = known.flatMap(algorithmsOf).filter(isOffered);
  return [...new Set([...preferred, ...all])];
}
