import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  loadSshConfig,
  matchHostPatterns,
  parseSshConfig,
  resolveSshHost,
  splitArgs,
} from '../../../../../electron/main/docker/engine/ssh/ssh-config';

const HOME = '/home/ada';
const base = { home: HOME, localUser: 'ada' };

describe('ssh config: patterns and arguments', () => {
  it.each<[string, string[], boolean]>([
    ['build-box', ['build-box'], true],
    ['BUILD-box', ['build-box'], true],
    ['build-box', ['build-*'], true],
    ['build-box', ['buil?-box'], true],
    ['build-box', ['build-?'], false],
    ['build-box', ['*', '!build-box'], false],
    ['other', ['*', '!build-box'], true],
    ['build.example.com', ['*.example.com'], true],
    ['buildxexample.com', ['*.example.com'], false],
    ['anything', ['!nope'], false],
  ])('%s against %j → %s', (host, patterns, expected) => {
    expect(matchHostPatterns(host, patterns)).toBe(expected);
  });

  it('splits arguments with double quotes', () => {
    expect(splitArgs('a "b c"  d')).toEqual(['a', 'b c', 'd']);
    expect(splitArgs('"/path with space/id_ed25519"')).toEqual(['/path with space/id_ed25519']);
  });
});

describe('ssh config: resolving a host as OpenSSH does', () => {
  const text = `
# global defaults come last in most files; first value wins
Host build
  HostName build.internal.example
  User deploy
  Port 2222
  IdentityFile ~/.ssh/build_ed25519

Host *.example.com
  User=web
  IdentityFile %d/.ssh/%h_key
  ProxyJump jump@bastion:2200

Host bastion
  HostName 10.0.0.1

Match exec "false"
  User never

Host *
  User fallback
  IdentityFile ~/.ssh/id_common
  ServerAliveInterval 15
  StrictHostKeyChecking accept-new
`;

  it('applies HostName, User, Port and every matching IdentityFile in order', async () => {
    const lines = await parseSshConfig(text);
    const resolved = resolveSshHost(lines, 'build', base);
    expect(resolved).toMatchObject({
      hostName: 'build.internal.example',
      user: 'deploy',
      port: 2222,
      identityFiles: [`${HOME}/.ssh/build_ed25519`, `${HOME}/.ssh/id_common`],
      strictHostKeyChecking: 'accept-new',
    });
    expect(resolved.proxyJump).toBeUndefined();
  });

  it('lets the URL’s user and port win, and expands %d and %h', async () => {
    const lines = await parseSshConfig(text);
    const resolved = resolveSshHost(lines, 'api.example.com', { ...base, user: 'ada', port: 22 });
    expect(resolved).toMatchObject({
      hostName: 'api.example.com',
      user: 'ada',
      port: 22,
      identityFiles: [`${HOME}/.ssh/api.example.com_key`, `${HOME}/.ssh/id_common`],
      proxyJump: ['jump@bastion:2200'],
    });
  });

  it('ignores Match blocks it does not evaluate, and falls back to the alias as host name', async () => {
    const lines = await parseSshConfig(text);
    const resolved = resolveSshHost(lines, 'plain', base);
    expect(resolved).toMatchObject({
      hostName: 'plain',
      user: 'fallback',
      identityFiles: [`${HOME}/.ssh/id_common`],
    });
    expect(resolved.port).toBeUndefined();
  });

  describe('Match blocks', () => {
    const config = `
Host prod-*
  HostName %h.internal.example

Match host *.internal.example user deploy
  IdentityFile ~/.ssh/prod_deploy

Match originalhost prod-db !localuser root
  Port 2201

Match localuser ada,grace
  IdentityFile ~/.ssh/team_key

Match canonical
  User never-canonical

Match exec "test -e /etc/on-vpn" host *
  User never-exec

Match final host *.internal.example
  ConnectTimeout 7

Match all
  User deploy
`;

    it.each<[string, { user?: string; localUser?: string }, Record<string, unknown>]>([
      // User comes from "Match all" at the end, but the earlier `Match … user deploy` saw no user yet (OpenSSH
      // evaluates each block with the values set above it), so only the URL's user makes it apply.
      [
        'prod-web',
        {},
        {
          hostName: 'prod-web.internal.example',
          user: 'deploy',
          identityFiles: [`${HOME}/.ssh/team_key`],
          connectTimeoutSeconds: 7,
        },
      ],
      [
        'prod-web',
        { user: 'deploy' },
        { identityFiles: [`${HOME}/.ssh/prod_deploy`, `${HOME}/.ssh/team_key`] },
      ],
      ['prod-db', {}, { port: 2201, hostName: 'prod-db.internal.example' }],
      ['prod-db', { localUser: 'root' }, { identityFiles: [] }],
      [
        'elsewhere',
        { localUser: 'grace' },
        { hostName: 'elsewhere', identityFiles: [`${HOME}/.ssh/team_key`] },
      ],
    ])('%s with %j', async (host, who, expected) => {
      const lines = await parseSshConfig(config);
      const resolved = resolveSshHost(lines, host, { ...base, ...who });
      expect(resolved).toMatchObject(expected);
      // exec is never run and canonical never holds: those blocks never apply.
      expect(resolved.user).not.toMatch(/^never/);
    });

    it('never applies a block with a criterion it does not know or a missing pattern list', async () => {
      const lines = await parseSshConfig(
        'Match tagged x\n  User a\nMatch host\n  User b\nMatch all\n  User c\n',
      );
      expect(resolveSshHost(lines, 'any', base).user).toBe('c');
    });

    it('a negated localuser keeps root out', async () => {
      const lines = await parseSshConfig(config);
      expect(resolveSshHost(lines, 'prod-db', { ...base, localUser: 'root' }).port).toBeUndefined();
    });
  });

  it('treats ProxyJump none as a direct connection', async () => {
    const lines = await parseSshConfig('Host direct\n  ProxyJump none\nHost *\n  ProxyJump bastion\n');
    expect(resolveSshHost(lines, 'direct', base).proxyJump).toBeUndefined();
    expect(resolveSshHost(lines, 'other', base).proxyJump).toEqual(['bastion']);
  });

  describe('PasswordAuthentication and KbdInteractiveAuthentication', () => {
    const auth = (text: string, host = 'box') =>
      parseSshConfig(text).then((lines) => {
        const { passwordAuthentication, kbdInteractiveAuthentication } = resolveSshHost(lines, host, base);
        return { password: passwordAuthentication, kbd: kbdInteractiveAuthentication };
      });

    it.each<[string, string, { password: boolean; kbd: boolean }]>([
      ['nothing said: both allowed, as OpenSSH', '', { password: true, kbd: true }],
      ['no', 'PasswordAuthentication no\nKbdInteractiveAuthentication no\n', { password: false, kbd: false }],
      ['= and case', 'passwordauthentication=NO\n', { password: false, kbd: true }],
      [
        'true/false',
        'PasswordAuthentication false\nKbdInteractiveAuthentication true\n',
        { password: false, kbd: true },
      ],
      [
        'the old name of KbdInteractiveAuthentication',
        'ChallengeResponseAuthentication no\n',
        { password: true, kbd: false },
      ],
      [
        'first value wins, across the old and new name',
        'KbdInteractiveAuthentication yes\nChallengeResponseAuthentication no\n',
        { password: true, kbd: true },
      ],
      ['an invalid value keeps the default', 'PasswordAuthentication maybe\n', { password: true, kbd: true }],
      [
        'a Host block applies only to its hosts',
        'Host other\n  PasswordAuthentication no\nHost *\n  KbdInteractiveAuthentication no\n',
        { password: true, kbd: false },
      ],
      [
        'the first matching block wins over Host *',
        'Host box\n  PasswordAuthentication no\nHost *\n  PasswordAuthentication yes\n',
        { password: false, kbd: true },
      ],
    ])('%s', async (_name, text, expected) => {
      expect(await auth(text)).toEqual(expected);
    });
  });

  describe('Include', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'berth-sshcfg-'));
      await mkdir(join(dir, '.ssh', 'conf.d'), { recursive: true });
      await writeFile(join(dir, '.ssh', 'config'), 'Include conf.d/*.conf\nHost *\n  User late\n');
      await writeFile(join(dir, '.ssh', 'conf.d', 'b.conf'), 'Host lab\n  HostName 192.0.2.7\n  User lab\n');
      await writeFile(join(dir, '.ssh', 'conf.d', 'a.conf'), 'Host lab\n  Port 2022\n');
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('reads included files in name order, relative to ~/.ssh', async () => {
      const lines = await loadSshConfig(join(dir, '.ssh'), dir);
      expect(resolveSshHost(lines, 'lab', { home: dir, localUser: 'ada' })).toMatchObject({
        hostName: '192.0.2.7',
        user: 'lab',
        port: 2022,
      });
    });

    it('has no lines when there is no config file', async () => {
      expect(await loadSshConfig(join(dir, 'nothing-here'), dir)).toEqual([]);
    });
  });
});
