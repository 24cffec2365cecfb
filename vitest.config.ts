import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * One config, five projects. `common`, `main` and `renderer` are unit tests; `integration` and `e2e` run
 * against a real dockerd (the rig in test/rig starts a private one when DOCKER_HOST is not given).
 */
export default defineConfig({
  test: {
    // The rig starts one daemon for the whole run and hands its address to both daemon projects.
    globalSetup: ['test/rig/global-setup.ts'],
    projects: [
      {
        test: {
          name: 'common',
          environment: 'node',
          include: ['test/common/**/*.test.ts'],
          typecheck: {
            enabled: true,
            include: ['test/common/**/*.test-d.ts'],
            tsconfig: 'tsconfig.node.json',
          },
        },
      },
      {
        test: {
          name: 'main',
          environment: 'node',
          include: ['test/main/**/*.test.ts', 'test/preload/**/*.test.ts'],
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['test/setup/renderer.ts'],
          css: { modules: { classNameStrategy: 'non-scoped' } },
        },
      },
      {
        test: {
          name: 'integration',
          environment: 'node',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.e2e.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
