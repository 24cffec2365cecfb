import { describe, expect, it } from 'vitest';

import { ErrorCode, IpcError } from '../../../../electron/common';
import {
  nameConflictError,
  stateConflictError,
} from '../../../../electron/main/docker/containers/container-service';
import { explainRunFailure, toCreateOptions } from '../../../../electron/main/docker/containers/run-service';
import { runSpec as spec } from '../../../fixtures/run-spec';

describe('toCreateOptions', () => {
  it('maps a bare request to the image and defaults, leaving Cmd and NetworkMode to the image and daemon', () => {
    const options = toCreateOptions(spec(), 'nginx:latest');
    expect(options).toEqual({
      Image: 'nginx:latest',
      Env: [],
      Tty: false,
      OpenStdin: false,
      AttachStdin: false,
      AttachStdout: false,
      AttachStderr: false,
      StdinOnce: false,
      ExposedPorts: {},
      HostConfig: {
        PortBindings: {},
        Mounts: [],
        RestartPolicy: { Name: 'no', MaximumRetryCount: 0 },
        AutoRemove: false,
      },
    });
  });

  it('maps every option of the dialog', () => {
    const options = toCreateOptions(
      spec({
        name: 'web',
        command: ['nginx', '-g', 'daemon off;'],
        env: ['A=1'],
        network: 'backend',
        restartPolicy: { name: 'on-failure', maximumRetryCount: 4 },
        autoRemove: false,
        interactive: true,
        tty: true,
        mounts: [
          { type: 'volume', source: 'data', target: '/data', readOnly: true },
          { type: 'volume', source: '', target: '/cache', readOnly: false },
          { type: 'bind', source: '/srv', target: '/srv', readOnly: false },
        ],
      }),
      'nginx:latest',
    );
    expect(options).toMatchObject({
      name: 'web',
      Cmd: ['nginx', '-g', 'daemon off;'],
      Env: ['A=1'],
      Tty: true,
      OpenStdin: true,
      HostConfig: {
        NetworkMode: 'backend',
        RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 4 },
        Mounts: [
          { Type: 'volume', Source: 'data', Target: '/data', ReadOnly: true },
          { Type: 'volume', Source: '', Target: '/cache', ReadOnly: false },
          { Type: 'bind', Source: '/srv', Target: '/srv', ReadOnly: false },
        ],
      },
    });
  });

  it('maps ports: single, ranges expanded pairwise, a host range for one port, no host port', () => {
    const options = toCreateOptions(
      spec({
        ports: [
          { hostIp: '127.0.0.1', hostPort: { start: 8080 }, containerPort: { start: 80 }, protocol: 'tcp' },
          { hostPort: { start: 9000, end: 9001 }, containerPort: { start: 90, end: 91 }, protocol: 'udp' },
          { hostPort: { start: 7000, end: 7010 }, containerPort: { start: 70 }, protocol: 'tcp' },
          { containerPort: { start: 53 }, protocol: 'udp' },
          { hostIp: '::1', hostPort: { start: 8081 }, containerPort: { start: 80 }, protocol: 'tcp' },
        ],
      }),
      'web',
    );
    expect(options.ExposedPorts).toEqual({
      '80/tcp': {},
      '90/udp': {},
      '91/udp': {},
      '70/tcp': {},
      '53/udp': {},
    });
    expect(options.HostConfig?.PortBindings).toEqual({
      '80/tcp': [
        { HostIp: '127.0.0.1', HostPort: '8080' },
        { HostIp: '::1', HostPort: '8081' },
      ],
      '90/udp': [{ HostIp: '', HostPort: '9000' }],
      '91/udp': [{ HostIp: '', HostPort: '9001' }],
      '70/tcp': [{ HostIp: '', HostPort: '7000-7010' }],
      '53/udp': [{ HostIp: '', HostPort: '' }],
    });
  });

  it('keeps a retry count only for on-failure', () => {
    expect(
      toCreateOptions(spec({ restartPolicy: { name: 'always', maximumRetryCount: 0 } }), 'x').HostConfig
        ?.RestartPolicy,
    ).toEqual({ Name: 'always', MaximumRetryCount: 0 });
    expect(toCreateOptions(spec({ autoRemove: true }), 'x').HostConfig?.AutoRemove).toBe(true);
  });
});

