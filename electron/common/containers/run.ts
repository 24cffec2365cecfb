import type { EngineId } from '../hosts/engine';

/** Docker's restart policies (`--restart`). */
export const restartPolicyNames = ['no', 'always', 'unless-stopped', 'on-failure'] as const;
export type RestartPolicyName = (typeof restartPolicyNames)[number];

export interface RestartPolicy {
  name: RestartPolicyName;
  /** Only with `on-failure`: give up after this many restarts (0 = never give up). */
  maximumRetryCount?: number;
}

export type PortProtocol = 'tcp' | 'udp' | 'sctp';

/** A port range; `end` is absent for a single port. */
export interface PortRange {
  start: number;
  end?: number;
}

/** One `-p [hostIp:][hostPort:]containerPort[/protocol]`. */
export interface PortPublish {
  /** The host address to bind; every interface when absent. */
  hostIp?: string;
  /** The host port(s); the daemon picks a free one when absent. */
  hostPort?: PortRange;
  containerPort: PortRange;
  protocol: PortProtocol;
}

/** One mount: a named volume (created on first use) or a host path. */
export interface MountSpec {
  type: 'volume' | 'bind';
  /** The volume name, or the absolute host path; an empty source makes an anonymous volume. */
  source: string;
  /** The absolute path inside the container. */
  target: string;
  readOnly: boolean;
}

/** Everything `docker run` is asked to do in Berth's Run dialog. */
export interface RunSpec {
  engineId: EngineId;
  /** As typed, e.g. `nginx`, `registry.local:5000/web:1.2`. */
  image: string;
  /** The container's name; the daemon picks one when absent. */
  name?: string;
  /** The command and its arguments, replacing the image's `CMD`; the image's own when empty. */
  command: string[];
  /** `KEY=value` entries. */
  env: string[];
  ports: PortPublish[];
  mounts: MountSpec[];
  /** A network name or `bridge`/`host`/`none`; the daemon's default network when absent. */
  network?: string;
  restartPolicy: RestartPolicy;
  /** Remove the container when it exits (`--rm`). */
  autoRemove: boolean;
  /** Keep STDIN open (`-i`). */
  interactive: boolean;
  /** Allocate a pseudo-TTY (`-t`). */
  tty: boolean;
}

/** A field of a {@link RunSpec} that is wrong, and why. */
export interface RunSpecProblem {
  /** `image`, `name`, `env.2`, `ports.0.hostPort`, `mounts.1.source`, … */
  field: string;
  message: string;
}
