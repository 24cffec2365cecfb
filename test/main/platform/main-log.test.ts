import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createMainLog, MAIN_LOG_FILE } from '../../../electron/main/platform/main-log';

describe('createMainLog', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-log-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes each level with its details to main.log in the folder it is given (created if missing)', async () => {
    const logs = join(dir, 'logs');
    const log = createMainLog({ dir: logs, echo: false });
    expect(log.path).toBe(join(logs, MAIN_LOG_FILE));

    log.info('Berth started');
    log.warn('[engines] remote (ssh://me@host) unreachable:', 'connection refused');
    log.error('[ipc] containers:list failed:', new Error('socket hang up'));

    const text = await readFile(log.path, 'utf8');
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] \[info\] {2}Berth started$/);
    expect(lines[1]).toMatch(
      /\[warn\] {2}\[engines\] remote \(ssh:\/\/me@host\) unreachable: connection refused$/,
    );
    expect(lines[2]).toMatch(/\[error\] \[ipc\] containers:list failed: Error: socket hang up$/);
    // An error keeps its stack: that is what support needs.
    expect(text).toContain('main-log.test.ts');
  });

  it('rotates past its size: the full file becomes main.old.log and a new main.log begins', async () => {
    const log = createMainLog({ dir, maxBytes: 2048, echo: false });
    const line = 'x'.repeat(100);
    for (let index = 0; index < 25; index += 1) log.info(`#${index}# ${line}`);

    const old = await readFile(join(dir, 'main.old.log'), 'utf8');
    const current = await readFile(log.path, 'utf8');
    expect(old).toContain(`#0# ${line}`);
    expect(current).not.toContain(`#0# ${line}`);
    expect(current).toContain(`#24# ${line}`);
    expect((await stat(log.path)).size).toBeLessThanOrEqual(2048 + 200);

    // Rotating again replaces the old file, so the folder never holds more than two files.
    for (let index = 25; index < 50; index += 1) log.info(`#${index}# ${line}`);
    const older = await readFile(join(dir, 'main.old.log'), 'utf8');
    expect(older).not.toContain('#0#');
    expect(older).toContain(line);
  });
});
