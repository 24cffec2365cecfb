import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import ssh2, {
  type AgentAuthMethod,
  type ConnectConfig,
  type KeyboardInteractiveAuthMethod,
  type NoAuthMethod,
  type PasswordAuthMethod,
  type Prompt,
  type PublicKeyAuthMethod,
} from 'ssh2';

import { ErrorCode, IpcError } from '../../../../common';
import type { Handshake, PausableDeadline } from './handshake';
import type { HopPlan } from './hop-plan';
import type { SshHostConfig } from './ssh-config';
import { displayPath, PASSWORD_ATTEMPTS, type PasswordQuestion, type SshPrompts } from './ssh-prompts';

// ssh2 is CommonJS and Node's ESM loader cannot see its named exports (the main bundle loads it as an external
// package): take them from the default export, which works under Node, Vite and vitest alike.
const { utils } = ssh2;

type KeyAuth = AgentAuthMethod | PublicKeyAuthMethod;
type AuthStep = KeyAuth | PasswordAuthMethod | KeyboardInteractiveAuthMethod | NoAuthMethod;

/** Identity files OpenSSH tries when the config names none, in its order. */
const DEFAULT_IDENTITIES = ['id_rsa', 'id_ecdsa', 'id_ecdsa_sk', 'id_ed25519', 'id_ed25519_sk', 'id_dsa'];
/** How many wrong passphrases before a key is skipped (ssh asks three times too). */
const PASSPHRASE_ATTEMPTS = 3;

interface Identity {
  file: string;
  data: Buffer;
}

/** What a hop can log in with: the agent's socket (when ssh would use it) and the identity files that exist. */
interface Credentials {
  agent: string | undefined;
  identities: Identity[];
}

/** The agent and key files for a hop, read as ssh reads them (IdentityAgent, IdentityFile, IdentitiesOnly). */
export async function readCredentials(
  plan: HopPlan,
  home: string,
  env: Record<string, string | undefined>,
): Promise<Credentials> {
  const identities = await readIdentities(plan, home);
  const agent = agentSocket(plan.config, env);
  const useAgent =
    agent !== undefined && !(plan.config.identitiesOnly && plan.config.identityFiles.length > 0);
  return { agent: useAgent ? agent : undefined, identities };
}

function agentSocket(config: SshHostConfig, env: Record<string, string | undefined>): string | undefined {
  const agent = config.identityAgent;
  if (agent === 'none') return undefined;
  if (agent === undefined || agent === 'SSH_AUTH_SOCK') return env.SSH_AUTH_SOCK || undefined;
  if (agent.startsWith('$')) return env[agent.slice(1)] || undefined;
  return agent;
}

async function readIdentities(plan: HopPlan, home: string): Promise<Identity[]> {
  const explicit = plan.config.identityFiles;
  const files = explicit.length > 0 ? explicit : DEFAULT_IDENTITIES.map((name) => join(home, '.ssh', name));
  const identities: Identity[] = [];
  for (const file of files) {
    try {
      identities.push({ file, data: await readFile(file) });
    } catch {
      // OpenSSH also skips identity files that do not exist.
    }
  }
  return identities;
}

/** The reason an SSH login failed, as the user should read it. */
export function authFailure(handshake: Handshake): IpcError {
  const { plan, tried, prefix, passwordTries } = handshake;
  const home = handshake.environment.home;
  const offered =
    tried.length === 0
      ? 'Berth had no key to offer: no ssh agent (SSH_AUTH_SOCK) and no readable key in ~/.ssh or IdentityFile'
      : `the server refused every key Berth offered (${tried.map((item) => displayPath(item, home)).join(', ')})`;
  const password =
    passwordTries === 0
      ? '.'
      : `, and the password was wrong (${passwordTries} ${passwordTries === 1 ? 'try' : 'tries'}).`;
  return new IpcError(
    ErrorCode.Unauthorized,
    `${prefix}SSH login as ${plan.label} failed: ${offered}${password}`,
  );
}

/** Agent first, then each identity file, as ssh does; encrypted keys ask for their passphrase when reached. */
function keyQueue(handshake: Handshake, credentials: Credentials): Array<() => Promise<KeyAuth | undefined>> {
  const { plan, engineId, deadline } = handshake;
  const queue: Array<() => Promise<KeyAuth | undefined>> = [];
  const agent = credentials.agent;
  if (agent !== undefined) {
    queue.push(() => {
      handshake.tried.push('the ssh agent');
      const method: AgentAuthMethod = { type: 'agent', username: plan.user, agent };
      return Promise.resolve(method);
    });
  }
  for (const identity of credentials.identities) {
    queue.push(async () => {
      const key = await unlockKey(identity, plan, engineId, handshake.environment.prompts, deadline);
      if (key === undefined) return undefined;
      handshake.tried.push(identity.file);
      const method: PublicKeyAuthMethod = { type: 'publickey', username: plan.user, key: identity.data };
      if (key !== '') method.passphrase = key;
      return method;
    });
  }
  return queue;
}

type PasswordAsk = Omit<PasswordQuestion, 'engineId' | 'address' | 'retry' | 'attemptsLeft'>;

