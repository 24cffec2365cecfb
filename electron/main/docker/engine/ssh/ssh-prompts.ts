import type { HostPrompt } from '../../../../common/hosts/types';

/** The part of a renderer prompt the SSH core fills in, for one engine (the host's name and the prompt id are main's). */
type QuestionOf<K extends HostPrompt['kind'], Extra extends string = never> = { engineId: string } & Omit<
  Extract<HostPrompt, { kind: K }>,
  'id' | 'kind' | 'hostName' | Extra
>;

/** Asked when a host presents a key that is not in known_hosts yet. */
export type HostKeyQuestion = QuestionOf<'hostKey'>;

/** Asked when a private key file is encrypted (whether it can be remembered is the prompt broker's business). */
export type PassphraseQuestion = QuestionOf<'passphrase', 'canRemember'>;

/** Asked when the server takes a password or keyboard-interactive answers. */
export type PasswordQuestion = QuestionOf<'password'>;

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
