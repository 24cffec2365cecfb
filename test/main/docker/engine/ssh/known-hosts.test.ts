import { createHmac, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  appendKnownHost,
  checkHostKey,
  fingerprintOf,
  keyTypeOf,
  knownHostName,
  knownKeyTypes,
  parseKnownHosts,
} from '../../../../../electron/main/docker/engine/ssh/known-hosts';

/** An SSH ed25519 public key blob: string "ssh-ed25519" + string of the 32-byte key. */
function ed25519Blob(): Buffer {
  const { publicKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const field = (data: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    return Buffer.concat([length, data]);
  };
  return Buffer.concat([field(Buffer.from('ssh-ed25519')), field(raw)]);
}

function hashed(name: string): string {
  const salt = randomBytes(20);
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

describe('known_hosts', () => {
  const key = ed25519Blob();
  const other = ed25519Blob();
  const b64 = (blob: Buffer): string => blob.toString('base64');

  it('names hosts as OpenSSH does: [host]:port unless the port is 22', () => {
    expect(knownHostName('build', 22)).toBe('build');
    expect(knownHostName('127.0.0.1', 2222)).toBe('[127.0.0.1]:2222');
  });

  it('reads the key type from the blob and prints the SHA256 fingerprint like ssh-keygen', () => {
    expect(keyTypeOf(key)).toBe('ssh-ed25519');
    expect(fingerprintOf(key)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it.each<[string, (blob: Buffer) => string, string]>([
    ['plain name', (blob) => `build ssh-ed25519 ${b64(blob)}`, 'build'],
    ['name list', (blob) => `alpha,build,gamma ssh-ed25519 ${b64(blob)} comment`, 'build'],
    ['wildcard', (blob) => `*.example.com ssh-ed25519 ${b64(blob)}`, 'api.example.com'],
    ['port form', (blob) => `[127.0.0.1]:2222 ssh-ed25519 ${b64(blob)}`, '[127.0.0.1]:2222'],
    ['hashed entry', (blob) => `${hashed('[127.0.0.1]:2222')} ssh-ed25519 ${b64(blob)}`, '[127.0.0.1]:2222'],
  ])('knows a key listed by %s', (_case, line, name) => {
    const entries = parseKnownHosts(`# comment\n\n${line(key)}\n`, 'kh');
    expect(checkHostKey(entries, name, key)).toMatchObject({ status: 'known' });
    expect(knownKeyTypes(entries, name)).toEqual(['ssh-ed25519']);
  });

  it('reports a different key of the same type as a mismatch, with file and line', () => {
    const entries = parseKnownHosts(
      `other ssh-ed25519 ${b64(other)}\n${hashed('build')} ssh-ed25519 ${b64(other)}\n`,
      '/h/.ssh/known_hosts',
    );
    expect(checkHostKey(entries, 'build', key)).toMatchObject({
      status: 'mismatch',
      entry: { file: '/h/.ssh/known_hosts', line: 2 },
    });
  });

  it('a port is part of the name: the same host on another port is unknown', () => {
    const entries = parseKnownHosts(`[127.0.0.1]:2222 ssh-ed25519 ${b64(other)}\n`, 'kh');
    expect(checkHostKey(entries, '[127.0.0.1]:2223', key)).toEqual({
      status: 'unknown',
      otherTypesKnown: false,
    });
  });

  it('only keys of other types on file: unknown, saying others are known', () => {
    const entries = parseKnownHosts(`build ssh-rsa ${b64(Buffer.from('AAAA', 'base64'))}\n`, 'kh');
    expect(checkHostKey(entries, 'build', key)).toEqual({ status: 'unknown', otherTypesKnown: true });
  });

  it('refuses a key marked @revoked wherever it is, and skips malformed lines', () => {
    const entries = parseKnownHosts(
      `garbage\n@revoked * ssh-ed25519 ${b64(key)}\nbuild ssh-ed25519 ${b64(key)}\n`,
      'kh',
    );
    expect(checkHostKey(entries, 'build', key)).toMatchObject({ status: 'revoked' });
  });

  describe('appending', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'berth-kh-'));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('creates ~/.ssh 0700 and the file 0600, and the new line is then known', async () => {
      const file = join(dir, '.ssh', 'known_hosts');
      await appendKnownHost(file, '[127.0.0.1]:2222', key);
      await appendKnownHost(file, 'build', other);
      expect((await stat(join(dir, '.ssh'))).mode & 0o777).toBe(0o700);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      const text = await readFile(file, 'utf8');
      expect(text).toBe(`[127.0.0.1]:2222 ssh-ed25519 ${b64(key)}\nbuild ssh-ed25519 ${b64(other)}\n`);
      const entries = parseKnownHosts(text, file);
      expect(checkHostKey(entries, '[127.0.0.1]:2222', key).status).toBe('known');
      expect(checkHostKey(entries, 'build', key).status).toBe('mismatch');
    });
  });
});
