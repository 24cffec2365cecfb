import Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';

import {
  type DockerEnv,
  endpointForHost,
  resolveLocalEndpoint,
} from '../../../../electron/main/docker/engine/endpoint';

const HOME = '/home/ada';

/** What a tcp DOCKER_HOST resolves to. */
interface TcpExpectation {
  address: string;
  host: string;
  port: number;
  protocol: 'http' | 'https';
}

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

  /** Plain tcp needs the explicit opt-in (see below); with it, the address is parsed the same way. */
  function expectTcp(env: DockerEnv, expected: TcpExpectation): void {
    const endpoint = resolveLocalEndpoint(env, 'linux', HOME, { allowInsecure: true });
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
    expect(endpoint.insecure !== undefined).toBe(expected.protocol === 'http');
  }

  it.each<[string, DockerEnv, TcpExpectation]>([
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
  ])('%s', (_case, env, expected) => expectTcp(env, expected));

  // The CLI treats any non-empty value as true, "0" and "false" included (docker-modem wants exactly "1").
  it.each<[string, 'http' | 'https']>([
    ['1', 'https'],
    ['true', 'https'],
    ['yes', 'https'],
    ['0', 'https'],
    ['', 'http'],
  ])('DOCKER_TLS_VERIFY=%j means %s', (verify, protocol) =>
    expectTcp(
      { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: verify },
      { address: 'tcp://h:2376', host: 'h', port: 2376, protocol },
    ),
  );

  it('refuses plain tcp without the per-host opt-in, and says how to allow it', () => {
    const endpoint = resolveLocalEndpoint({ DOCKER_HOST: 'tcp://10.0.0.5:2375' }, 'linux', HOME);
    expect(endpoint.problem).toMatch(
      /tcp:\/\/10\.0\.0\.5:2375 .*plain tcp: not encrypted.*Allow the insecure/,
    );
    expect(endpoint.insecure).toBeUndefined();
  });

  it('refuses TLS without verification (DOCKER_TLS alone) unless allowed, and then skips verification only', () => {
    const env = { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS: '1' };
    expect(resolveLocalEndpoint(env, 'linux', HOME).problem).toMatch(/certificate is not verified/);
    const allowed = resolveLocalEndpoint(env, 'linux', HOME, { allowInsecure: true });
    expect(allowed.problem).toBeUndefined();
    expect(allowed.dockerodeOptions.protocol).toBe('https');
    expect(allowed.tls).toMatchObject({ skipVerify: true });
    expect(allowed.tls?.caFile).toBeUndefined();
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
      // The CLI skips its default cert/key when they do not exist.
      clientCertOptional: true,
    });
  });

  it.each<[string, DockerEnv, string, RegExp]>([
    [
      'an ssh:// address with a password',
      { DOCKER_HOST: 'ssh://ada:secret@build-box' },
      'ssh',
      /must not contain a password/,
    ],
    ['an unknown scheme', { DOCKER_HOST: 'fd://3' }, 'tcp', /scheme Berth does not know: fd:\/\/3/],
    ['a path in a tcp address', { DOCKER_HOST: 'tcp://h:2375/prefix' }, 'tcp', /without a path/],
    ['a malformed tcp address', { DOCKER_HOST: 'tcp://h:notaport' }, 'tcp', /Not a valid address/],
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

  it.each<[string, { host: string; user?: string; port?: number; socketPath?: string }, string]>([
    ['ssh://build-box', { host: 'build-box' }, 'ssh://build-box'],
    ['ssh://ada@build-box:2222', { host: 'build-box', user: 'ada', port: 2222 }, 'ssh://ada@build-box:2222'],
    [
      'ssh://ada@build-box/run/user/1000/docker.sock',
      { host: 'build-box', user: 'ada', socketPath: '/run/user/1000/docker.sock' },
      'ssh://ada@build-box/run/user/1000/docker.sock',
    ],
    ['ssh://[::1]:22', { host: '::1', port: 22 }, 'ssh://[::1]:22'],
  ])('DOCKER_HOST=%s is an ssh endpoint', (url, target, address) => {
    const endpoint = resolveLocalEndpoint({ DOCKER_HOST: url }, 'linux', HOME);
    expect(endpoint).toMatchObject({ kind: 'ssh', address, ssh: target });
    expect(endpoint.ssh).toEqual(target);
    expect(endpoint.problem).toBeUndefined();
    // Requests travel over SSH channels; no socket path may sneak in from docker-modem's defaults.
    expect(endpoint.dockerodeOptions).toMatchObject({ protocol: 'http', socketPath: undefined });
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

describe('endpointForHost (contexts and Berth’s own hosts)', () => {
  it.each<[string, Parameters<typeof endpointForHost>[2], Record<string, unknown>]>([
    [
      'a unix socket anywhere',
      { url: 'unix:///srv/podman/podman.sock' },
      { kind: 'unix', address: 'unix:///srv/podman/podman.sock' },
    ],
    [
      'a unix socket under ~',
      { url: 'unix://~/run/docker.sock' },
      { kind: 'unix', address: `unix://${HOME}/run/docker.sock` },
    ],
    [
      'a named pipe',
      { url: 'npipe:////./pipe/docker_engine' },
      { kind: 'npipe', address: 'npipe:////./pipe/docker_engine' },
    ],
    [
      'ssh with a remote socket',
      { url: 'ssh://ada@box/run/docker.sock' },
      { kind: 'ssh', ssh: { host: 'box', user: 'ada', socketPath: '/run/docker.sock' } },
    ],
  ])('%s', (_case, spec, expected) => {
    const endpoint = endpointForHost('host:1', 'Box', spec, HOME);
    expect(endpoint).toMatchObject({ id: 'host:1', name: 'Box', ...expected });
    expect(endpoint.problem).toBeUndefined();
  });

  it('is TLS with verification when any TLS file is given (as the CLI’s contexts), files under ~ expanded', () => {
    const endpoint = endpointForHost(
      'context:prod',
      'prod',
      { url: 'tcp://127.0.0.1:2376', tls: { ca: '~/certs/ca.pem', cert: '/c/cert.pem', key: '/c/key.pem' } },
      HOME,
    );
    expect(endpoint.problem).toBeUndefined();
    expect(endpoint.insecure).toBeUndefined();
    expect(endpoint.dockerodeOptions).toMatchObject({ protocol: 'https', host: '127.0.0.1', port: 2376 });
    expect(endpoint.tls).toEqual({
      caFile: `${HOME}/certs/ca.pem`,
      certFile: '/c/cert.pem',
      keyFile: '/c/key.pem',
    });
  });

  it('verifies against the system CAs when only a client certificate is given', () => {
    const endpoint = endpointForHost(
      'h',
      'h',
      { url: 'tcp://d.example:2376', tls: { cert: '/c.pem', key: '/k.pem' } },
      HOME,
    );
    expect(endpoint.tls).toEqual({ certFile: '/c.pem', keyFile: '/k.pem' });
  });

  it.each<[string, Parameters<typeof endpointForHost>[2], RegExp]>([
    ['plain tcp', { url: 'tcp://192.0.2.1:2375' }, /plain tcp: not encrypted/],
    ['skip TLS verify', { url: 'tcp://192.0.2.1:2376', skipTlsVerify: true }, /certificate is not verified/],
    [
      'a certificate without its key',
      { url: 'tcp://192.0.2.1:2376', tls: { cert: '/c.pem' } },
      /needs its key/,
    ],
    ['an unknown scheme', { url: 'http://192.0.2.1' }, /does not know the scheme/],
    ['an empty unix path', { url: 'unix://' }, /needs a socket path/],
  ])('refuses %s without an explicit opt-in, in plain words', (_case, spec, problem) => {
    const endpoint = endpointForHost('h', 'h', spec, HOME);
    expect(endpoint.problem).toMatch(problem);
  });

  it('with the opt-in, plain tcp and unverified TLS connect, marked insecure', () => {
    const plain = endpointForHost('h', 'h', { url: 'tcp://192.0.2.1:2375', allowInsecure: true }, HOME);
    expect(plain.problem).toBeUndefined();
    expect(plain.dockerodeOptions.protocol).toBe('http');
    expect(plain.insecure).toMatch(/not encrypted/);
    const unverified = endpointForHost(
      'h',
      'h',
      { url: 'tcp://192.0.2.1:2376', skipTlsVerify: true, allowInsecure: true },
      HOME,
    );
    expect(unverified.tls).toEqual({ skipVerify: true });
    expect(unverified.insecure).toMatch(/not verified/);
  });
});