/** Asks the user; undefined (cancelled, or nobody to ask) ends the login with a clear refusal. */
function passwordAsker(handshake: Handshake): (question: PasswordAsk) => Promise<string[] | undefined> {
  const { plan, engineId, prefix } = handshake;
  return async (question) => {
    const answers = await handshake.deadline
      .during(() =>
        handshake.environment.prompts.askPassword({
          ...question,
          engineId,
          address: plan.label,
          retry: handshake.passwordTries > 0,
          attemptsLeft: PASSWORD_ATTEMPTS - handshake.passwordTries - 1,
        }),
      )
      .catch(() => undefined);
    if (handshake.settled) return undefined;
    if (answers === undefined || answers.length !== question.fields.length) {
      handshake.refusal = new IpcError(
        ErrorCode.Unauthorized,
        `${prefix}SSH login as ${plan.label} was cancelled: no password was given.`,
      );
      handshake.fail(handshake.refusal);
      return undefined;
    }
    handshake.passwordTries++;
    return answers;
  };
}

/**
 * The login of one hop, as ssh goes about it: keys while the server takes them, then (PreferredAuthentications)
 * keyboard-interactive before password, each if the server and the config allow it, up to three answers.
 */
export function createAuthHandler(
  handshake: Handshake,
  credentials: Credentials,
): NonNullable<ConnectConfig['authHandler']> {
  const { plan } = handshake;
  const queue = keyQueue(handshake, credentials);
  const askPassword = passwordAsker(handshake);
  /** keyboard-interactive rounds started, and whether the latest one asked the user anything. */
  const kbd = { rounds: 0, asked: false };
  // keyboard-interactive: the server's questions (usually PAM's "Password:") are put to the user as they come.
  const keyboardInteractive: KeyboardInteractiveAuthMethod = {
    type: 'keyboard-interactive',
    username: plan.user,
    prompt: (title, instructions, _lang, questions: Prompt[], finish) => {
      // A round without questions (a server's notice) needs no user.
      if (questions.length === 0) return finish([]);
      kbd.asked = true;
      const ask: PasswordAsk = {
        method: 'keyboard-interactive',
        fields: questions.map((question) => ({ label: question.prompt, echo: question.echo === true })),
      };
      if (title.trim() !== '') ask.title = title;
      if (instructions.trim() !== '') ask.instructions = instructions;
      void askPassword(ask).then((answers) => {
        if (answers !== undefined) finish(answers);
      });
    },
  };
  const authHandler = (
    methodsLeft: string[] | null,
    _partial: boolean | null,
    next: (auth: AuthStep | false) => void,
  ): void => {
    const allowsKeys = methodsLeft === null || methodsLeft.includes('publickey');
    const step = async (): Promise<void> => {
      while (allowsKeys && queue.length > 0) {
        const method = await queue.shift()?.();
        if (handshake.settled) return;
        if (method !== undefined) return next(method);
      }
      // No key at all: ask with `none` what the server takes (its answer lists the methods), as ssh does.
      if (methodsLeft === null) return next({ type: 'none', username: plan.user });
      if (handshake.passwordTries >= PASSWORD_ATTEMPTS) return next(false);
      // A server that offers keyboard-interactive but fails it without asking anything (no PAM behind it)
      // would be offered it forever: after one such round, go on to password.
      const kbdWorks = kbd.rounds === 0 || kbd.asked;
      if (
        plan.config.kbdInteractiveAuthentication &&
        methodsLeft.includes('keyboard-interactive') &&
        kbdWorks &&
        kbd.rounds < PASSWORD_ATTEMPTS
      ) {
        kbd.rounds++;
        kbd.asked = false;
        return next(keyboardInteractive);
      }
      if (plan.config.passwordAuthentication && methodsLeft.includes('password')) {
        const answers = await askPassword({
          method: 'password',
          fields: [{ label: `Password for ${plan.label}`, echo: false }],
        });
        if (answers === undefined) return;
        return next({ type: 'password', username: plan.user, password: answers[0] ?? '' });
      }
      next(false);
    };
    step().catch(() => next(false));
  };
  // Cannot be typed: @types/ssh2 declares methodsLeft and partialSuccess non-null and `next` without `false`,
  // but ssh2 passes null on the first call and takes `false` for "no more methods" (its own docs say so).
  return authHandler as unknown as NonNullable<ConnectConfig['authHandler']>;
}

/**
 * The passphrase for an identity: '' for an unencrypted key, undefined to skip it (unreadable, or the user gave
 * no passphrase). Wrong answers are asked again, up to three times.
 */
async function unlockKey(
  identity: Identity,
  plan: HopPlan,
  engineId: string,
  prompts: SshPrompts,
  deadline: PausableDeadline,
): Promise<string | undefined> {
  const plain = utils.parseKey(identity.data);
  if (!(plain instanceof Error)) return '';
  if (!/passphrase|encrypted/i.test(plain.message)) return undefined;
  for (let attempt = 0; attempt < PASSPHRASE_ATTEMPTS; attempt++) {
    const passphrase = await deadline.during(() =>
      prompts.askPassphrase({
        engineId,
        address: plan.knownName,
        keyFile: identity.file,
        retry: attempt > 0,
      }),
    );
    if (passphrase === undefined) return undefined;
    if (!(utils.parseKey(identity.data, passphrase) instanceof Error)) return passphrase;
  }
  return undefined;
}
