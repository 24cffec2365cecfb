import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

import { eventNames, invokeChannels } from '../../../electron/common';

/**
 * The boundary rules of eslint.config.mjs, run through ESLint's own API on snippets. Type-aware rules are turned
 * off (the snippets are not in a TypeScript project); the rules under test are syntactic.
 */
const eslint = new ESLint({ overrideConfig: tseslint.configs.disableTypeChecked });

async function problems(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter(
      (message) => message.ruleId === 'no-restricted-syntax' || message.ruleId === 'no-restricted-imports',
    )
    .map((message) => `${message.ruleId}: ${message.message}`);
}

describe('the channel-literal rule', () => {
  it('is derived from the channel list: it catches every prefix, including logs, exec, stats, registries, shell, ui', async () => {
    const names = [...invokeChannels, ...eventNames];
    for (const prefix of ['logs', 'exec', 'stats', 'registries', 'shell', 'ui']) {
      expect(names.some((name) => name.startsWith(`${prefix}:`))).toBe(true);
    }
    const code = names.map((name, index) => `export const c${index} = '${name}';`).join('\n');
    expect(await problems(code, 'electron/main/ipc/snippet.ts')).toHaveLength(names.length);
    expect(await problems(code, 'renderer/lib/snippet.ts')).toHaveLength(names.length);
    // Linting one snippet per channel twice takes seconds on a loaded machine.
  }, 60_000);

  it("catches 'logs:open' in main and the renderer, and a misspelt verb of a known prefix", async () => {
    for (const filePath of ['electron/main/docker/snippet.ts', 'renderer/features/snippet.ts']) {
      expect(await problems("export const channel = 'logs:open';", filePath)).toEqual([
        'no-restricted-syntax: Use IpcChannel/IpcEvent from electron/common, not a channel string.',
      ]);
      expect(await problems("export const channel = 'stats:opne';", filePath)).toHaveLength(1);
    }
  });

  it('leaves channel files, other strings and tests alone', async () => {
    expect(
      await problems("export const channel = 'logs:open';", 'electron/common/ipc/logs/channels.ts'),
    ).toEqual([]);
    expect(await problems("export const text = 'logs: open';", 'electron/main/snippet.ts')).toEqual([]);
    expect(await problems("export const url = 'https:example';", 'electron/main/snippet.ts')).toEqual([]);
    expect(await problems("export const channel = 'logs:open';", 'test/main/snippet.test.ts')).toEqual([]);
  });
});

describe('the no-electron rule', () => {
  const electronImport = "import { app } from 'electron';\nexport const name = app.getName();";

  it('covers every plain-Node folder of main', async () => {
    for (const folder of [
      'docker/engine',
      'docker/containers',
      'settings',
      'ops',
      'credentials',
      'hosts',
      'hosts/contexts',
      'notifications',
      'security',
    ]) {
      expect(await problems(electronImport, `electron/main/${folder}/snippet.ts`), folder).toEqual([
        "no-restricted-imports: 'electron' import is restricted from being used. Services are plain classes; only adapters import electron.",
      ]);
    }
    expect(
      await problems(
        "import Store from 'electron-store';\nexport { Store };",
        'electron/main/hosts/snippet.ts',
      ),
    ).toHaveLength(1);
  });

  it('lets the listed adapters import electron', async () => {
    for (const file of [
      'index.ts',
      'ipc/invoke-router.ts',
      'platform/tray.ts',
      'windows/main-window.ts',
      'security/harden.ts',
      'hosts/electron-hosts-store.ts',
    ]) {
      expect(await problems(electronImport, `electron/main/${file}`), file).toEqual([]);
    }
  });
});
