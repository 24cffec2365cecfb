import type { HostPrompt, HostSummary } from '../../hosts/types';

/** Docker hosts: local, docker CLI contexts and Berth's own (SSH, TLS, sockets); prompts while connecting. */
export const HostsChannel = {
  HostsList: 'hosts:list',
  HostsSave: 'hosts:save',
  HostsRemove: 'hosts:remove',
  HostsTest: 'hosts:test',
  HostsConnect: 'hosts:connect',
  HostsDisconnect: 'hosts:disconnect',
  HostsAnswerPrompt: 'hosts:answerPrompt',
  /** Why the saved hosts (`hosts.json`) cannot be read, or null. */
  HostsFileProblem: 'hosts:fileProblem',
  /** Reads `hosts.json` again after the user fixed it; returns the problem that remains, or null. */
  HostsRetryFile: 'hosts:retryFile',
} as const;

export const HostsEvent = {
  /** The set of hosts or their configuration changed (added, edited, removed, a context changed on disk). */
  HostsChanged: 'hosts:changed',
  /** Main needs the user to trust a host key or give a key passphrase. */
  HostPromptRequested: 'hosts:promptRequested',
  /** A prompt was answered, timed out or is no longer needed. */
  HostPromptClosed: 'hosts:promptClosed',
} as const;

export interface HostsEventMap {
  [HostsEvent.HostsChanged]: HostSummary[];
  [HostsEvent.HostPromptRequested]: HostPrompt;
  [HostsEvent.HostPromptClosed]: { id: string };
}
