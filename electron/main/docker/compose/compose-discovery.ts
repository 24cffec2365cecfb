import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';

import type { ComposeToolInfo, ComposeToolKind } from '../../../common/compose/types';

/** Where and how to look; every field defaults to this process's. */
export interface DiscoveryEnvironment {
  env: NodeJS.ProcessEnv;
  home: string;
  platform: NodeJS.Platform;
  /** Runs a candidate and returns its stdout (rejects on a non-zero exit or timeout). */
  run?: (file: string, args: string[]) => Promise<string>;
}

/** A Compose that answered: what Berth runs. */
export interface ComposeTool {
  kind: ComposeToolKind;
  path: string;
  version: string;
}

const ANSWER_TIMEOUT_MS = 10_000;

function runFile(file: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: ANSWER_TIMEOUT_MS, windowsHide: true }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message.split('\n')[0] ?? ''} ${stderr}`.trim()));
      else resolve(stdout);
    });
  });
}

/** Path joining for the target platform (tests describe Windows and macOS from Linux). */
function joinFor(platform: NodeJS.Platform): (...parts: string[]) => string {
  return platform === 'win32'
    ? (...parts) => path.win32.join(...parts)
    : (...parts) => path.posix.join(...parts);
}

/** `$DOCKER_CONFIG`, else `~/.docker` (the CLI's config.Dir()). */
function configDir(env: NodeJS.ProcessEnv, home: string, join: (...parts: string[]) => string): string {
  return env.DOCKER_CONFIG ? env.DOCKER_CONFIG : join(home, '.docker');
}

/** `cliPluginsExtraDirs` of the CLI's config.json; none when it cannot be read. */
async function extraPluginDirs(
  configFolder: string,
  join: (...parts: string[]) => string,
): Promise<string[]> {
  try {
    const config = JSON.parse(await readFile(join(configFolder, 'config.json'), 'utf8')) as unknown;
    const dirs = (config as { cliPluginsExtraDirs?: unknown } | null)?.cliPluginsExtraDirs;
    return Array.isArray(dirs) ? dirs.filter((dir): dir is string => typeof dir === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * The folders the docker CLI searches for plugins, in its order (cli-plugins/manager): the config folder's
 * `cli-plugins`, `cliPluginsExtraDirs`, then the system folders; plus where Docker Desktop and Homebrew put them,
 * since a GUI app does not inherit a shell's setup.
 */
export async function pluginDirs(environment: DiscoveryEnvironment): Promise<string[]> {
  const { env, home, platform } = environment;
  const join = joinFor(platform);
  const config = configDir(env, home, join);
  const dirs = [join(config, 'cli-plugins'), ...(await extraPluginDirs(config, join))];
  if (platform === 'win32') {
    const programData = env.ProgramData ?? 'C:\\ProgramData';
    const programFiles = env.ProgramFiles ?? 'C:\\Program Files';
    dirs.push(
      join(programData, 'Docker', 'cli-plugins'),
      join(programFiles, 'Docker', 'cli-plugins'),
      join(programFiles, 'Docker', 'Docker', 'resources', 'cli-plugins'),
    );
    return dirs;
  }
  dirs.push(
    '/usr/local/lib/docker/cli-plugins',
    '/usr/local/libexec/docker/cli-plugins',
    '/usr/lib/docker/cli-plugins',
    '/usr/libexec/docker/cli-plugins',
  );
  if (platform === 'darwin') {
    dirs.push(
      '/Applications/Docker.app/Contents/Resources/cli-plugins',
      join(home, 'Applications', 'Docker.app', 'Contents', 'Resources', 'cli-plugins'),
      '/opt/homebrew/lib/docker/cli-plugins',
    );
  }
  return dirs;
}

/** The folders searched for a standalone `docker-compose`: PATH, then where installers put it on macOS. */
function standaloneDirs(environment: DiscoveryEnvironment): string[] {
  const { env, platform } = environment;
  const separator = platform === 'win32' ? ';' : ':';
  const fromPath = (env.PATH ?? env.Path ?? '').split(separator).filter((dir) => dir !== '');
  const extra = platform === 'darwin' ? ['/usr/local/bin', '/opt/homebrew/bin'] : [];
  return [...new Set([...fromPath, ...extra])];
}

async function isExecutable(file: string, platform: NodeJS.Platform): Promise<boolean> {
  try {
    await access(file, platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The plugin's `docker-cli-plugin-metadata` answer (as the CLI validates plugins): its version. */
async function pluginVersion(run: NonNullable<DiscoveryEnvironment['run']>, file: string): Promise<string> {
  const metadata = JSON.parse(await run(file, ['docker-cli-plugin-metadata'])) as { Version?: unknown };
  if (typeof metadata.Version !== 'string' || metadata.Version === '') {
    throw new Error(`${file} gave no version in its plugin metadata.`);
  }
  return metadata.Version.replace(/^v/, '');
}

/** `docker-compose version --short` (1.x and 2.x alike). */
async function standaloneVersion(
  run: NonNullable<DiscoveryEnvironment['run']>,
  file: string,
): Promise<string> {
  const version = (await run(file, ['version', '--short'])).trim().replace(/^v/, '');
  if (!/^\d+\.\d+/.test(version)) throw new Error(`${file} answered "${version}" to \`version --short\`.`);
  return version;
}

/** What to install, per platform. */
export function howToGetCompose(platform: NodeJS.Platform): string {
  if (platform === 'darwin' || platform === 'win32') {
    return (
      'Install Docker Desktop (it includes Compose), or the Compose plugin alone: put the docker-compose binary ' +
      'from https://github.com/docker/compose/releases into ~/.docker/cli-plugins/.'
    );
  }
  return (
    'Install the Compose plugin (the docker-compose-plugin package from Docker’s apt/dnf repository, or the ' +
    'docker-compose binary from https://github.com/docker/compose/releases in ~/.docker/cli-plugins/), or your ' +
    'distribution’s docker-compose package.'
  );
}

/**
 * Finds the user's Compose as the docker CLI would: the v2 plugin in the plugin folders (the first one that
 * answers its metadata), else a standalone `docker-compose` on PATH. Never throws: no Compose is an answer.
 */
export async function discoverCompose(environment: DiscoveryEnvironment): Promise<ComposeToolInfo> {
  const run = environment.run ?? runFile;
  const { platform } = environment;
  const join = joinFor(platform);
  const exe = platform === 'win32' ? 'docker-compose.exe' : 'docker-compose';
  const searched: string[] = [];
  let problem: string | undefined;
  const candidates: { kind: ComposeToolKind; file: string }[] = [
    ...(await pluginDirs(environment)).map((dir) => ({ kind: 'plugin' as const, file: join(dir, exe) })),
    ...standaloneDirs(environment).map((dir) => ({ kind: 'standalone' as const, file: join(dir, exe) })),
  ];
  for (const { kind, file } of candidates) {
    searched.push(file);
    if (!(await isExecutable(file, platform))) continue;
    try {
      const version = kind === 'plugin' ? await pluginVersion(run, file) : await standaloneVersion(run, file);
      return { available: true, kind, path: file, version };
    } catch (error) {
      // A broken candidate (wrong architecture, not a plugin) is skipped, as the CLI skips invalid plugins.
      problem ??= `${file}: ${(error as Error).message}`;
    }
  }
  return {
    available: false,
    searched,
    howToGet: howToGetCompose(platform),
    ...(problem !== undefined ? { problem } : {}),
  };
}
