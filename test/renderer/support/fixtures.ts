import type { ContainerSummary, EngineInfo } from '../../../electron/common';

let counter = 0;

/** A 64-hex container id, unique per call (deterministic within a test file). */
export function containerId(): string {
  counter += 1;
  return counter.toString(16).padStart(8, '0').repeat(8);
}

/** A container summary as main would send it; override what the test cares about. */
export function makeContainer(overrides: Partial<ContainerSummary> = {}): ContainerSummary {
  const id = overrides.id ?? containerId();
  return {
    engineId: 'local',
    id,
    name: `container-${id.slice(0, 6)}`,
    image: 'busybox:latest',
    imageId: `sha256:${'ab'.repeat(32)}`,
    command: 'sleep 3600',
    state: 'exited',
    status: 'Exited (0) 2 minutes ago',
    created: Date.UTC(2025, 0, 1),
    ports: [],
    labels: {},
    ...overrides,
  };
}

/** The local engine, connected. */
export function makeEngine(overrides: Partial<EngineInfo> = {}): EngineInfo {
  return {
    id: 'local',
    name: 'local',
    kind: 'unix',
    address: 'unix:///var/run/docker.sock',
    status: { state: 'connected', since: 1, apiVersion: '1.41', engineVersion: '20.10.24' },
    ...overrides,
  };
}
