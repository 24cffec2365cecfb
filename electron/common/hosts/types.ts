import type { EngineId, EngineKind, EngineState } from './engine';

/**
 * Where a host comes from: `default` is what the docker CLI uses without a context (`DOCKER_HOST`, else the
 * platform's socket), `context` is a docker CLI context (read live from its store), `berth` is one of Berth's own.
 */
export type HostSource = 'default' | 'context' | 'berth';

/** TLS files of a host: paths on this machine (never their contents). */
export interface HostTlsFiles {
  ca?: string;
  cert?: string;
  key?: string;
}

/** Berth's saved hosts (`hosts.json`) cannot be read: none are shown and the file is not written until Retry. */
export interface HostsFileProblem {
  file: string;
  reason: string;
}

/** One Docker host as configured: how Berth reaches it. Its live status is the engine's (`engines:*`). */
export interface HostSummary {
  engineId: EngineId;
  name: string;
  source: HostSource;
  /** The docker CLI context's name, for `source: 'context'`. */
  contextName?: string;
  description: string;
  /** The address as configured: `unix:///…`, `npipe:////./pipe/…`, `tcp://host:port`, `ssh://user@host`. */
  url: string;
  kind: EngineKind;
  /** TLS files, for `tcp://` with TLS. */
  tls?: HostTlsFiles;
  /** The server certificate is not verified (the context's `SkipTLSVerify`); shown as a warning. */
  skipTlsVerify: boolean;
  /** The user allowed plain, unencrypted `tcp://` (or an unverified certificate) for this host. */
  allowInsecure: boolean;
  /** What makes the connection insecure, in plain words; absent when it is not. */
  insecureReason?: string;
  /** Why this host cannot be used as configured (e.g. plain tcp without the opt-in); Berth does not dial it. */
  problem?: string;
  /** The docker CLI would use this host now (`DOCKER_HOST` > `DOCKER_CONTEXT` > `currentContext` > default). */
  current: boolean;
  /** The user disconnected it; it stays disconnected across restarts until connected again. */
  disconnected: boolean;
  /** A key passphrase for this host is saved (encrypted by the OS keyring). */
  passphraseSaved: boolean;
  /** Can be edited and removed in Berth (the default host comes from the environment). */
  editable: boolean;
  /** From `/info` when `hosts:list` asked and the engine answered in time. */
  counts?: HostCounts;
}

export interface HostCounts {
  containers: number;
  running: number;
  images: number;
}

/** What the user enters to add or edit a host. TLS files are paths; Berth reads them in main. */
export interface HostInput {
  /** The host being edited; absent to add one. */
  engineId?: EngineId;
  /** The host's name; also the docker context's name when saved as one (then it cannot be renamed). */
  name: string;
  url: string;
  description?: string;
  tls?: HostTlsFiles;
  skipTlsVerify?: boolean;
  /** Allow plain `tcp://` or an unverified certificate for this host. */
  allowInsecure?: boolean;
  /** Also (or instead) save it as a docker CLI context, so `docker --context NAME` works. */
  saveAsContext?: boolean;
  /** Make it the docker CLI's current context (`docker context use`). Only for contexts. */
  makeCurrent?: boolean;
}

/** What a connection test found. */
export interface HostTestResult {
  state: EngineState;
  /** The reason, when not connected. */
  message?: string;
  engineVersion?: string;
  apiVersion?: string;
  latencyMs?: number;
}

/** Main asks the user something while connecting to a host. */
export type HostPrompt =
  | {
      id: string;
      kind: 'hostKey';
      /** The host's name in Berth. */
      hostName: string;
      /** `host` or `[host]:port` as in known_hosts. */
      address: string;
      keyType: string;
      /** `SHA256:…`, as `ssh` prints it. */
      fingerprint: string;
      /** Where the key will be added when accepted. */
      knownHostsFile: string;
      /** Keys of other types are already known for this host (OpenSSH warns about this too). */
      otherKeysKnown: boolean;
    }
  | {
      id: string;
      kind: 'passphrase';
      hostName: string;
      address: string;
      keyFile: string;
      /** The previous passphrase was wrong. */
      retry: boolean;
      /** Whether the passphrase can be saved (an OS keyring is available). */
      canRemember: boolean;
    }
  | {
      id: string;
      /** The server takes a password or keyboard-interactive answers (after refusing every key, or with none). */
      kind: 'password';
      hostName: string;
      /** `user@host:port`. */
      address: string;
      method: 'password' | 'keyboard-interactive';
      /** keyboard-interactive: the server's own title and instructions, shown as plain text. */
      title?: string;
      instructions?: string;
      /** One field per answer, in order; `echo: false` is a secret (password) field. */
      fields: { label: string; echo: boolean }[];
      /** The previous answer was refused. */
      retry: boolean;
      /** Tries left after this one (OpenSSH allows three). */
      attemptsLeft: number;
    };

export type HostPromptKind = HostPrompt['kind'];

/** The user's answer to a {@link HostPrompt}. */
export interface HostPromptAnswer {
  id: string;
  /** Trust the host key / use the passphrase; false declines. */
  accept: boolean;
  passphrase?: string;
  /** Save the passphrase encrypted by the OS keyring. */
  remember?: boolean;
  /** A `password` prompt's answers, one per field; never stored or logged, sent only to the SSH server. */
  responses?: string[];
}
