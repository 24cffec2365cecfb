import { createHash, createHmac } from 'node:crypto';
import { appendFile, chmod, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

import { matchHostPatterns } from './ssh-config';

/** One line of a known_hosts file. */
export interface KnownHostEntry {
  file: string;
  /** 1-based. */
  line: number;
  marker?: 'revoked' | 'cert-authority';
  /** The host field as written: comma-separated patterns, or one hashed `|1|salt|hash` entry. */
  hosts: string;
  keyType: string;
  key: Buffer;
}

/** The result of looking a presented host key up. */
export type HostKeyCheck =
  | { status: 'known'; entry: KnownHostEntry }
  /** Nothing for this host with this key type. `otherTypesKnown`: keys of other types are on file. */
  | { status: 'unknown'; otherTypesKnown: boolean }
  /** A different key of the same type is on file: someone may be impersonating the host. */
  | { status: 'mismatch'; entry: KnownHostEntry }
  | { status: 'revoked'; entry: KnownHostEntry };

/** `host`, or `[host]:port` when the port is not 22: the name OpenSSH looks up and writes. */
export function knownHostName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** Parses known_hosts text; malformed lines are skipped, as by OpenSSH. */
export function parseKnownHosts(text: string, file: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const fields = line.split(/\s+/);
    let marker: KnownHostEntry['marker'];
    if (fields[0]?.startsWith('@')) {
      const word = fields.shift();
      if (word === '@revoked') marker = 'revoked';
      else if (word === '@cert-authority') marker = 'cert-authority';
      else return;
    }
    const [hosts, keyType, keyText] = fields;
    if (hosts === undefined || keyType === undefined || keyText === undefined) return;
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(keyText)) return;
    const entry: KnownHostEntry = {
      file,
      line: index + 1,
      hosts,
      keyType,
      key: Buffer.from(keyText, 'base64'),
    };
    if (marker !== undefined) entry.marker = marker;
    entries.push(entry);
  });
  return entries;
}

/** Whether an entry's host field names `name` (hashed `|1|salt|hash` entries included). */
function entryMatchesHost(entry: KnownHostEntry, name: string): boolean {
  if (entry.hosts.startsWith('|1|')) {
    const [, , salt, hash] = entry.hosts.split('|');
    if (salt === undefined || hash === undefined) return false;
    const digest = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
    return digest === hash;
  }
  return matchHostPatterns(name, entry.hosts.split(','));
}

/** The key type inside an SSH public key blob (its first string), e.g. `ssh-ed25519`. */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return '';
  const length = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + length).toString('latin1');
}

/** `SHA256:…` (unpadded base64), as `ssh` and `ssh-keygen -l` print it. */
export function fingerprintOf(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** Looks up the key a host presented, with OpenSSH's rules (a revoked key is refused wherever it is listed). */
export function checkHostKey(entries: readonly KnownHostEntry[], name: string, blob: Buffer): HostKeyCheck {
  const keyType = keyTypeOf(blob);
  const revoked = entries.find((entry) => entry.marker === 'revoked' && entry.key.equals(blob));
  if (revoked) return { status: 'revoked', entry: revoked };
  const forHost = entries.filter((entry) => entry.marker === undefined && entryMatchesHost(entry, name));
  const sameType = forHost.filter((entry) => entry.keyType === keyType);
  const known = sameType.find((entry) => entry.key.equals(blob));
  if (known) return { status: 'known', entry: known };
  const changed = sameType[0];
  if (changed) return { status: 'mismatch', entry: changed };
  return { status: 'unknown', otherTypesKnown: forHost.length > 0 };
}

/** Key types already on file for a host, to offer them first in the key exchange (as OpenSSH orders them). */
export function knownKeyTypes(entries: readonly KnownHostEntry[], name: string): string[] {
  const types = entries
    .filter((entry) => entry.marker === undefined && entryMatchesHost(entry, name))
    .map((entry) => entry.keyType);
  return [...new Set(types)];
}

/** Reads and parses every file; a missing file holds no entries. */
export async function loadKnownHosts(files: readonly string[]): Promise<KnownHostEntry[]> {
  const all: KnownHostEntry[] = [];
  for (const file of files) {
    try {
      all.push(...parseKnownHosts(await readFile(file, 'utf8'), file));
    } catch {
      // No such file yet.
    }
  }
  return all;
}

/** Appends `name keyType base64` to `file` (creating ~/.ssh 0700 and the file 0600 when new), like `ssh` does. */
export async function appendKnownHost(file: string, name: string, blob: Buffer): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  let existing = '';
  let isNew = false;
  try {
    existing = await readFile(file, 'utf8');
  } catch {
    isNew = true;
  }
  const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
  await appendFile(file, `${separator}${name} ${keyTypeOf(blob)} ${blob.toString('base64')}\n`, {
    mode: 0o600,
  });
  if (isNew) await chmod(file, 0o600);
}
