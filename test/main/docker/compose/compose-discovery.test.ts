import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { discoverCompose, pluginDirs } from '../../../../electron/main/docker/compose/compose-discovery';

/** Writes an executable shell script (a fake Compose) into `dir`. */
async function script(dir: string, name: string, body: string, mode = 0o755): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, name);
  await writeFile(file, `#!/bin/sh\n${body}\n`);
  await chmod(file, mode);
  return file;
}

const PLUGIN =
  'if [ "$1" = docker-cli-plugin-metadata ]; then echo \'{"SchemaVersion":"0.1.0","Vendor":"Docker Inc.","Version":"v2.29.1"}\'; fi';
const STANDALONE = 'if [ "$1 $2" = "version --short" ]; then echo 1.29.2; fi';

describe.skipIf(process.platform === 'win32')('Compose discovery', () => {
  let root: string;
  let home: string;
  let bin: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'berth-compose-discovery-'));
    home = join(root, 'home');
    bin = join(root, 'bin');
    await mkdir(home, { recursive: true });
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  const discover = (env: NodeJS.ProcessEnv = {}) =>
    discoverCompose({ env: { PATH: bin, ...env }, home, platform: 'linux' });

  it('finds the plugin in ~/.docker/cli-plugins and reads its version from the plugin metadata', async () => {
    const plugin = await script(join(home, '.docker', 'cli-plugins'), 'docker-compose', PLUGIN);
    await script(bin, 'docker-compose', STANDALONE);
    expect(await discover()).toEqual({ available: true, kind: 'plugin', path: plugin, version: '2.29.1' });
  });

  it('follows $DOCKER_CONFIG and cliPluginsExtraDirs of its config.json, in the CLI’s order', async () => {
    const config = join(root, 'config');
    const extra = join(root, 'extra-plugins');
    await mkdir(config, { recursive: true });
    await writeFile(join(config, 'config.json'), JSON.stringify({ cliPluginsExtraDirs: [extra] }));
    const plugin = await script(extra, 'docker-compose', PLUGIN);
    // The default ~/.docker is not looked at when DOCKER_CONFIG points elsewhere.
    await script(join(home, '.docker', 'cli-plugins'), 'docker-compose', 'exit 1');
    expect(await discover({ DOCKER_CONFIG: config })).toMatchObject({ kind: 'plugin', path: plugin });
    const dirs = await pluginDirs({ env: { DOCKER_CONFIG: config }, home, platform: 'linux' });
    expect(dirs.slice(0, 3)).toEqual([
      join(config, 'cli-plugins'),
      extra,
      '/usr/local/lib/docker/cli-plugins',
    ]);
    expect(dirs).toContain('/usr/libexec/docker/cli-plugins');
    expect(dirs).toContain('/usr/lib/docker/cli-plugins');
  });

  it('skips a plugin that does not answer its metadata, and a file that is not executable', async () => {
    await script(join(home, '.docker', 'cli-plugins'), 'docker-compose', 'echo not json');
    const standalone = await script(bin, 'docker-compose', STANDALONE);
    expect(await discover()).toEqual({
      available: true,
      kind: 'standalone',
      path: standalone,
      version: '1.29.2',
    });
    await chmod(standalone, 0o644);
    const none = await discover();
    expect(none).toMatchObject({ available: false });
    if (!none.available)
      expect(none.problem).toContain(join(home, '.docker', 'cli-plugins', 'docker-compose'));
  });

  it('says where it looked and how to get Compose when there is none', async () => {
    const none = await discover();
    expect(none.available).toBe(false);
    if (none.available) return;
    expect(none.searched[0]).toBe(join(home, '.docker', 'cli-plugins', 'docker-compose'));
    expect(none.searched).toContain(join(bin, 'docker-compose'));
    expect(none.howToGet).toMatch(/docker-compose-plugin|cli-plugins/);
    expect(none.problem).toBeUndefined();
  });

  it('knows the Docker Desktop locations on macOS and Windows', async () => {
    expect(await pluginDirs({ env: {}, home: '/Users/me', platform: 'darwin' })).toEqual(
      expect.arrayContaining([
        '/Users/me/.docker/cli-plugins',
        '/Applications/Docker.app/Contents/Resources/cli-plugins',
        '/opt/homebrew/lib/docker/cli-plugins',
      ]),
    );
    expect(
      await pluginDirs({
        env: { ProgramData: 'C:\\ProgramData', ProgramFiles: 'C:\\Program Files' },
        home: 'C:\\Users\\me',
        platform: 'win32',
      }),
    ).toEqual([
      'C:\\Users\\me\\.docker\\cli-plugins',
      'C:\\ProgramData\\Docker\\cli-plugins',
      'C:\\Program Files\\Docker\\cli-plugins',
      'C:\\Program Files\\Docker\\Docker\\resources\\cli-plugins',
    ]);
  });

  it('finds the real docker-compose of this machine when there is one', async () => {
    const found = await discoverCompose({ env: { PATH: '/usr/bin' }, home, platform: 'linux' });
    if (!found.available) return; // not installed here: the fake-folder cases above still ran
    expect(found.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});
