import { spawn } from 'node:child_process';
import type { Duplex } from 'node:stream';

import type { ComposeToolInfo } from '../../../common/compose/types';
import type { EngineId } from '../../../common/hosts/engine';
import { ErrorCode, IpcError } from '../../../common/ipc/errors';
import { type Dialer, openForwardingSocket } from '../engine/forward-socket';

/** Which project Compose acts on: its files and how they are read (Compose's own flags). */
export interface ComposeProjectArgs {
  /** `-p`; Compose derives it from the folder when absent. */
  projectName?: string;
  /** `-f`, in order (later files override earlier ones). None: Compose looks in `workingDir`. */
  files?: readonly string[];
  /** `--project-directory` and the process's working directory. */
  workingDir: string;
  /** `--env-file`, in order. */
  envFiles?: readonly string[];
  /** `--profile`. */
  profiles?: readonly string[];
}

/** Compose's flags selecting a project, as both Compose 1.29 and 2.x read them. */
export function projectFlags(project: ComposeProjectArgs): string[] {
  const flags: string[] = ['--ansi', 'never'];
  if (project.projectName !== undefined) flags.push('--project-name', project.projectName);
  for (const file of project.files ?? []) flags.push('--file', file);
  flags.push('--project-directory', project.workingDir);
  for (const file of project.envFiles ?? []) flags.push('--env-file', file);
  for (const profile of project.profiles ?? []) flags.push('--profile', profile);
  return flags;
}

/** Variables that would point Compose at another daemon or hand it credentials: Berth decides both. */
const DAEMON_VARIABLES = [
  'DOCKER_HOST',
  'DOCKER_TLS_VERIFY',
  'DOCKER_TLS',
  'DOCKER_CERT_PATH',
  'DOCKER_CONTEXT',
  'DOCKER_API_VERSION',
  'DOCKER_SSH_IDENTITY',
  // Berth passes the project explicitly; the user's shell defaults must not pick another.
  'COMPOSE_FILE',
  'COMPOSE_PROJECT_NAME',
  'COMPOSE_PROFILES',
  'COMPOSE_ENV_FILES',
];

/**
 * The environment Compose runs with: this process's (its variables feed `${VAR}` interpolation, as in a shell)
 * without anything choosing a daemon, a context, certificates or the project, and `DOCKER_HOST` on our socket.
 */
export function composeEnvironment(base: NodeJS.ProcessEnv, dockerHost: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(base)) {
    if (!DAEMON_VARIABLES.includes(name.toUpperCase())) env[name] = value;
  }
  env.DOCKER_HOST = dockerHost;
  return env;
}

/** One run's output: complete when small, else the tail. */
export interface ComposeResult {
  stdout: string;
  stderr: string;
}

export interface ComposeRunOptions {
  engineId: EngineId;
  project: ComposeProjectArgs;
  /** Compose's command and its arguments, e.g. `['up', '-d']`. */
  command: readonly string[];
  /** Each complete output line, as it comes. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Aborting it stops Compose (SIGTERM, as Ctrl-C would) and closes the socket. */
  signal?: AbortSignal;
}

/** What the runner needs from the engines: a raw stream to an engine's API. */
export interface EngineDialer {
  dial(engineId: EngineId): Promise<Duplex>;
  /** Whether the engine is reached over SSH (whose channels are few: idle connections are closed sooner). */
  endpoint(engineId: EngineId): { ssh?: unknown };
}

/** How long an idle forwarded connection may hold an SSH channel. */
const SSH_IDLE_TIMEOUT_MS = 2_000;

const KEEP_CHARS = 256 * 1024;

/**
 * Runs the user's Compose against one engine: for each run a private forwarding socket to that engine (through
 * Berth's connection, see engine/forward-socket.ts), Compose with `DOCKER_HOST` on it, and the socket removed when
 * Compose exits. Errors carry Compose's own message.
 */
export class ComposeRunner {
  constructor(
    private readonly engines: EngineDialer,
    private readonly tool: () => Promise<ComposeToolInfo>,
    private readonly baseEnv: NodeJS.ProcessEnv = process.env,
  ) {}

  async run(options: ComposeRunOptions): Promise<ComposeResult> {
    const tool = await this.tool();
    if (!tool.available) {
      throw new IpcError(ErrorCode.ToolFailed, `Docker Compose was not found. ${tool.howToGet}`);
    }
    const dial: Dialer = () => this.engines.dial(options.engineId);
    const overSsh = this.engines.endpoint(options.engineId).ssh !== undefined;
    const socket = await openForwardingSocket(dial, overSsh ? { idleTimeoutMs: SSH_IDLE_TIMEOUT_MS } : {});
    try {
      const args = [...projectFlags(options.project), ...options.command];
      return await spawnCompose(tool.path, args, {
        cwd: options.project.workingDir,
        env: composeEnvironment(this.baseEnv, socket.dockerHost),
        ...(options.onLine ? { onLine: options.onLine } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } finally {
      await socket.close();
    }
  }
}

interface SpawnOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  signal?: AbortSignal;
}

/** Runs Compose to its end; rejects with TOOL_FAILED (its last words) on a non-zero exit, CANCELLED on abort. */
function spawnCompose(file: string, args: string[], options: SpawnOptions): Promise<ComposeResult> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new IpcError(ErrorCode.Cancelled, 'The Compose operation was cancelled.'));
      return;
    }
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const output = { stdout: '', stderr: '' };
    const partial = { stdout: '', stderr: '' };
    const collect = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output[stream] = (output[stream] + text).slice(-KEEP_CHARS);
      const lines = (partial[stream] + text).split(/\r?\n/);
      partial[stream] = lines.pop() ?? '';
      for (const line of lines) options.onLine?.(line, stream);
    };
    child.stdout.on('data', collect('stdout'));
    child.stderr.on('data', collect('stderr'));
    const abort = (): void => void child.kill('SIGTERM');
    options.signal?.addEventListener('abort', abort, { once: true });
    child.once('error', (error) => {
      options.signal?.removeEventListener('abort', abort);
      reject(new IpcError(ErrorCode.ToolFailed, `Docker Compose could not be started: ${error.message}`));
    });
    child.once('close', (code, signal) => {
      options.signal?.removeEventListener('abort', abort);
      for (const stream of ['stdout', 'stderr'] as const) {
        if (partial[stream] !== '') options.onLine?.(partial[stream], stream);
      }
      if (options.signal?.aborted) {
        reject(new IpcError(ErrorCode.Cancelled, 'The Compose operation was cancelled.'));
      } else if (code === 0) {
        resolve(output);
      } else {
        reject(new IpcError(ErrorCode.ToolFailed, composeFailure(output.stderr, code, signal)));
      }
    });
  });
}

/** Compose's own last words, bounded; the exit status when it said nothing. */
function composeFailure(stderr: string, code: number | null, signal: NodeJS.Signals | null): string {
  const said = stderr.trim().split('\n').slice(-12).join('\n').trim();
  const how = code !== null ? `exited with ${code}` : `was stopped (${signal ?? 'signal'})`;
  return said !== '' ? `Docker Compose failed: ${said}` : `Docker Compose ${how} without a message.`;
}
