// Runs @doyensec/electronegativity over Berth's Electron code and fails on any HIGH or MEDIUM finding.
//
// Why the sources and not out/: electronegativity matches esprima-shaped ASTs; esprima cannot parse the modern
// bundles, and its babel fallback yields node types the checks do not recognise, so a bundle scan silently
// finds nothing. Its TypeScript path parses electron/**/*.ts correctly. The renderer's index.html (with the CSP
// meta tag) is included so the CSP checks see it.
//
// The two checks that look up Electron releases on the internet are excluded: this machine and CI have no
// route there (and must not try), and the Electron version is pinned in package.json and reviewed on upgrade.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Check class names, as electronegativity's exclusion list wants them; both need Electron's release list online.
const offlineExcluded = ['AvailableSecurityFixesGlobalCheck', 'ElectronVersionJSONCheck'];

const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity');
const root = new URL('../..', import.meta.url).pathname;
const electronVersion = JSON.parse(
  readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8'),
).version;
const work = mkdtempSync(join(tmpdir(), 'berth-audit-'));
try {
  cpSync(join(root, 'electron'), join(work, 'electron'), { recursive: true });
  mkdirSync(join(work, 'renderer'));
  cpSync(join(root, 'renderer/index.html'), join(work, 'renderer/index.html'));
  const { issues, errors } = await run({
    input: work,
    customScan: [],
    excludeFromScan: offlineExcluded,
    isRelative: true,
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  });
  for (const error of errors)
    console.log(`parse error: ${error.file ?? ''} ${error.message ?? JSON.stringify(error)}`);
  for (const issue of issues) {
    const file = issue.file.startsWith(work) ? issue.file.slice(work.length + 1) : issue.file;
    console.log(
      `${issue.severity.name.padEnd(13)} ${issue.confidence.name.padEnd(9)} ${issue.id} ${file}:${issue.location.line} — ${issue.description}`,
    );
  }
  const blocking = issues.filter(
    (issue) => issue.severity.name === 'HIGH' || issue.severity.name === 'MEDIUM',
  );
  console.log(
    `electronegativity: ${issues.length} findings, ${blocking.length} high or medium, ${errors.length} files not parsed`,
  );
  process.exitCode = blocking.length === 0 && errors.length === 0 ? 0 : 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
