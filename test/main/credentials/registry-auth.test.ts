import { describe, expect, it } from 'vitest';

import { ErrorCode, IpcError } from '../../../electron/common';
import {
  DOCKER_HUB_SERVER,
  parseReference,
  registryKey,
  registryLabel,
  registryOfReference,
  toHostname,
  toLoginError,
} from '../../../electron/main/credentials/registry-auth';

describe('parseReference', () => {
  it.each([
    ['busybox', { registry: 'docker.io', repository: 'busybox' }],
    ['busybox:1.36', { registry: 'docker.io', repository: 'busybox', tag: '1.36' }],
    ['team/app:1', { registry: 'docker.io', repository: 'team/app', tag: '1' }],
    [
      '127.0.0.1:5000/berth/busybox:1.0',
      { registry: '127.0.0.1:5000', repository: '127.0.0.1:5000/berth/busybox', tag: '1.0' },
    ],
    [
      '127.0.0.1:5000/berth/busybox',
      { registry: '127.0.0.1:5000', repository: '127.0.0.1:5000/berth/busybox' },
    ],
    ['localhost/app', { registry: 'localhost', repository: 'localhost/app' }],
    ['Registry/app', { registry: 'Registry', repository: 'Registry/app' }],
    [
      `ghcr.io/o/app@sha256:${'a'.repeat(64)}`,
      { registry: 'ghcr.io', repository: 'ghcr.io/o/app', digest: `sha256:${'a'.repeat(64)}` },
    ],
  ])('%s', (input, expected) => {
    expect(parseReference(input)).toEqual(expected);
  });
});

describe('registry keys as the docker CLI keys them', () => {
  it.each([
    ['', DOCKER_HUB_SERVER],
    ['docker.io', DOCKER_HUB_SERVER],
    ['index.docker.io', DOCKER_HUB_SERVER],
    ['https://index.docker.io/v1/', DOCKER_HUB_SERVER],
    ['registry-1.docker.io', DOCKER_HUB_SERVER],
    ['http://127.0.0.1:5000/v2/', '127.0.0.1:5000'],
    ['Registry.Example.com', 'registry.example.com'],
  ])('%j → %s', (input, key) => {
    expect(registryKey(input)).toBe(key);
  });

  it('finds the registry of a reference', () => {
    expect(registryOfReference('busybox')).toBe(DOCKER_HUB_SERVER);
    expect(registryOfReference('127.0.0.1:5000/a/b:1')).toBe('127.0.0.1:5000');
    expect(toHostname('https://h:1/x/y')).toBe('h:1');
    expect(registryLabel(DOCKER_HUB_SERVER)).toBe('Docker Hub');
  });
});

describe('toLoginError', () => {
  it('turns a refused login into UNAUTHORIZED naming the registry, keeping the daemon’s words', () => {
    const error = toLoginError(
      new IpcError(
        ErrorCode.Internal,
        'login attempt to http://r:5000/v2/ failed with status: 401 Unauthorized',
      ),
      'r:5000',
    );
    expect(error.code).toBe(ErrorCode.Unauthorized);
    expect(error.message).toMatch(/^r:5000 refused the user name or password \(login attempt/);
  });

  it('keeps other errors as they are', () => {
    const original = new IpcError(ErrorCode.EngineUnreachable, 'gone');
    expect(toLoginError(original, 'r')).toBe(original);
  });
});
