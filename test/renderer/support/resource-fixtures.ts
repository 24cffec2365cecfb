import type {
  DiskUsage,
  EngineEvent,
  NetworkSummary,
  SystemInfo,
  VolumeEntry,
  VolumeSummary,
} from '../../../electron/common';

let counter = 0;
const next = (): number => (counter += 1);

/** A volume row as main would send it; override what the test cares about. */
export function makeVolume(overrides: Partial<VolumeSummary> = {}): VolumeSummary {
  const name = overrides.name ?? `volume-${next()}`;
  return {
    engineId: 'local',
    name,
    driver: 'local',
    mountpoint: `/var/lib/docker/volumes/${name}/_data`,
    scope: 'local',
    created: Date.UTC(2025, 0, 1),
    labels: {},
    options: {},
    anonymous: false,
    usedBy: [],
    ...overrides,
  };
}

/** A network row as main would send it. */
export function makeNetwork(overrides: Partial<NetworkSummary> = {}): NetworkSummary {
  const n = next();
  return {
    engineId: 'local',
    id: n.toString(16).padStart(12, '0').repeat(5).slice(0, 64),
    name: `network-${n}`,
    driver: 'bridge',
    scope: 'local',
    created: Date.UTC(2025, 0, 1),
    internal: false,
    attachable: false,
    ingress: false,
    enableIPv6: false,
    ipamDriver: 'default',
    ipam: [{ subnet: `10.${n % 250}.0.0/24`, gateway: `10.${n % 250}.0.1` }],
    options: {},
    labels: {},
    predefined: false,
    containers: [],
    ...overrides,
  };
}

/** An entry of a volume folder listing. */
export function makeEntry(path: string, overrides: Partial<VolumeEntry> = {}): VolumeEntry {
  const name = path.split('/').at(-1) ?? path;
  return { name, path, kind: 'file', size: 6, mode: 0o644, modified: Date.UTC(2025, 0, 2), ...overrides };
}

/** The local host as `/info` + `/version` describe it. */
export function makeSystemInfo(overrides: Partial<SystemInfo> = {}): SystemInfo {
  return {
    engineId: 'local',
    name: 'buildbox',
    engineVersion: '20.10.24',
    apiVersion: '1.41',
    minApiVersion: '1.12',
    experimental: false,
    components: [
      { name: 'containerd', version: '1.6.20' },
      { name: 'runc', version: '1.1.5' },
    ],
    operatingSystem: 'Debian GNU/Linux 12 (bookworm)',
    osType: 'linux',
    kernelVersion: '6.1.0-18-amd64',
    architecture: 'x86_64',
    cpus: 8,
    memoryBytes: 16_000_000_000,
    storageDriver: 'overlay2',
    storageDriverStatus: [
      ['Backing Filesystem', 'extfs'],
      ['Supports d_type', 'true'],
    ],
    loggingDriver: 'json-file',
    cgroupDriver: 'systemd',
    cgroupVersion: '2',
    dataRoot: '/var/lib/docker',
    runtimes: ['io.containerd.runc.v2', 'runc'],
    defaultRuntime: 'runc',
    indexServerAddress: 'https://index.docker.io/v1/',
    registryMirrors: ['https://mirror.example.com/'],
    insecureRegistries: ['127.0.0.0/8', 'registry.local:5000'],
    plugins: {
      volume: ['local'],
      network: ['bridge', 'host', 'ipvlan', 'macvlan', 'null', 'overlay'],
      log: ['json-file', 'local'],
      authorization: [],
    },
    swarm: { state: 'inactive', controlAvailable: false },
    securityOptions: ['name=seccomp,profile=default'],
    liveRestore: false,
    containers: { total: 3, running: 1, paused: 0, stopped: 2 },
    images: 4,
    warnings: [],
    ...overrides,
  };
}

/** A disk usage report with one of everything. */
export function makeDiskUsage(overrides: Partial<DiskUsage> = {}): DiskUsage {
  return {
    engineId: 'local',
    images: [
      {
        id: 'sha256:aaa',
        tags: ['web:1'],
        created: Date.UTC(2025, 0, 1),
        size: 50_000_000,
        sharedSize: 0,
        containers: 1,
      },
      {
        id: 'sha256:bbb',
        tags: [],
        created: Date.UTC(2025, 0, 1),
        size: 20_000_000,
        sharedSize: 0,
        containers: 0,
      },
    ],
    containers: [
      {
        id: 'c1',
        name: 'web',
        image: 'web:1',
        imageId: 'sha256:aaa',
        state: 'running',
        sizeRw: 1000,
        sizeRootFs: 50_001_000,
        created: Date.UTC(2025, 0, 1),
      },
      {
        id: 'c2',
        name: 'old',
        image: 'web:1',
        imageId: 'sha256:aaa',
        state: 'exited',
        sizeRw: 3000,
        sizeRootFs: 50_003_000,
        created: Date.UTC(2025, 0, 1),
      },
    ],
    volumes: [
      { name: 'data', driver: 'local', size: 4_000_000, refCount: 1 },
      { name: 'scratch', driver: 'local', size: 1_500_000, refCount: 0 },
    ],
    buildCache: [],
    totals: {
      images: { count: 2, active: 1, size: 70_000_000, reclaimable: 20_000_000 },
      containers: { count: 2, active: 1, size: 4000, reclaimable: 3000 },
      volumes: { count: 2, active: 1, size: 5_500_000, reclaimable: 1_500_000 },
      buildCache: { count: 0, active: 0, size: 0, reclaimable: 0 },
    },
    ...overrides,
  };
}

/** A daemon event as the timeline receives it. */
export function makeEvent(seq: number, overrides: Partial<EngineEvent> = {}): EngineEvent {
  const time = Date.UTC(2025, 0, 1, 12, 0, 0) + seq * 1000;
  return {
    engineId: 'local',
    seq,
    type: 'container',
    action: 'start',
    actorId: `${'c'.repeat(63)}${seq % 10}`,
    actorName: `web-${seq}`,
    attributes: { image: 'nginx:1.27', name: `web-${seq}` },
    scope: 'local',
    time,
    timeNano: `${BigInt(time) * 1_000_000n}`,
    ...overrides,
  };
}
