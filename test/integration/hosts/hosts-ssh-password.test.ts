import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';

import { ErrorCode } from '../../../electron/common';
import {
  EngineRegistry,
  type EngineRegistryOptions,
} from '../../../electron/main/docker/engine/engine-registry';
import { SshSession } from '../../../electron/main/docker/engine/ssh/ssh-session';
import { rigRemote, type RigRemoteInfo, skipUnlessRemoteRig } from '../../rig';
import { fastBackoff } from '../helpers';
import { hostEndpoint, makeSshHome, recordingPrompts, sshEnvironment, type SshHome } from '../remote-helpers';

/** Every file under a directory, read as text (to show a password was written nowhere). */
async function allText(dir: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const texts = await Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map((entry) => readFile(join(entry.parentPath, entry.name), 'utf8')),
  );
  return texts.join('\n');
}

skipUnlessRemoteRig('SSH password and keyboard-interactive logins against the rig sshd', () => {
  let remote: RigRemoteInfo;
  let home: SshHome;
  const registries: EngineRegistry[] = [];
  const registry = (options: EngineRegistryOptions, ...endpoints: ReturnType<typeof hostEndpoint>[]) => {
    const created = new EngineRegistry(endpoints, { backoff: fastBackoff, ...options });
    registries.push(created);
    return created;
  };
  let unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };
  const url = (): string => `ssh://${remote.ssh.passwordUser}@127.0.0.1:${remote.ssh.port}`;
  const label = (): string => `${remote.ssh.passwordUser}@127.0.0.1:${remote.ssh.port}`;

  beforeAll(() => {
    remote = rigRemote() as RigRemoteInfo;
  });
  beforeEach(async () => {
    home = await makeSshHome();
    await home.write('known_hosts', `${remote.ssh.knownHostsLine}\n`);
    unhandled = [];
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(async () => {
    await Promise.all(registries.splice(0).map((created) => created.dispose()));
    await home.remove();
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
  });

  it('with no key, asks for the password and connects to the daemon with it', async () => {
    const prompts = recordingPrompts({ password: () => [remote.ssh.password] });
    const engines = registry({ ssh: sshEnvironment(home, prompts) }, hostEndpoint('pw', { url: url() }));
    engines.start();
    const info = await engines.ready('pw');
    expect(info.status).toMatchObject({ state: 'connected', engineVersion: expect.any(String) as unknown });
    expect(String(await engines.request('pw', (client) => client.ping()))).toBe('OK');
    // The rig's sshd offers keyboard-interactive with nothing behind it (no PAM): Berth does not loop on it, but
    // goes on to password and asks once.
    expect(prompts.passwords).toEqual([
      {
        engineId: 'pw',
        address: label(),
        method: 'password',
        fields: [{ label: `Password for ${label()}`, echo: false }],
        retry: false,
        attemptsLeft: 2,
      },
    ]);
    expect(prompts.passphrases).toEqual([]);
    // Nothing was written down: not in ~/.ssh (known_hosts and all).
    expect(await allText(home.home)).not.toContain(remote.ssh.password);
  });

  it('asks again after a wrong password (and says so), then connects', async () => {
    const prompts = recordingPrompts({
      password: (question) => [question.retry ? remote.ssh.password : 'not the password'],
    });
    const engines = registry({ ssh: sshEnvironment(home, prompts) }, hostEndpoint('retry', { url: url() }));
    engines.start();
    expect((await engines.ready('retry')).status.state).toBe('connected');
    expect(prompts.passwords.map((question) => [question.retry, question.attemptsLeft])).toEqual([
      [false, 2],
      [true, 1],
    ]);
  });

  it('gives up after three wrong passwords with a clear message, as ssh does', async () => {
    const wrong = 'wrong-password-canary';
    const prompts = recordingPrompts({ password: () => [wrong] });
    const engines = registry({ ssh: sshEnvironment(home, prompts) }, hostEndpoint('wrong', { url: url() }));
    engines.start();
    const info = await engines.ready('wrong');
    expect(info.status.state).toBe('authFailed');
    expect(info.status.lastError).toBe(
      `SSH login as ${label()} failed: Berth had no key to offer: no ssh agent (SSH_AUTH_SOCK) and no readable ` +
        'key in ~/.ssh or IdentityFile, and the password was wrong (3 tries).',
    );
    expect(prompts.passwords.map((question) => [question.retry, question.attemptsLeft])).toEqual([
      [false, 2],
      [true, 1],
      [true, 0],
    ]);
    expect(JSON.stringify(info)).not.toContain(wrong);
  });

  it('a cancelled prompt ends the login as UNAUTHORIZED', async () => {
    const prompts = recordingPrompts({ password: () => undefined });
    const opening = SshSession.open(
      'cancel',
      { host: '127.0.0.1', port: remote.ssh.port, user: remote.ssh.passwordUser },
      sshEnvironment(home, prompts),
      { timeoutMs: 15_000, signal: new AbortController().signal },
    );
    await expect(opening).rejects.toMatchObject({
      code: ErrorCode.Unauthorized,
      message: `SSH login as ${label()} was cancelled: no password was given.`,
    });
    expect(prompts.passwords).toHaveLength(1);
  });

  it.each([
    ['PasswordAuthentication no', 'PasswordAuthentication no\n'],
    [
      'both off, per Host',
      `Host 127.0.0.1\n  PasswordAuthentication no\n  KbdInteractiveAuthentication no\n`,
    ],
  ])('does not ask when ~/.ssh/config says %s', async (_name, config) => {
    await home.write('config', config);
    const prompts = recordingPrompts({ password: () => [remote.ssh.password] });
    const engines = registry({ ssh: sshEnvironment(home, prompts) }, hostEndpoint('off', { url: url() }));
    engines.start();
    const info = await engines.ready('off');
    expect(info.status.state).toBe('authFailed');
    expect(info.status.lastError).toBe(
      `SSH login as ${label()} failed: Berth had no key to offer: no ssh agent (SSH_AUTH_SOCK) and no readable ` +
        'key in ~/.ssh or IdentityFile.',
    );
    expect(prompts.passwords).toEqual([]);
  });

  it('does not ask when the server does not take passwords (root on the rig: keys only)', async () => {
    const prompts = recordingPrompts({ password: () => ['anything'] });
    const engines = registry(
      { ssh: sshEnvironment(home, prompts) },
      hostEndpoint('root', { url: `ssh://root@127.0.0.1:${remote.ssh.port}` }),
    );
    engines.start();
    expect((await engines.ready('root')).status.state).toBe('authFailed');
    expect(prompts.passwords).toEqual([]);
  });
});
