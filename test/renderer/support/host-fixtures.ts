import type { HostSummary } from '../../../electron/common';

/** A host as `hosts:list` answers it (the default host unless overridden). */
export function makeHost(overrides: Partial<HostSummary> = {}): HostSummary {
  return {
    engineId: 'local',
    name: 'Local',
    source: 'default',
    contextName: 'default',
    description: '',
    url: 'unix:///var/run/docker.sock',
    kind: 'unix',
    skipTlsVerify: false,
    allowInsecure: false,
    current: true,
    disconnected: false,
    passphraseSaved: false,
    editable: false,
    ...overrides,
  };
}
