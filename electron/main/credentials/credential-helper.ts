import { execFile, type ExecFileException } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';

import { ErrorCode, IpcError } from '../../common';

/** What a `docker-credential-<name> get` answered. */
interface HelperCredential {
  username: string;
  secret: string;
}

interface CredentialHelperOptions {
  /** `PATH` to search; default `process.env.PATH`. */
  path?: string;
  platform?: NodeJS.Platform;
  /** A helper may wait for a keychain prompt; default 60 s. */
  timeoutMs?: number;
}

/** Helper names come from `config.json`: only plain names, never a path. */
const helperNamePattern = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}$/;

/** What every credential helper prints when it has no entry for the server. */
const notFoundPattern = /credentials not found/i;

/**
 * Runs the docker CLI's credential helpers (`docker-credential-<name> get|list`) the way the CLI does: the server
 * URL on stdin, JSON on stdout. Each helper is resolved to an absolute path once, from absolute `PATH` entries only,
 * and run with `execFile` (never a shell). Nothing it prints is logged; errors carry the helper's name and
 * its own short message, never its output on success.
 */
export class CredentialHelpers {
  private readonly resolved = new Map<string, Promise<string | undefined>>();
  private readonly searchPath: string;
  private readonly platform: NodeJS.Platform;
  private readonly timeoutMs: number;

  constructor(options: CredentialHelperOptions = {}) {
    this.searchPath = options.path ?? process.env.PATH ?? '';
    this.platform = options.platform ?? process.platform;
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  /** `docker-credential-<name>`, the program's name for a helper name. */
  static programName(name: string): string {
    return `docker-credential-${name}`;
  }

  /** The credentials the helper has for `serverUrl`, or `undefined` when it has none. */
  async get(name: string, serverUrl: string): Promise<HelperCredential | undefined> {
    let stdout: string;
    try {
      stdout = await this.run(name, 'get', serverUrl);
    } catch (error) {
      if (error instanceof HelperExitError && notFoundPattern.test(error.output)) return undefined;
      throw this.describe(name, error);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(stdout);
    } catch {
      throw new IpcError(
        ErrorCode.Internal,
        `${CredentialHelpers.programName(name)} answered something that is not JSON.`,
      );
    }
    const { Username: username, Secret: secret } = (parsed ?? {}) as { Username?: unknown; Secret?: unknown };
    if (typeof secret !== 'string' || secret === '') return undefined;
    return { username: typeof username === 'string' ? username : '', secret };
  }

  /** Server URL → user name of every entry the helper has. */
  async list(name: string): Promise<Record<string, string>> {
    let stdout: string;
    try {
      stdout = await this.run(name, 'list', '');
    } catch (error) {
      throw this.describe(name, error);
    }
    try {
      const parsed = JSON.parse(stdout) as unknown;
      const entries: Record<string, string> = {};
      if (typeof parsed === 'object' && parsed !== null) {
        for (const [server, user] of Object.entries(parsed)) {
          if (typeof user === 'string') entries[server] = user;
        }
      }
      return entries;
    } catch {
      throw new IpcError(
        ErrorCode.Internal,
        `${CredentialHelpers.programName(name)} answered something that is not JSON.`,
      );
    }
  }

  private async executable(name: string): Promise<string> {
    if (!helperNamePattern.test(name)) {
      throw new IpcError(
        ErrorCode.Validation,
        `The docker config names a credential helper "${name}" that is not a plain program name.`,
      );
    }
    let found = this.resolved.get(name);
    if (found === undefined) {
      found = this.search(CredentialHelpers.programName(name));
      this.resolved.set(name, found);
    }
    const path = await found;
    if (path === undefined) {
      this.resolved.delete(name);
      throw new IpcError(
        ErrorCode.NotFound,
        `The docker config uses the credential helper ${CredentialHelpers.programName(name)}, which is not installed (not found on PATH).`,
      );
    }
    return path;
  }

  private async search(program: string): Promise<string | undefined> {
    const names = this.platform === 'win32' ? [`${program}.exe`, `${program}.cmd`] : [program];
    // Relative PATH entries (`.`, `bin`) would let the current directory decide what runs.
    const dirs = this.searchPath.split(this.platform === 'win32' ? ';' : delimiter).filter(isAbsolute);
    for (const dir of dirs) {
      for (const file of names) {
        const candidate = join(dir, file);
        try {
          await access(candidate, this.platform === 'win32' ? constants.F_OK : constants.X_OK);
          return candidate;
        } catch {
          // not in this directory
        }
      }
    }
    return undefined;
  }

  private async run(name: string, verb: 'get' | 'list', input: string): Promise<string> {
    const executable = await this.executable(name);
    return new Promise((resolve, reject) => {
      const child = execFile(
        executable,
        [verb],
        { timeout: this.timeoutMs, maxBuffer: 1024 * 1024, windowsHide: true, shell: false },
        (error, stdout, stderr) => {
          if (error) {
            const output = `${String(stdout)}\n${String(stderr)}`.trim();
            reject(new HelperExitError(error, output));
            return;
          }
          resolve(String(stdout));
        },
      );
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(input);
    });
  }

  private describe(name: string, error: unknown): IpcError {
    if (error instanceof IpcError) return error;
    const program = CredentialHelpers.programName(name);
    if (error instanceof HelperExitError) {
      if (error.cause.killed) {
        return new IpcError(
          ErrorCode.Timeout,
          `${program} did not answer within ${this.timeoutMs / 1000} s.`,
        );
      }
      // On failure a helper prints its reason; keep it short, and never echo anything shaped like credentials.
      const first = error.output.split('\n')[0]?.slice(0, 200) ?? '';
      const reason = first.trimStart().startsWith('{') ? '' : first;
      return new IpcError(ErrorCode.Internal, `${program} failed${reason !== '' ? `: ${reason}` : '.'}`);
    }
    return new IpcError(ErrorCode.Internal, `${program} could not be run.`);
  }
}

class HelperExitError extends Error {
  constructor(
    override readonly cause: ExecFileException,
    readonly output: string,
  ) {
    super('credential helper failed');
  }
}
