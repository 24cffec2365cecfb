import type { HostPrompt } from '../../../../common/hosts/types';

/** Asked when a host presents a key that is not in known_hosts yet. */
export interface HostKeyQuestion {
  engineId: string;
  /** The name as in known_hosts: `host` or `[host]:port`. */
  address: string;
  keyType: string;
  fingerprint: string;
  knownHostsFile: string;
  otherKeysKnown: boolean;
}

/** Asked when a private key file is encrypted. */
export interface PassphraseQuestion {
  engineId: string;
  address: string;
  keyFile: string;
  /** The previous answer was wrong. */
  retry: boolean;
}

/**
 * Asked when the server takes a password or keyboard-interactive answers: the renderer's password prompt (one
 * shape, declared once in common/hosts/types.ts) for one engine.
 */
export type PasswordQuestion = { engineId: string } & Omit<
  Extract<HostPrompt, { kind: 'password' }>,
  'id' | 'kind' | 'hostName'
>;

/** How SSH asks the user; injected, so the core stays free of UI. */
export interface SshPrompts {
  /** Trust the key (it is then added to known_hosts)? */
  confirmHostKey(question: HostKeyQuestion): Promise<boolean>;
  /** The passphrase, or undefined to skip this key. */
  askPassphrase(question: PassphraseQuestion): Promise<string | undefined>;
  /** One answer per field, or undefined when the user cancelled the login. */
  askPassword(question: PasswordQuestion): Promise<string[] | undefined>;
}

/** Where SSH settings come from: the user's home (for ~/.ssh) and environment (for SSH_AUTH_SOCK). */
export interface SshEnvironment {
  home: string;
  localUser: string;
  env: Record<string, string | undefined>;
  prompts: SshPrompts;
  /** Default 15 s: a dead link is noticed within interval × (countMax + 1). */
  keepaliveIntervalMs?: number;
  /** Default 3. */
  keepaliveCountMax?: number;
}

/** Prompts for when nobody can be asked: unknown host keys are refused, encrypted keys skipped. */
export const refusingPrompts: SshPrompts = {
  confirmHostKey: () => Promise.resolve(false),
  askPassphrase: () => Promise.resolve(undefined),
  askPassword: () => Promise.resolve(undefined),
};

/** How many password (or keyboard-interactive) answers are tried: OpenSSH's NumberOfPasswordPrompts default. */
export const PASSWORD_ATTEMPTS = 3;

/** `~/.ssh/id_rsa` rather than the full path, in messages. */
export function displayPath(path: string, home: string): string {
  return path.startsWith(`${home}/`) ? `~/${path.slice(home.length + 1)}` : path;
}
