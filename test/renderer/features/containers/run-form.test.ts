import { describe, expect, it } from 'vitest';

import { ErrorCode } from '../../../../electron/common';
import {
  emptyMountRow,
  emptyPortRow,
  emptyRunForm,
  fieldOfRunError,
  formToSpec,
  type RunForm,
} from '../../../../renderer/features/containers/run-form';
import { runSpec } from '../../../fixtures/run-spec';

const form = (overrides: Partial<RunForm> = {}): RunForm => ({ ...emptyRunForm('nginx'), ...overrides });

describe('formToSpec', () => {
  it('reads a minimal form into a request with the daemon defaults', () => {
    expect(formToSpec(form(), 'local')).toEqual({ spec: runSpec(), errors: {} });
  });

  it('reads every field, trimming, skipping blank env lines and empty rows', () => {
    const { spec, errors } = formToSpec(
      form({
        image: '  registry.local:5000/web:1.2 ',
        name: ' web ',
        command: `sh -c 'echo "hi there"'`,
        env: 'A=1\n\n# comment\nB=two words',
        ports: [
          { hostIp: '[::1]', hostPort: '8080', containerPort: '80', protocol: 'tcp' },
          emptyPortRow(),
          { hostIp: '', hostPort: '', containerPort: '53', protocol: 'udp' },
        ],
        mounts: [
          { type: 'bind', source: '/srv', target: '/data', readOnly: true },
          emptyMountRow(),
          { type: 'volume', source: '', target: '/cache', readOnly: false },
        ],
        network: ' backend ',
        restart: 'on-failure',
        maxRetries: '3',
        interactiveTty: true,
      }),
      'local',
    );
    expect(errors).toEqual({});
    expect(spec).toEqual({
      engineId: 'local',
      image: 'registry.local:5000/web:1.2',
      name: 'web',
      command: ['sh', '-c', 'echo "hi there"'],
      env: ['A=1', 'B=two words'],
      ports: [
        { hostIp: '::1', hostPort: { start: 8080 }, containerPort: { start: 80 }, protocol: 'tcp' },
        { containerPort: { start: 53 }, protocol: 'udp' },
      ],
      mounts: [
        { type: 'bind', source: '/srv', target: '/data', readOnly: true },
        { type: 'volume', source: '', target: '/cache', readOnly: false },
      ],
      network: 'backend',
      restartPolicy: { name: 'on-failure', maximumRetryCount: 3 },
      autoRemove: false,
      interactive: true,
      tty: true,
    });
  });

  it.each<[Partial<RunForm>, string, RegExp]>([
    [{ image: '' }, 'image', /required/],
    [{ image: 'Bad/Ref' }, 'image', /lower-case/],
    [{ name: 'x' }, 'name', /not a container name/],
    [{ command: `echo 'open` }, 'command', /unclosed single quote/],
    [{ env: 'A=1\nnope' }, 'env', /^Line 2: “nope” is not KEY=value\.$/],
    [{ ports: [{ ...emptyPortRow(), hostIp: '1.2.3', containerPort: '80' }] }, 'ports.0.hostIp', /not an IP/],
    [
      { ports: [{ ...emptyPortRow(), hostPort: '70000', containerPort: '80' }] },
      'ports.0.hostPort',
      /out of range/,
    ],
    [{ ports: [{ ...emptyPortRow(), hostPort: '8080' }] }, 'ports.0.containerPort', /required/],
    [
      { ports: [{ ...emptyPortRow(), hostPort: '8000-8002', containerPort: '80-81' }] },
      'ports.0',
      /differ in size/,
    ],
    [{ ports: [{ ...emptyPortRow(), containerPort: '80' }], network: 'none' }, 'ports', /none/],
    [
      { mounts: [{ ...emptyMountRow(), type: 'bind', source: 'relative', target: '/x' }] },
      'mounts.0.source',
      /absolute/,
    ],
    [{ mounts: [{ ...emptyMountRow(), source: 'data', target: 'x' }] }, 'mounts.0.target', /absolute/],
    [{ restart: 'on-failure', maxRetries: '-2' }, 'restart', /whole number/],
    [{ autoRemove: true, restart: 'always' }, 'autoRemove', /pick one/],
    [{ network: 'two words' }, 'network', /not a network name/],
  ])('reports %j at %s', (overrides, field, message) => {
    const { spec, errors } = formToSpec(form(overrides), 'local');
    expect(spec).toBeUndefined();
    expect(Object.keys(errors)).toEqual([field]);
    expect(errors[field]).toMatch(message);
  });

  it('names the form row of a duplicate mount even when empty rows come before it', () => {
    const { errors } = formToSpec(
      form({
        mounts: [
          emptyMountRow(),
          { ...emptyMountRow(), source: 'a1', target: '/x' },
          emptyMountRow(),
          { ...emptyMountRow(), source: 'b1', target: '/x' },
        ],
      }),
      'local',
    );
    expect(errors).toEqual({ 'mounts.3.target': '/x is mounted twice.' });
  });
});

describe('fieldOfRunError', () => {
  it.each([
    [ErrorCode.Conflict, 'The name “web” is already in use by container abc.', 'name'],
    [ErrorCode.Conflict, 'Port 8080 on 0.0.0.0 is already allocated on the engine’s host', 'ports'],
    [ErrorCode.Validation, 'The host path /nope does not exist on the engine’s host.', 'mounts'],
    [ErrorCode.NotFound, 'network backend not found. Pick an existing network.', 'network'],
    [ErrorCode.NotFound, 'The registry has no image r/web:1: manifest unknown', 'image'],
    [ErrorCode.Unauthorized, 'The registry refused to let Berth pull r/web:1', 'image'],
    [ErrorCode.Internal, 'OCI runtime create failed', undefined],
  ])('%s %j → %s', (code, message, field) => {
    expect(fieldOfRunError({ code, message })).toBe(field);
  });
});
