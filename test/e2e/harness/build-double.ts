import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import ts from 'typescript';

const harnessDir = dirname(fileURLToPath(import.meta.url));
/** The repository root (test/e2e/harness → ../../..). */
export const repoRoot = resolve(harnessDir, '../../..');
const cacheRoot = join(repoRoot, 'node_modules', '.cache', 'berth-e2e');

function transpile(source: string, fileName: string): string {
  return ts.transpileModule(source, {
    fileName,
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2023,
      verbatimModuleSyntax: true,
      sourceMap: false,
      inlineSourceMap: true,
      inlineSources: true,
    },
  }).outputText;
}

/**
 * Transpiles the `.ts` files of a folder (not recursive) to ES modules in a cache folder keyed by their content,
 * under the repository's node_modules so bare imports (playwright-core, …) resolve. Reused while unchanged.
 */
function transpileFolder(name: string, sourceDir: string, files: string[]): string {
  const hash = createHash('sha256').update(ts.version);
  for (const file of files) hash.update(file).update(readFileSync(join(sourceDir, file)));
  const outDir = join(cacheRoot, `${name}-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(join(outDir, '.complete'))) {
    const now = new Date();
    utimesSync(outDir, now, now); // Marks it in use, so pruning by another build leaves it.
    return outDir;
  }
  pruneStaleBuilds(name);
  const staging = `${outDir}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  for (const file of files) {
    const source = readFileSync(join(sourceDir, file), 'utf8');
    writeFileSync(join(staging, file.replace(/\.ts$/, '.js')), transpile(source, join(sourceDir, file)));
  }
  // Under node_modules no package scope applies: mark the output as ES modules explicitly.
  writeFileSync(join(staging, 'package.json'), JSON.stringify({ type: 'module' }));
  writeFileSync(join(staging, '.complete'), '');
  try {
    renameSync(staging, outDir);
  } catch {
    // Another process built the same content first.
    rmSync(staging, { recursive: true, force: true });
  }
  return outDir;
}

/** Removes earlier builds of `name` not touched for an hour (older sources; never one a running test uses). */
function pruneStaleBuilds(name: string): void {
  if (!existsSync(cacheRoot)) return;
  const hourAgo = Date.now() - 3_600_000;
  for (const entry of readdirSync(cacheRoot)) {
    if (!entry.startsWith(`${name}-`)) continue;
    const path = join(cacheRoot, entry);
    try {
      if (statSync(path).mtimeMs < hourAgo) rmSync(path, { recursive: true, force: true });
    } catch {
      // Removed by someone else meanwhile.
    }
  }
}

/** Builds the electron double; returns the URL of the file to pass to `node --import`. */
export function buildElectronDouble(): { registerUrl: string } {
  const sourceDir = join(harnessDir, 'electron-double');
  const files = readdirSync(sourceDir)
    .filter((file) => file.endsWith('.ts'))
    .sort();
  const outDir = transpileFolder('electron-double', sourceDir, files);
  return { registerUrl: new URL(`file://${join(outDir, 'register.js')}`).href };
}

/** A main bundle given as TypeScript (a fixture) is transpiled on its own; a `.js` bundle is used as is. */
export function prepareMainBundle(mainPath: string): string {
  if (!mainPath.endsWith('.ts')) return mainPath;
  const outDir = transpileFolder(`main-${basename(dirname(mainPath))}`, dirname(mainPath), [
    basename(mainPath),
  ]);
  return join(outDir, basename(mainPath).replace(/\.ts$/, '.js'));
}
