import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The Linux secret-store backends `safeStorage.getSelectedStorageBackend()` can report after `ready`. */
export type SafeStorageBackend = 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6';

/** How the harness configures the double for one launch (JSON in `BERTH_E2E_DOUBLE_CONFIG`). */
export interface DoubleConfig {
  chromiumPath: string;
  /** Chromium's own `--user-data-dir` (not the app's userData). */
  chromiumProfileDir: string;
  /** `app.getPath('userData')`. */
  userDataDir: string;
  /** `app.getAppPath()`: the folder holding the app's package.json. */
  appPath: string;
  /** Where the stand-in OS keyring keeps its secret (see safe-storage.ts). */
  keyringDir: string;
  safeStorageBackend: SafeStorageBackend;
  /** What the OS reports as its colour scheme (`nativeTheme.shouldUseDarkColors` when themeSource is system). */
  systemTheme: 'light' | 'dark';
  /** `app.isPackaged`. */
  isPackaged: boolean;
}

export const DOUBLE_CONFIG_ENV = 'BERTH_E2E_DOUBLE_CONFIG';

/** The headless flags every launch uses, on top of what Playwright passes. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

function freshDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Reads the launch config; a main bundle started by hand (no harness) gets fresh temporary folders. */
export function readDoubleConfig(
  environment: NodeJS.ProcessEnv,
  mainScript: string | undefined,
): DoubleConfig {
  const raw = environment[DOUBLE_CONFIG_ENV];
  if (raw !== undefined && raw !== '') return JSON.parse(raw) as DoubleConfig;
  return {
    chromiumPath: '/usr/bin/chromium',
    chromiumProfileDir: freshDir('berth-e2e-chromium-'),
    userDataDir: freshDir('berth-e2e-userdata-'),
    appPath: mainScript === undefined ? process.cwd() : join(mainScript, '..'),
    keyringDir: freshDir('berth-e2e-keyring-'),
    safeStorageBackend: 'gnome_libsecret',
    systemTheme: 'light',
    isPackaged: false,
  };
}
