import { existsSync, readFileSync, statSync } from 'node:fs';

import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

interface Target {
  target: string;
  arch?: string[];
}
interface BuilderConfig {
  appId: string;
  productName: string;
  directories: { buildResources: string; output: string };
  files: string[];
  asar: boolean;
  electronFuses: Record<string, boolean>;
  mac: { icon: string; target: Target[] };
  win: { icon: string; target: string[] };
  linux: { icon: string; target: string[] };
}

const config = load(readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  main: string;
  scripts: Record<string, string>;
};

describe('electron-builder config', () => {
  it('names the app', () => {
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(config.productName).toBe('Berth');
    expect(config.directories.buildResources).toBe('build');
    expect(config.asar).toBe(true);
  });

  it('flips the fuses that close Node-level backdoors', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds every installer the docs promise', () => {
    expect(config.mac.target).toEqual(
      expect.arrayContaining([
        { target: 'dmg', arch: ['x64', 'arm64'] },
        { target: 'zip', arch: ['x64', 'arm64'] },
      ]),
    );
    expect(config.win.target).toEqual(expect.arrayContaining(['nsis', 'portable']));
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb', 'rpm']));
    expect(pkg.scripts.dist).toContain('electron-builder');
  });

  it('references only icons that exist, in the formats each OS needs', () => {
    expect(readFileSync(config.mac.icon).subarray(0, 4).toString('ascii')).toBe('icns');
    expect([...readFileSync(config.win.icon).subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    expect(statSync(config.linux.icon).isDirectory()).toBe(true);
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      const png = readFileSync(`${config.linux.icon}/${size}x${size}.png`);
      expect(png.readUInt32BE(16)).toBe(size);
    }
  });

  it('packs the built app, its runtime assets and the entry point package.json names', () => {
    expect(config.files).toEqual(
      expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**', 'assets/**']),
    );
    expect(pkg.main).toBe('out/main/index.js');
    for (const file of [
      'assets/icon.png',
      'assets/tray/trayTemplate.png',
      'assets/tray/tray-connected-light.png',
    ]) {
      expect(existsSync(file)).toBe(true);
    }
  });
});
