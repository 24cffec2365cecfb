// Lint enforces the process boundaries (which folder may import what) and the IPC rules, not reviews.
import js from '@eslint/js';
import simpleImportSort from 'eslint-plugin-simple-import-sort';
import globals from 'globals';
import { createJiti } from 'jiti';
import tseslint from 'typescript-eslint';

// The channel list itself (TypeScript, loaded through jiti as ESLint loads TS configs), so the rule below knows
// every prefix the day it is added, instead of a hand-kept copy that drifts.
const { invokeChannels, eventNames, EVENT_TRANSPORT_CHANNEL } = await createJiti(import.meta.url).import(
  './electron/common/ipc/channels.ts',
);

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'net',
  'http',
  'https',
  'crypto',
  'stream',
  'url',
];
// The renderer and preload take values only from the zod-free electron/common/bridge entry.
const zodEntries = String.raw`(^|/)common(/index)?$|/ipc/(contract|schemas|[^/]+/contract)$|^zod$`;
/** Every channel prefix (`containers`, `logs`, `ui`, …, and `app` of the event transport). */
export const channelPrefixes = [
  ...new Set([...invokeChannels, ...eventNames, EVENT_TRANSPORT_CHANNEL].map((name) => name.split(':')[0])),
].sort();
// Any `prefix:word` string of a known prefix, so a misspelt verb is caught as well as a real name.
const channelLiteral = `Literal[value=/^(${channelPrefixes.join('|')}):[a-zA-Z]+$/]`;

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'bench/results/**',
      'coverage/**',
      '.rig/**',
      'test/e2e/fixtures/**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'simple-import-sort': simpleImportSort },
    rules: {
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: true }],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'simple-import-sort/imports': 'error',
      'simple-import-sort/exports': 'error',
      eqeqeq: ['error', 'always'],
      // Channel names are spelled once, in electron/common/ipc/channels.ts.
      'no-restricted-syntax': [
        'error',
        {
          selector: channelLiteral,
          message: 'Use IpcChannel/IpcEvent from electron/common, not a channel string.',
        },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { ...globals.node },
    },
  },
  {
    files: ['electron/common/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'react'],
          patterns: [
            { group: nodeBuiltins, message: 'electron/common runs in every process: no Node.' },
            {
              group: ['**/main/**', '**/preload/**', '**/renderer/**'],
              message: 'common imports nothing of the processes.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    // Small files and small functions (issue #11): a file past ~450 lines or a function past ~120 is split by
    // concern. Tests are exempt (a table of cases may be long).
    files: ['electron/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    rules: {
      'max-lines': ['error', { max: 450 }],
      'max-lines-per-function': ['error', { max: 120 }],
    },
  },
  {
    // The only files where channel names are spelled.
    files: ['electron/common/ipc/channels.ts', 'electron/common/ipc/*/channels.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['electron/main/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/preload/**', '**/renderer/**'],
              message: 'main never imports preload or renderer.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: channelLiteral,
          message: 'Use IpcChannel/IpcEvent from electron/common, not a channel string.',
        },
        {
          selector:
            "CallExpression[callee.object.name='ipcMain'][callee.property.name=/^(handle|handleOnce|on|once)$/]",
          message: 'Register IPC only through registerInvokeHandlers (sender check + zod validation).',
        },
      ],
    },
  },
  {
    // The engine core and the services are plain Node, testable without Electron: only adapters touch it.
    // Adapters (may import electron): electron/main/index.ts (composition root), ipc/invoke-router.ts, platform/*,
    // windows/*, security/harden.ts and hosts/electron-hosts-store.ts (electron-store needs the app).
    files: [
      'electron/main/docker/**/*.ts',
      'electron/main/settings/**/*.ts',
      'electron/main/ops/**/*.ts',
      'electron/main/credentials/**/*.ts',
      'electron/main/hosts/**/*.ts',
      'electron/main/notifications/**/*.ts',
      'electron/main/security/**/*.ts',
    ],
    ignores: ['electron/main/hosts/electron-hosts-store.ts', 'electron/main/security/harden.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Services are plain classes; only adapters import electron.' },
            { name: 'electron-store', message: 'Services are plain classes; only adapters import electron.' },
          ],
          patterns: [
            { group: ['**/preload/**', '**/renderer/**', '../ipc/**', '../windows/**', '../platform/**'] },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...nodeBuiltins, '**/main/**', '**/renderer/**'],
              message: 'A sandboxed preload may only use electron and common.',
            },
            {
              regex: zodEntries,
              allowTypeImports: true,
              message: 'Import values from electron/common/bridge (zod-free).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to main only through window.berth.' }],
          patterns: [
            {
              group: [...nodeBuiltins, '**/electron/main/**', '**/electron/preload/**'],
              message: 'renderer never imports main, preload or Node.',
            },
            {
              regex: zodEntries,
              allowTypeImports: true,
              message: 'Import values from electron/common/bridge (zod-free).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.{ts,tsx}', 'bench/**/*.ts', '*.config.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      // Tests may spell channels to prove the contract, and use unbound methods of mocks.
      'no-restricted-syntax': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
