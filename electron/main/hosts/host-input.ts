import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { ErrorCode, IpcError } from '../../common';
import type { HostInput } from '../../common/hosts/types';
import type { DockerContextInput } from './contexts/context-store';

// What the user typed into the host form, checked before anything is saved: the address, and the TLS files it
// names (read, so a typo is refused now rather than at the next connect).

/** The PEM text of the TLS files a host names. */
interface TlsContents {
  ca?: string;
  cert?: string;
  key?: string;
}

function expandHome(path: string, homedir: string): string {
  return path === '~' ? homedir : path.startsWith('~/') ? join(homedir, path.slice(2)) : path;
}

const knownSchemes = ['unix', 'npipe', 'tcp', 'ssh'];

/** Refuses addresses Berth cannot parse at all, before anything is saved. */
export function validateUrl(url: string): void {
  const match = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url);
  const scheme = match?.[1]?.toLowerCase();
  if (scheme === undefined || !knownSchemes.includes(scheme)) {
    throw new IpcError(
      ErrorCode.Validation,
      `"${url}" is not an address Berth knows: use unix:///path, npipe:////./pipe/name, tcp://host:port or ssh://[user@]host[:port][/socket].`,
    );
  }
  // `unix://relative/path` would name a socket relative to wherever Berth runs: the CLI wants an absolute path.
  if (scheme === 'unix' && !/^unix:\/\/\/./i.test(url)) {
    throw new IpcError(
      ErrorCode.Validation,
      `"${url.length > 80 ? `${url.slice(0, 60)}…` : url}" is not a valid unix:// address: the socket path must be absolute (unix:///path/to/docker.sock).`,
    );
  }
  if (scheme === 'tcp' || scheme === 'ssh') {
    try {
      const parsed = new URL(url);
      if (parsed.hostname === '') throw new Error('no host');
    } catch {
      throw new IpcError(ErrorCode.Validation, `"${url}" is not a valid ${scheme}:// address.`);
    }
  }
}

/** Reads the TLS files the user named (PEM), so a typo is refused before anything is saved. */
export async function readTlsFiles(input: HostInput, homedir: string): Promise<TlsContents> {
  const contents: TlsContents = {};
  const what = { ca: 'CA certificate', cert: 'client certificate', key: 'client key' } as const;
  for (const kind of ['ca', 'cert', 'key'] as const) {
    const path = input.tls?.[kind];
    if (path === undefined) continue;
    const file = expandHome(path, homedir);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new IpcError(
        ErrorCode.Validation,
        `The ${what[kind]} ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
      );
    }
    if (!text.includes('-----BEGIN ')) {
      throw new IpcError(ErrorCode.Validation, `The ${what[kind]} ${path} is not a PEM file.`);
    }
    contents[kind] = text;
  }
  if ((contents.cert === undefined) !== (contents.key === undefined)) {
    throw new IpcError(
      ErrorCode.Validation,
      'A client certificate needs its key, and a key its certificate.',
    );
  }
  return contents;
}

/** A docker context as the user entered it (its TLS material inline, as the CLI stores it). */
export function contextInput(
  name: string,
  input: HostInput,
  url: string,
  tls: TlsContents,
): DockerContextInput {
  const context: DockerContextInput = { name, host: url, skipTlsVerify: input.skipTlsVerify === true };
  if (input.description !== undefined) context.description = input.description.trim();
  if (Object.keys(tls).length > 0) context.tls = tls;
  return context;
}
