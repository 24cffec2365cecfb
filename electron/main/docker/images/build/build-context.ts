import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';

import { ErrorCode, IpcError } from '../../../../common';
import { packTree } from '../../archive/tar';
import { cleanPath, DockerIgnore } from './dockerignore';

/** A build context ready to send: the tar stream and the Dockerfile's path inside it. */
export interface BuildContext {
  tar: Readable;
  /** `/`-separated, relative to the context. */
  dockerfile: string;
  /** The Dockerfile's text (to find the registries its `FROM` lines pull from). */
  dockerfileText: string;
}

/** The Dockerfile's path inside the context, `/`-separated; refuses paths that leave the context. */
export function dockerfileInContext(dockerfile: string | undefined): string {
  const given = (dockerfile ?? '').trim() === '' ? 'Dockerfile' : (dockerfile ?? '').trim();
  const posix = given.split('\\').join('/');
  const cleaned = cleanPath(posix);
  if (
    isAbsolute(given) ||
    posix.startsWith('/') ||
    cleaned === '..' ||
    cleaned.startsWith('../') ||
    cleaned === '.'
  ) {
    throw new IpcError(
      ErrorCode.Validation,
      `The Dockerfile must be a path inside the build folder, like Dockerfile or docker/app.Dockerfile (got ${given}).`,
    );
  }
  return cleaned;
}

/**
 * The images a Dockerfile's `FROM` lines name (not earlier stages, not `scratch`, not references built from
 * `ARG`s), so a build can be given credentials for their registries only.
 */
export function baseImages(dockerfileText: string): string[] {
  const joined = dockerfileText.replace(/\\\r?\n/g, ' ');
  const stages = new Set<string>();
  const images: string[] = [];
  for (const line of joined.split(/\r?\n/)) {
    const match = /^\s*FROM\s+(.+)$/i.exec(line);
    if (match === null) continue;
    const words = (match[1] ?? '')
      .trim()
      .split(/\s+/)
      .filter((word) => !word.startsWith('--'));
    const image = words[0];
    if (words.length >= 3 && words[1]?.toLowerCase() === 'as' && words[2] !== undefined) {
      stages.add(words[2].toLowerCase());
    }
    if (image === undefined || image.includes('$') || image.toLowerCase() === 'scratch') continue;
    if (stages.has(image.toLowerCase()) && !images.includes(image)) continue;
    images.push(image);
  }
  return [...new Set(images)];
}

/**
 * Every path of the context that is sent, parents before children: what `.dockerignore` excludes is left out, and
 * an excluded folder is skipped whole unless a `!` pattern may re-include something in it (then only that is
 * sent), as the CLI's archiver does.
 */
async function includedPaths(
  root: string,
  rules: DockerIgnore,
  alwaysSent: ReadonlySet<string>,
): Promise<string[]> {
  const included: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir === '' ? root : join(root, ...dir.split('/')), { withFileTypes: true });
    } catch (error) {
      throw new IpcError(
        ErrorCode.Validation,
        `Cannot read ${dir === '' ? root : dir} in the build folder (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
      );
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
      const excluded = !alwaysSent.has(path) && rules.excludes(path);
      if (!excluded) {
        if (entry.isSocket()) continue;
        included.push(path);
        if (entry.isDirectory()) await walk(path);
      } else if (entry.isDirectory() && rules.mayIncludeBelow(path)) {
        await walk(path);
      }
    }
  };
  await walk('');
  return included;
}

/**
 * Packs a folder as the docker CLI does for `docker build`: `.dockerignore` applied (the Dockerfile and
 * `.dockerignore` are always sent), owners zeroed so the user's ids and names do not end up in the image, FIFOs and
 * devices skipped. File contents stream; only the list of paths is held in memory.
 */
export async function createBuildContext(
  contextDir: string,
  dockerfile: string | undefined,
): Promise<BuildContext> {
  const root = resolve(contextDir);
  try {
    if (!(await stat(root)).isDirectory()) throw new Error('not a directory');
  } catch {
    throw new IpcError(ErrorCode.NotFound, `The build folder ${root} does not exist or is not a folder.`);
  }
  const dockerfilePath = dockerfileInContext(dockerfile);
  let dockerfileText: string;
  try {
    const path = join(root, ...dockerfilePath.split('/'));
    if (!(await stat(path)).isFile()) throw new Error('not a file');
    dockerfileText = await readFile(path, 'utf8');
  } catch {
    throw new IpcError(ErrorCode.NotFound, `There is no Dockerfile at ${dockerfilePath} in ${root}.`);
  }
  let ignoreText = '';
  try {
    ignoreText = await readFile(join(root, '.dockerignore'), 'utf8');
  } catch {
    // No .dockerignore: everything is sent.
  }
  const rules = new DockerIgnore(ignoreText);
  const entries = await includedPaths(root, rules, new Set([dockerfilePath, '.dockerignore']));
  const tar = packTree(root, entries);
  return { tar, dockerfile: dockerfilePath, dockerfileText };
}
