import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import {
  applyLinuxAutostart,
  autostartEntry,
  autostartPath,
} from '../../../electron/main/platform/login-item';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('Linux autostart', () => {
  it('starts Berth hidden, quoting paths with spaces', () => {
    const entry = autostartEntry('/opt/My Apps/berth', ['/opt/My Apps/resources/app.asar']);
    expect(entry).toContain('Exec="/opt/My Apps/berth" "/opt/My Apps/resources/app.asar" --hidden\n');
    expect(entry).toMatch(/^\[Desktop Entry\]\nType=Application\nName=Berth\n/);
  });

  it('puts the entry under XDG_CONFIG_HOME, else ~/.config', () => {
    expect(autostartPath({ XDG_CONFIG_HOME: '/x' }, '/home/u')).toBe('/x/autostart/berth.desktop');
    expect(autostartPath({}, '/home/u')).toBe('/home/u/.config/autostart/berth.desktop');
  });

  it('writes the entry when enabled and removes it when disabled', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-autostart-'));
    dirs.push(dir);
    const path = join(dir, 'autostart', 'berth.desktop');
    await applyLinuxAutostart(true, path, '/usr/bin/berth', []);
    expect(readFileSync(path, 'utf8')).toContain('Exec=/usr/bin/berth --hidden');
    await applyLinuxAutostart(false, path, '/usr/bin/berth', []);
    expect(existsSync(path)).toBe(false);
    await expect(applyLinuxAutostart(false, path, '/usr/bin/berth', [])).resolves.toBeUndefined();
  });
});