describe('explainRunFailure', () => {
  const fail = (code: IpcError['code'], message: string) => new IpcError(code, message);

  it.each<[string, IpcError, IpcError['code'], RegExp]>([
    [
      'a manifest the registry does not have',
      fail(ErrorCode.NotFound, 'manifest for r:5000/web:1 not found: manifest unknown: manifest unknown'),
      ErrorCode.NotFound,
      /^The registry has no image r:5000\/web:1: manifest for/,
    ],
    [
      'a registry that wants a login (HTTP 500 with words)',
      fail(ErrorCode.Internal, 'Head "http://r:5000/v2/web/manifests/1": no basic auth credentials'),
      ErrorCode.Unauthorized,
      /^The registry refused to let Berth pull r:5000\/web:1 \(log in to it first/,
    ],
    [
      'a 401',
      fail(ErrorCode.Unauthorized, 'unauthorized: authentication required'),
      ErrorCode.Unauthorized,
      /refused/,
    ],
    [
      'an unreachable registry',
      fail(ErrorCode.Internal, 'Get "http://r:5000/v2/": dial tcp: connection refused'),
      ErrorCode.Internal,
      /^Could not pull r:5000\/web:1: Get/,
    ],
  ])('pull: %s', (_name, error, code, message) => {
    const explained = explainRunFailure('pull', error, spec(), 'r:5000/web:1');
    expect(explained.code).toBe(code);
    expect(explained.message).toMatch(message);
  });

  it('create: a taken name names the container that has it', () => {
    const explained = explainRunFailure(
      'create',
      fail(
        ErrorCode.Conflict,
        `Conflict. The container name "/web" is already in use by container "${'ab12'.repeat(16)}". You have to remove (or rename) that container to be able to reuse that name.`,
      ),
      spec({ name: 'web' }),
      'nginx:latest',
    );
    expect(explained).toMatchObject({
      code: ErrorCode.Conflict,
      message:
        'The name “web” is already in use by container ab12ab12ab12. Remove or rename that container, or pick another name.',
    });
  });

  it.each([
    [
      'invalid mount config for type "bind": bind source path does not exist: /nope',
      /The host path \/nope does not exist/,
    ],
    [
      'invalid mount config for type "volume": invalid mount path: \'x\' mount path must be absolute',
      /A mount is not valid/,
    ],
  ])('create: %s → VALIDATION', (message, expected) => {
    const explained = explainRunFailure('create', fail(ErrorCode.Validation, message), spec(), 'x');
    expect(explained.code).toBe(ErrorCode.Validation);
    expect(explained.message).toMatch(expected);
  });

  it.each([
    [
      'driver failed programming external connectivity on endpoint web (abc): Bind for 0.0.0.0:8080 failed: port is already allocated',
      'Port 8080 on 0.0.0.0 is already allocated',
    ],
    [
      'driver failed programming external connectivity on endpoint web (abc): Error starting userland proxy: listen tcp4 127.0.0.1:9000: bind: address already in use',
      'Port 9000 on 127.0.0.1 is already allocated',
    ],
  ])('start: %s → CONFLICT naming the port', (message, expected) => {
    const explained = explainRunFailure('start', fail(ErrorCode.Internal, message), spec(), 'x');
    expect(explained.code).toBe(ErrorCode.Conflict);
    expect(explained.message).toContain(expected);
  });

  it('leaves other failures as they are', () => {
    const error = fail(ErrorCode.Internal, 'OCI runtime create failed: exec: "nope": not found');
    expect(explainRunFailure('start', error, spec(), 'x')).toBe(error);
    expect(explainRunFailure('create', error, spec(), 'x')).toBe(error);
  });
});

describe('container state conflicts', () => {
  it.each([
    ['Container abc is not paused', true],
    ['Container abc is already paused', true],
    ['Cannot kill container: abc: Container abc is not running', true],
    ['Container abc is restarting, wait until the container is running', true],
    ['no space left on device', false],
  ])('%s → CONFLICT: %s', (message, conflict) => {
    const mapped = stateConflictError(new IpcError(ErrorCode.Internal, message));
    expect(mapped?.code).toBe(conflict ? ErrorCode.Conflict : undefined);
  });

  it('leaves errors that already have a specific code', () => {
    expect(stateConflictError(new IpcError(ErrorCode.NotFound, 'No such container: is not running'))).toBe(
      undefined,
    );
  });

  it('recognises only the taken-name conflict', () => {
    expect(nameConflictError(new IpcError(ErrorCode.Conflict, 'removal in progress'), 'web')).toBeUndefined();
    expect(
      nameConflictError(
        new IpcError(ErrorCode.Internal, 'name "/x" is already in use by container "abcabcabcabc"'),
        'x',
      ),
    ).toBeUndefined();
  });
});
