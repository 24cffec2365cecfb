import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import ssh2, { type Connection } from 'ssh2';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { ErrorCode } from '../../../../../electron/common';
import {
  type PasswordQuestion,
  type SshPrompts,
  SshSession,
} from '../../../../../electron/main/docker/engine/ssh/ssh-session';

/**
 * keyboard-interactive needs PAM (or BSD auth) behind OpenSSH's sshd, which the rig's sshd runs without, so the
 * keyboard-interactive path is tested against ssh2's own server: a real SSH handshake on loopback, no Docker involved.
 */
const { Server, utils } = ssh2;

describe('SSH keyboard-interactive login', () => {
  let server: InstanceType<typeof Server>;
  let port: number;
  let home: string;
  const connections = new Set<Connection>();
  /** Rounds the server has run; answers it received are not kept. */
  let rounds = 0;

  beforeAll(async () => {
    const hostKey = utils.generateKeyPairSync('ed25519');
    server = new Server({ hostKeys: [hostKey.private] }, (client) => {
      connections.add(client);
      client.on('error', () => undefined);
      client.on('close', () => connections.delete(client));
      client.on('authentication', (context) => {
        if (context.method !== 'keyboard-interactive') return context.reject(['keyboard-interactive']);
        const keyboard = context;
        rounds++;
        (keyboard.prompt as (...args: unknown[]) => void)(
          [
            { prompt: 'PIN: ', echo: false },
            { prompt: 'Code: ', echo: true },
          ],
          'Two-step login',
          'Enter your PIN, then the code from the app.',
          (answers: string[]) => {
            if (answers[0] === '1234' && answers[1] === '42') keyboard.accept();
            else keyboard.reject(['keyboard-interactive']);
          },
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    for (const connection of connections) connection.end();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'berth-kbd-'));
    rounds = 0;
  });
  afterEach(() => rm(home, { recursive: true, force: true }));

  function prompts(answer: (question: PasswordQuestion) => string[] | undefined) {
    const asked: PasswordQuestion[] = [];
    const recording: SshPrompts = {
      confirmHostKey: () => Promise.resolve(true),
      askPassphrase: () => Promise.resolve(undefined),
      askPassword(question) {
        asked.push(question);
        return Promise.resolve(answer(question));
      },
    };
    return { recording, asked };
  }

  const open = (recording: SshPrompts) =>
    SshSession.open(
      'kbd',
      { host: '127.0.0.1', port, user: 'ada' },
      { home, localUser: 'ada', env: {}, prompts: recording },
      { timeoutMs: 10_000, signal: new AbortController().signal },
    );

  it('puts the server’s questions, title and instructions to the user and logs in with the answers', async () => {
    const { recording, asked } = prompts(() => ['1234', '42']);
    const session = await open(recording);
    await session.close();
    expect(asked).toEqual([
      {
        engineId: 'kbd',
        address: `ada@127.0.0.1:${port}`,
        method: 'keyboard-interactive',
        title: 'Two-step login',
        instructions: 'Enter your PIN, then the code from the app.',
        fields: [
          { label: 'PIN: ', echo: false },
          { label: 'Code: ', echo: true },
        ],
        retry: false,
        attemptsLeft: 2,
      },
    ]);
  });

  it('stops after three refused rounds, with a clear UNAUTHORIZED error', async () => {
    const { recording, asked } = prompts(() => ['0000', '0']);
    await expect(open(recording)).rejects.toMatchObject({
      code: ErrorCode.Unauthorized,
      message: expect.stringMatching(/the password was wrong \(3 tries\)\.$/) as unknown,
    });
    expect(asked.map((question) => [question.retry, question.attemptsLeft])).toEqual([
      [false, 2],
      [true, 1],
      [true, 0],
    ]);
    expect(rounds).toBe(3);
  });

  it('a cancelled question ends the login at once', async () => {
    const { recording, asked } = prompts(() => undefined);
    await expect(open(recording)).rejects.toMatchObject({
      code: ErrorCode.Unauthorized,
      message: `SSH login as ada@127.0.0.1:${port} was cancelled: no password was given.`,
    });
    expect(asked).toHaveLength(1);
  });

  it('KbdInteractiveAuthentication no in ~/.ssh/config: never asked', async () => {
    await mkdir(join(home, '.ssh'));
    await writeFile(join(home, '.ssh', 'config'), 'Host 127.0.0.1\n  KbdInteractiveAuthentication no\n');
    const { recording, asked } = prompts(() => ['1234', '42']);
    await expect(open(recording)).rejects.toMatchObject({ code: ErrorCode.Unauthorized });
    expect(asked).toEqual([]);
    expect(rounds).toBe(0);
  });
});
