import type { EngineId } from '../hosts/engine';
import type { IpcErrorData } from '../ipc/errors';

/** Which output of a container a log line came from. TTY containers have only `stdout`. */
export type LogStreamKind = 'stdout' | 'stderr';

/** One line of a container's log. */
export interface LogLine {
  stream: LogStreamKind;
  /** The line without its newline; may hold ANSI escape sequences (render them as styling only). */
  text: string;
  /** The daemon's timestamp (RFC 3339 with nanoseconds), when it gave one. */
  ts?: string;
  /** Characters cut off the end of a line longer than Berth carries (1 MiB). */
  cut?: number;
}

/**
 * A point in time for `since`/`until`, as the Engine API takes it: Unix seconds with an optional fraction of up
 * to nine digits (`1700000000.123456789`).
 */
export type UnixTimestamp = string;

/** Which part of a container's log to read. */
export interface LogQuery {
  engineId: EngineId;
  id: string;
  /** The last N lines, or `all`. Default 1,000. */
  tail?: number | 'all';
  since?: UnixTimestamp;
  until?: UnixTimestamp;
  /**
   * A container's log (the default), or a swarm service's (`id` is the service): its tasks' logs merged, each
   * line prefixed `name.slot@node` as `docker service logs` does. Needs a manager host.
   */
  source?: 'container' | 'service';
}

export interface LogsOpenRequest extends LogQuery {
  /** Keep the stream open and push new lines as the container writes them. */
  follow: boolean;
  /**
   * The view acknowledges every `logs:received` batch with `logs:ack` once it has taken it in. Main then keeps at
   * most two batches unacknowledged and queues the rest (pausing the daemon stream when the queue is long), so a
   * reader slower than the producer gets the log late rather than frozen or with lines missing.
   */
  acknowledge?: boolean;
}

export interface LogsOpened {
  streamId: string;
  /** The container has a TTY: its output is one raw stream (no stdout/stderr split). */
  tty: boolean;
}

/**
 * Lines of one log stream, batched (at most ~30 messages per second, ≤ 1 MB each) and packed: one string and a few
 * typed arrays per batch rather than one object per line, so a fast log costs the window a handful of allocations
 * per batch. Read it with `logBatchLines` / `LogBatchReader` (common/containers/log-batch.ts).
 */
export interface LogsBatch extends PackedLogLines {
  streamId: string;
  /** Lines main dropped because the reader fell too far behind (a very fast producer). */
  dropped?: number;
}

/** Log lines packed: line `i` is `text.slice(ends[i - 1] ?? 0, ends[i])`. */
export interface PackedLogLines {
  /** Every line's text (no newline), concatenated. */
  text: string;
  /** Where each line ends in `text`; its length is the number of lines. */
  ends: Uint32Array;
  /** The daemon's timestamps (RFC 3339 with nanoseconds, for resuming with `since`), concatenated; '' when none. */
  ts: string;
  /** Where each line's timestamp ends in `ts` (an empty one: the line has none). */
  tsEnds: Uint32Array;
  /** Per line: bit 0 set for stderr. */
  flags: Uint8Array;
  /** Lines cut to Berth's 1 MiB line length: `[line index, characters cut]` pairs (rare). */
  cuts?: Array<[number, number]>;
}

/** A log stream ended: the container stopped, the tail was read, the stream was closed, or it failed. */
export interface LogsEnded {
  streamId: string;
  error?: IpcErrorData;
}

export interface LogsSaveRequest extends LogQuery {
  /** Prefix each line with its timestamp. */
  timestamps: boolean;
}

/** A shell in a container, or the container's own main process (attach; TTY containers). */
export type ExecStartRequest = {
  engineId: EngineId;
  id: string;
  cols: number;
  rows: number;
} & (
  | {
      kind: 'exec';
      /** The command and its arguments, e.g. `['sh']`. */
      cmd: string[];
      user?: string;
      workingDir?: string;
    }
  | { kind: 'attach' }
);

export interface ExecStarted {
  sessionId: string;
}

/** Output of a terminal session, batched. */
export interface ExecOutput {
  sessionId: string;
  /** Text as the terminal should receive it (UTF-8 decoded, escape sequences intact). */
  data: string;
}

/** A terminal session ended. */
export interface ExecEnded {
  sessionId: string;
  /** The command's exit code, when the daemon knows it (exec only). */
  exitCode?: number;
  error?: IpcErrorData;
}

/** One stats sample of a running container (cumulative counters; rates are the renderer's business). */
export interface StatsSample {
  /** Epoch milliseconds of the daemon's reading. */
  time: number;
  /** CPU use in percent of one core (so up to 100 × cores), as `docker stats` computes it. */
  cpuPercent: number;
  onlineCpus: number;
  /** Bytes in use, page cache excluded as `docker stats` does. */
  memoryUsage: number;
  memoryLimit: number;
  /** Bytes received and sent over every interface since start. */
  networkRx: number;
  networkTx: number;
  /** Bytes read from and written to block devices since start. */
  blockRead: number;
  blockWrite: number;
  pids: number;
}

export interface StatsOpened {
  streamId: string;
}

export interface StatsSampled {
  streamId: string;
  sample: StatsSample;
}

export interface StatsEnded {
  streamId: string;
  error?: IpcErrorData;
}

/** What `env` values are replaced with until revealed. */
export const MASKED_VALUE = '••••';

/** `docker inspect` of one container, with every environment value masked. */
export interface ContainerInspectView {
  engineId: EngineId;
  id: string;
  name: string;
  tty: boolean;
  running: boolean;
  /** The inspect JSON as the daemon sent it, except `Config.Env` values, which read `KEY=••••`. */
  inspect: Record<string, unknown>;
}

/** `docker top`. */
export interface ContainerProcessList {
  titles: string[];
  processes: string[][];
}

export type ContainerFileKind = 'file' | 'directory' | 'symlink' | 'other';

/** One entry of a directory inside a container. */
export interface ContainerFileEntry {
  name: string;
  /** Absolute path inside the container. */
  path: string;
  kind: ContainerFileKind;
  /** Bytes (files only; 0 otherwise). */
  size: number;
  /** Permission bits, e.g. 0o644. */
  mode: number;
  /** Epoch milliseconds. */
  modified: number;
  linkTarget?: string;
}

export interface ContainerDirectoryListing {
  engineId: EngineId;
  id: string;
  /** Absolute directory path inside the container. */
  path: string;
  /** Directories first, then by name. */
  entries: ContainerFileEntry[];
  /** The directory was too big to read whole; what is listed is a part. */
  truncated: boolean;
}

/** The outcome of a download, upload or log save; `completed: false` when the user cancelled the dialog. */
export interface ContainerTransferResult {
  completed: boolean;
  localPath?: string;
  bytes: number;
  /** Files and folders written. */
  entries?: number;
  /** Entries left out: links, special files and anything whose path would leave the target folder. */
  skipped?: string[];
}
