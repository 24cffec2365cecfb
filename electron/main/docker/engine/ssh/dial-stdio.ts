import type { Duplex } from 'node:stream';

import type { ClientChannel } from 'ssh2';

import { ErrorCode, IpcError } from '../../../../common';

/**
 * Channels open at once on one connection. OpenSSH allows 10 sessions per connection by default (MaxSessions),
 * and a channel we closed counts until the server confirms; a server that allows fewer lowers this at run time.
 */
export const MAX_CHANNELS = 8;

/** Shell-quotes one word for the remote command line (only when needed, so the common case reads as the CLI's). */
function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The remote command, as the docker CLI runs it: `docker [--host=unix://PATH] system dial-stdio`. */
export function dialStdioCommand(socketPath: string | undefined): string {
  return socketPath === undefined
    ? 'docker system dial-stdio'
    : `docker ${shellQuote(`--host=unix://${socketPath}`)} system dial-stdio`;
}

/** ssh2's "(SSH) Channel open failure: open failed" (OpenSSH's answer beyond MaxSessions). */
export function isOpenFailure(error: unknown): boolean {
  return error instanceof Error && /open failed/i.test(error.message);
}

/**
 * A remote command that fails before answering (`docker: not found`, a daemon socket that is not there) would
 * otherwise surface as "socket hang up": fail the channel with the command's own words instead.
 */
export function watchRemoteCommand(channel: ClientChannel, command: string, label: string): void {
  let answered = false;
  let stderr = '';
  channel.on('data', () => {
    answered = true;
  });
  channel.stderr.on('data', (chunk: Buffer) => {
    if (stderr.length < 2000) stderr += chunk.toString('utf8');
  });
  // Errors are delivered to the request using the channel; this keeps one from being unhandled meanwhile.
  channel.on('error', () => undefined);
  channel.on('exit', (code: number | null, signal?: string) => {
    if (answered || code === 0) return;
    const said = stderr.trim().split('\n').slice(-3).join(' ').trim();
    const how = code !== null ? `exited with ${code}` : `was killed (${signal ?? 'signal'})`;
    (channel as Duplex).destroy(
      new IpcError(
        ErrorCode.EngineUnreachable,
        `On ${label}, \`${command}\` ${how}${said !== '' ? `: ${said}` : ''}. The remote host needs the docker ` +
          'CLI (18.09 or later) on its PATH and a running daemon.',
      ),
    );
  });
}
