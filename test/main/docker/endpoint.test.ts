import Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';

import { type DockerEnv, resolveLocalEndpoint } from '../../../electron/main/docker/endpoint';

const HOME = '/home/ada';

describe('resolveLocalEndpoint', () => {
  it.each<[string, DockerEnv, NodeJS.Platform, { kind: string; address: string; socketPath: string }]>([
    [
      'Linux default',
      {},
      'linux',
      { kind: 'unix', address: 'unix:///var/run/docker.sock', socketPath: '/var/run/docker.sock' },
    ],
    [
      'macOS default',
      {},
      'darwin',
      { kind: 'unix', address: 'unix:///var/run/docker.sock', socketPath: '/var/run/docker.sock' },
    ],
    [
      'Windows default',
      {},
      'win32',
      { kind: 'npipe', address: 'npipe:////./pipe/docker_engine', socketPath: '//./pipe/docker_engine' },
    ],
    [
      'blank DOCKER_HOST is unset',
      { DOCKER_HOST: '  ' },
      'linux',
      { kind: 'unix', address: 'unix:///var/run/docker.sock', socketPath: '/var/run/docker.sock' },
    ],
    [
      'unix://path',
      { DOCKER_HOST: 'unix:///run/user/1000/docker.sock' },
      'linux',
      {
        kind: 'unix',
        address: 'unix:///run/user/1000/docker.sock',
        socketPath: '/run/user/1000/docker.sock',
      },
    ],
    [
      'unix:// without a path',
      { DOCKER_HOST: 'unix://' },
      'linux',
      { kind: 'unix', address: 'unix:///var/run/docker.sock', socketPath: '/var/run/docker.sock' },
    ],
    [
      'npipe://path',
      { DOCKER_HOST: 'npipe:////./pipe/podman-machine-default' },
      'win32',
      {
        kind: 'npipe',
        address: 'npipe:////./pipe/podman-machine-default',
        socketPath: '//./pipe/podman-machine-default',
      },
    ],
    [
      'npipe:// without a path',
      { DOCKER_HOST: 'npipe://' },
      'win32',
      { kind: 'npipe', address: 'npipe:////./pipe/docker_engine', socketPath: '//./pipe/docker_engine' },
    ],
  ])('%s', (_case, env, platform, expected) => {
    const endpoint = resolveLocalEndpoint(env, platform, HOME);
    expect(endpoint).toMatchObject({
      id: 'local',
      name: 'Local',
      kind: expected.kind,
      address: expected.address,
    });
    expect(endpoint.dockerodeOptions).toMatchObject({ socketPath: expected.socketPath, protocol: 'http' });
    expect(endpoint.dockerodeOptions.host).toBeUndefined();
    expect(endpoint.problem).toBeUndefined();
    expect(endpoint.tls).toBeUndefined();
  });

  it.each<[string, DockerEnv, { address: string; host: string; port: number; protocol: 'http' | 'https' }]>([
    [
      'tcp://host:port',
      { DOCKER_HOST: 'tcp://10.0.0.5:2375' },
      { address: 'tcp://10.0.0.5:2375', host: '10.0.0.5', port: 2375, protocol: 'http' },
    ],
    [
      'tcp:// default port 2375',
      { DOCKER_HOST: 'tcp://docker.example' },
      { address: 'tcp://docker.example:2375', host: 'docker.example', port: 2375, protocol: 'http' },
    ],
    [
      'bare host:port means tcp',
      { DOCKER_HOST: 'docker.example:4243' },
      { address: 'tcp://docker.example:4243', host: 'docker.example', port: 4243, protocol: 'http' },
    ],
    [
      'IPv6 literal',
      { DOCKER_HOST: 'tcp://[::1]:2376', DOCKER_TLS_VERIFY: '1' },
      { address: 'tcp://[::1]:2376', host: '::1', port: 2376, protocol: 'https' },
    ],
    [
      'TLS_VERIFY=1',
      { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1' },
      { address: 'tcp://h:2376', host: 'h', port: 2376, protocol: 'https' },
    ],
    // The CLI treats any non-empty value as true, "0" and "false" included (docker-modem wants exactly "1").
    [
      'TLS_VERIFY=true',
      { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: 'true' },
      { address: 'tcp://h:2376', host: 'h', port: 2376, protocol: 'https' },
    ],
    [
      'TLS_VERIFY=yes',
      { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: 'yes' },
      { address: 'tcp://h:2376', host: 'h', port: 2376, protocol: 'https' },
    ],
    [
      'TLS_VERIFY=0',
      { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '0' },
      { address: 'tcp://h:2376', host: 'h', port: 2376, protocol: 'https' },
    ],
    [
      'TLS_VERIFY empty',
      { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '' },
      { address: 'tcp://h:2376', host: 'h', port: 2376, protocol: 'http' },
    ],
  ])('%s', (_case, env, expected) => {
    const endpoint = resolveLocalEndpoint(env, 'linux', HOME);
    expect(endpoint).toMatchObject({
      id: 'local',
      kind: 'tcp',
      address: expected.address,
      name: expected.host,
    });
    expect(endpoint.dockerodeOptions).toMatchObject({
      host: expected.host,
      port: expected.port,
      protocol: expected.protocol,
    });
    expect(endpoint.dockerodeOptions.socketPath).toBeUndefined();
    expect(endpoint.problem).toBeUndefined();
    expect(endpoint.tls !== undefined).toBe(expected.protocol === 'https');
  });

  it.each<[string, DockerEnv, string]>([
    ['DOCKER_CERT_PATH', { DOCKER_CERT_PATH: '/certs' }, '/certs'],
    ['DOCKER_CONFIG when no cert path', { DOCKER_CONFIG: '/cfg' }, '/cfg'],
    ['~/.docker by default', {}, `${HOME}/.docker`],
  ])('reads TLS files from %s', (_case, extra, dir) => {
    const endpoint = resolveLocalEndpoint(
      { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', ...extra },
      'linux',
      HOME,
    );
    expect(endpoint.tls).toEqual({
      caFile: `${dir}/ca.pem`,
      certFile: `${dir}/cert.pem`,
      keyFile: `${dir}/key.pem`,
    });
  });

  it.each<[string, DockerEnv, string, RegExp]>([
    [
      'ssh:// (not supported yet)',
      { DOCKER_HOST: 'ssh://ada@build-box' },
      'ssh',
      /SSH engines \(ssh:\/\/ada@build-box\) are not supported yet/,
    ],
    ['an unknown scheme', { DOCKER_HOST: 'fd://3' }, 'tcp', /scheme Berth does not know: fd:\/\/3/],
    ['a path in a tcp address', { DOCKER_HOST: 'tcp://h:2375/prefix' }, 'tcp', /without a path/],
    ['a malformed tcp address', { DOCKER_HOST: 'tcp://h:notaport' }, 'tcp', /not a valid address/],
    [
      'DOCKER_TLS without verification',
      { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS: '1' },
      'tcp',
      /without checking the server certificate/,
    ],
  ])('gives a clear problem (never throws) for %s', (_case, env, kind, problem) => {
    const endpoint = resolveLocalEndpoint(env, 'linux', HOME);
    expect(endpoint.kind).toBe(kind);
    expect(endpoint.problem).toMatch(problem);
  });

  it('names an ssh engine after its host', () => {
    expect(resolveLocalEndpoint({ DOCKER_HOST: 'ssh://ada@build-box:22' }, 'linux', HOME).name).toBe(
      'build-box',
    );
  });

  it('builds options that win over docker-modem defaults read from process.env (dockerode#540)', () => {
    const saved = { ...process.env };
    try {
      // What docker-modem would pick up by itself, pointing somewhere else entirely.
      process.env.DOCKER_HOST = 'tcp://elsewhere.example:2375';
      process.env.DOCKER_CLIENT_TIMEOUT = '1';
      const endpoint = resolveLocalEndpoint({ DOCKER_HOST: 'unix:///tmp/ours.sock' }, 'linux', HOME);
      const modem = new Dockerode(endpoint.dockerodeOptions).modem as unknown as Record<string, unknown>;
      expect(modem.socketPath).toBe('/tmp/ours.sock');
      expect(modem.host).toBeUndefined();
      expect(modem.timeout).toBeUndefined();
    } finally {
      process.env = saved;
    }
  });
});
