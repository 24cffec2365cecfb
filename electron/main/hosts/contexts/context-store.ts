import { createHash, randomBytes } from 'node:crypto';
import { type FSWatcher, watch } from 'node:fs';
import { chmod, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { z } from 'zod';

import { ErrorCode, IpcError } from '../../../common';
import { record } from '../../docker/engine/readers';

/** A docker CLI context as Berth sees it: never the key material itself, only where it is. */
export interface DockerContext {
  name: string;
  description: string;
  /** The docker endpoint, e.g. `tcp://host:2376`, `ssh://user@host`, `unix:///path`. */
  host: string;
  skipTlsVerify: boolean;
  /** Paths of the context's TLS files that exist. */
  tls: { ca?: string; cert?: string; key?: string };
}

/** What a caller gives to create or edit a context; PEM contents, not paths. */
export interface DockerContextInput {
  name: string;
  description?: string;
  host: string;
  skipTlsVerify?: boolean;
  tls?: { ca?: string; cert?: string; key?: string };
}

const DEFAULT_CONTEXT = 'default';
/** The CLI's own rule for context names (docker/cli `restrictedNamePattern`). */
const contextNamePattern = /^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$/;
const tlsFiles = { ca: 'ca.pem', cert: 'cert.pem', key: 'key.pem' } as const;

const metaSchema = z.object({
  Name: z.string(),
  Metadata: z.object({ Description: z.string().optional() }).passthrough().nullish(),
  Endpoints: z
    .object({
      docker: z.object({ Host: z.string(), SkipTLSVerify: z.boolean().optional() }).passthrough().optional(),
    })
    .passthrough()
    .nullish(),
});

/** `$DOCKER_CONFIG`, else `~/.docker`, as the CLI's `config.Dir()`. */
export function dockerConfigDir(env: NodeJS.ProcessEnv, homedir: string): string {
  const fromEnv = env.DOCKER_CONFIG;
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : join(homedir, '.docker');
}

/** The folder name of a context: the SHA-256 of its name, as the CLI's `contextdirOf`. */
export function contextDirName(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

/**
 * Which context the CLI would use: `DOCKER_HOST` (forces `default`) > `DOCKER_CONTEXT` > `currentContext` in
 * config.json > `default`.
 */
export function resolveCurrentContextName(
  env: NodeJS.ProcessEnv,
  currentContext: string | undefined,
): string {
  if (env.DOCKER_HOST !== undefined && env.DOCKER_HOST !== '') return DEFAULT_CONTEXT;
  if (env.DOCKER_CONTEXT !== undefined && env.DOCKER_CONTEXT !== '') return env.DOCKER_CONTEXT;
  if (currentContext !== undefined && currentContext !== '') return currentContext;
  return DEFAULT_CONTEXT;
}

export function validateContextName(name: string): void {
  if (name === DEFAULT_CONTEXT)
    throw new IpcError(ErrorCode.Validation, '"default" is reserved by the docker CLI.');
  if (!contextNamePattern.test(name)) {
    throw new IpcError(
      ErrorCode.Validation,
      `"${name}" is not a valid context name: use letters, digits and _.+- (at least two characters, starting with a letter or digit).`,
    );
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Writes through a temp file and a rename, so the CLI never reads half a file. */
async function writeAtomically(path: string, data: string, mode: number): Promise<void> {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temp, data, { mode });
  await chmod(temp, mode);
  await rename(temp, path);
}

/**
 * The docker CLI's context store (`<config>/contexts`), read and written in the CLI's own format, so
 * `docker --context NAME …` works with what Berth writes and Berth follows what the CLI writes.
 */
export class DockerContextStore {
  constructor(private readonly configDir: string) {}

  private metaDir(name: string): string {
    return join(this.configDir, 'contexts', 'meta', contextDirName(name));
  }

  private tlsDir(name: string): string {
    return join(this.configDir, 'contexts', 'tls', contextDirName(name), 'docker');
  }

  /** Every context with a docker endpoint, sorted by name. A broken meta.json is skipped, not fatal. */
  async list(): Promise<DockerContext[]> {
    const root = join(this.configDir, 'contexts', 'meta');
    let dirs: string[];
    try {
      dirs = await readdir(root);
    } catch {
      return [];
    }
    const contexts = await Promise.all(dirs.map((dir) => this.readMeta(join(root, dir, 'meta.json'))));
    return contexts
      .filter((context): context is DockerContext => context !== undefined)
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async get(name: string): Promise<DockerContext | undefined> {
    return this.readMeta(join(this.metaDir(name), 'meta.json'));
  }

  /** `currentContext` from config.json, if any. */
  async currentContext(): Promise<string | undefined> {
    try {
      const config = await this.readConfig();
      return typeof config.currentContext === 'string' ? config.currentContext : undefined;
    } catch {
      return undefined;
    }
  }

  async create(input: DockerContextInput): Promise<DockerContext> {
    validateContextName(input.name);
    if (await exists(this.metaDir(input.name))) {
      throw new IpcError(ErrorCode.Conflict, `A docker context named "${input.name}" already exists.`);
    }
    return this.write(input);
  }

  /**
   * Replaces one context's docker endpoint, description and TLS files: the files given are the context's whole
   * TLS set afterwards (one left out is deleted, so an edit can drop a client certificate or all TLS). Whatever
   * else the CLI or another tool keeps in its meta.json (other endpoints, other metadata) stays as it was.
   */
  async update(input: DockerContextInput): Promise<DockerContext> {
    validateContextName(input.name);
    if (!(await exists(this.metaDir(input.name)))) {
      throw new IpcError(ErrorCode.NotFound, `There is no docker context named "${input.name}".`);
    }
    return this.write(input, { replaceTls: true });
  }

  async remove(name: string): Promise<void> {
    validateContextName(name);
    if (!(await exists(this.metaDir(name)))) {
      throw new IpcError(ErrorCode.NotFound, `There is no docker context named "${name}".`);
    }
    await rm(this.metaDir(name), { recursive: true, force: true });
    await rm(join(this.configDir, 'contexts', 'tls', contextDirName(name)), { recursive: true, force: true });
    // Like `docker context rm`: removing the current context makes `default` current again.
    if ((await this.currentContext()) === name) await this.setCurrent(DEFAULT_CONTEXT);
  }

  /** Makes `name` the CLI's current context, keeping every other key of config.json as it was. */
  async setCurrent(name: string): Promise<void> {
    if (name !== DEFAULT_CONTEXT && !(await exists(this.metaDir(name)))) {
      throw new IpcError(ErrorCode.NotFound, `There is no docker context named "${name}".`);
    }
    const config = await this.readConfig();
    if (name === DEFAULT_CONTEXT) delete config.currentContext;
    else config.currentContext = name;
    await mkdir(this.configDir, { recursive: true, mode: 0o700 });
    const path = join(this.configDir, 'config.json');
    const mode = (await exists(path)) ? (await stat(path)).mode & 0o777 : 0o600;
    await writeAtomically(path, `${JSON.stringify(config, null, '\t')}\n`, mode);
  }

  /**
   * Calls `listener` (debounced) whenever the CLI or anyone else changes a context or the current context.
   * @returns a function that stops watching.
   */
  watch(listener: () => void, debounceMs = 100): () => void {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let watcher: FSWatcher | undefined;
    const fire = () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(listener, debounceMs);
    };
    try {
      watcher = watch(this.configDir, { recursive: true, persistent: false }, fire);
      watcher.on('error', () => watcher?.close());
    } catch {
      // No config dir yet: nothing to follow until the CLI creates one; a later watch() call picks it up.
      watcher = undefined;
    }
    return () => {
      if (timer !== undefined) clearTimeout(timer);
      watcher?.close();
    };
  }

  private async write(
    input: DockerContextInput,
    options: { replaceTls?: boolean } = {},
  ): Promise<DockerContext> {
    const metaDir = this.metaDir(input.name);
    await mkdir(metaDir, { recursive: true, mode: 0o755 });
    const previous = options.replaceTls === true ? await this.readRawMeta(input.name) : undefined;
    const { Description: _oldDescription, ...otherMetadata } = record(previous?.Metadata);
    const previousEndpoints = record(previous?.Endpoints);
    const meta = {
      ...previous,
      Name: input.name,
      Metadata: {
        ...otherMetadata,
        ...(input.description !== undefined && input.description !== ''
          ? { Description: input.description }
          : {}),
      },
      Endpoints: {
        ...previousEndpoints,
        docker: {
          ...record(previousEndpoints.docker),
          Host: input.host,
          SkipTLSVerify: input.skipTlsVerify ?? false,
        },
      },
    };
    await writeAtomically(join(metaDir, 'meta.json'), JSON.stringify(meta), 0o644);
    const tls = input.tls ?? {};
    const kinds = Object.keys(tlsFiles) as (keyof typeof tlsFiles)[];
    const given = kinds.filter((kind) => tls[kind] !== undefined);
    if (options.replaceTls === true) {
      for (const kind of kinds) {
        if (tls[kind] === undefined) await rm(join(this.tlsDir(input.name), tlsFiles[kind]), { force: true });
      }
      // No TLS file left: the CLI has no TLS folder for such a context either.
      if (given.length === 0) {
        await rm(join(this.configDir, 'contexts', 'tls', contextDirName(input.name)), {
          recursive: true,
          force: true,
        });
      }
    }
    if (given.length > 0) {
      const tlsDir = this.tlsDir(input.name);
      // Key material: folders 0700 and files 0600, as the CLI's tlsStore.
      await mkdir(tlsDir, { recursive: true, mode: 0o700 });
      await chmod(join(tlsDir, '..'), 0o700);
      await chmod(tlsDir, 0o700);
      for (const kind of given) await writeAtomically(join(tlsDir, tlsFiles[kind]), tls[kind] ?? '', 0o600);
    }
    const written = await this.get(input.name);
    if (written === undefined)
      throw new IpcError(ErrorCode.Internal, `The context "${input.name}" could not be read back.`);
    return written;
  }

  private async readMeta(path: string): Promise<DockerContext | undefined> {
    let raw: string;
    try {
      raw = await readFile(path, 'utf8');
    } catch {
      return undefined;
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return undefined;
    }
    const parsed = metaSchema.safeParse(json);
    if (!parsed.success) return undefined;
    const endpoint = parsed.data.Endpoints?.docker;
    if (endpoint === undefined) return undefined;
    const name = parsed.data.Name;
    const tlsDir = this.tlsDir(name);
    const tls: DockerContext['tls'] = {};
    for (const kind of Object.keys(tlsFiles) as (keyof typeof tlsFiles)[]) {
      const file = join(tlsDir, tlsFiles[kind]);
      if (await exists(file)) tls[kind] = file;
    }
    return {
      name,
      description: parsed.data.Metadata?.Description ?? '',
      host: endpoint.Host,
      skipTlsVerify: endpoint.SkipTLSVerify ?? false,
      tls,
    };
  }

  /** A context's meta.json as it is on disk (every field, known or not); undefined when unreadable. */
  private async readRawMeta(name: string): Promise<Record<string, unknown> | undefined> {
    try {
      const json: unknown = JSON.parse(await readFile(join(this.metaDir(name), 'meta.json'), 'utf8'));
      return typeof json === 'object' && json !== null && !Array.isArray(json)
        ? (json as Record<string, unknown>)
        : undefined;
    } catch {
      return undefined;
    }
  }

  /** config.json as an object; `{}` when there is none. A file that is not a JSON object is refused, never replaced. */
  private async readConfig(): Promise<Record<string, unknown>> {
    let raw: string;
    try {
      raw = await readFile(join(this.configDir, 'config.json'), 'utf8');
    } catch {
      return {};
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      json = undefined;
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      throw new IpcError(
        ErrorCode.Validation,
        `${join(this.configDir, 'config.json')} is not valid JSON; Berth leaves it untouched. Fix or remove it first.`,
      );
    }
    return json as Record<string, unknown>;
  }
}
