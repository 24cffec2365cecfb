// The built app (e2e harness) pointed at a fleet of simulated daemons: launch with N hosts, read main's heap, wait
// for the All hosts table, hide the window, remove hosts. Used by bench/fleet/fleet.ts only.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type BerthApp, launchBerth } from '../../test/e2e/harness';
import type { SimulatedDaemon } from './simulator';

/** Berth's own host id for the i-th simulated daemon (`hosts.json`). */
export const fleetHostId = (i: number): string => `host:fleet${String(i).padStart(4, '0')}`;

/**
 * Launches Berth with the first daemon as the default host (`DOCKER_HOST`) and the others saved in `hosts.json`,
 * as a user with many servers has them. `daemons` empty: no daemon at all (an address nothing answers on).
 */
export async function launchWithFleet(daemons: readonly SimulatedDaemon[]): Promise<BerthApp> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'berth-fleet-user-'));
  const hosts = daemons.slice(1).map((daemon, i) => ({
    id: fleetHostId(i + 1),
    name: daemon.options.name,
    url: `unix://${daemon.options.socketPath}`,
    description: 'simulated (bench/fleet)',
    skipTlsVerify: false,
  }));
  await writeFile(join(userDataDir, 'hosts.json'), JSON.stringify({ hosts, engines: {}, passphrases: {} }));
  const first = daemons[0]?.options.socketPath ?? join(userDataDir, 'nothing-here.sock');
  const app = await launchBerth({ userDataDir, env: { DOCKER_HOST: `unix://${first}` } });
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.setSize(1440, 900));
  return app;
}

/** Main's heap in use after a full collection, MB (gc exposed at run time, as `--expose-gc` would). */
export async function mainHeapMB(app: BerthApp): Promise<number> {
  return app.evaluate(() => {
    const modules = process as unknown as { getBuiltinModule(name: string): unknown };
    const v8 = modules.getBuiltinModule('v8') as { setFlagsFromString(flags: string): void };
    const vm = modules.getBuiltinModule('vm') as { runInNewContext(code: string): () => void };
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc');
    gc();
    gc();
    return process.memoryUsage().heapUsed / 1024 / 1024;
  });
}

/** Event-loop delay of main over `ms` (p99 and max, ms): a growing backlog shows here first. */
export async function mainLoopDelay(app: BerthApp, ms: number): Promise<{ p99: number; max: number }> {
  return app.evaluate(async (_electron, duration) => {
    const modules = process as unknown as { getBuiltinModule(name: string): unknown };
    const hooks = modules.getBuiltinModule('perf_hooks') as {
      monitorEventLoopDelay(options: { resolution: number }): {
        enable(): void;
        disable(): void;
        percentile(p: number): number;
        max: number;
      };
    };
    const histogram = hooks.monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
    await new Promise((resolve) => setTimeout(resolve, duration));
    histogram.disable();
    return { p99: histogram.percentile(99) / 1e6, max: histogram.max / 1e6 };
  }, ms);
}

/** What the page shows as the containers count (`50000 containers on 50 hosts`). */
export async function containersCount(app: BerthApp): Promise<string> {
  return app.window.getByTestId('containers-count').innerText({ timeout: 120_000 });
}

/** The page globals the count check touches (the node tsconfig has no DOM types). */
interface CountGlobals {
  document: { querySelector(selector: string): { textContent: string | null } | null };
}

/** Picks "All hosts" and waits until the count says `containers` rows on `hosts` hosts; ms from the call. */
export async function showAllHosts(app: BerthApp, containers: number, hosts: number): Promise<number> {
  const started = performance.now();
  const combobox = app.window.getByRole('combobox', { name: 'Host' });
  if (hosts > 1) await combobox.selectOption('all', { timeout: 120_000 });
  const wanted = hosts > 1 ? `${containers} containers on ${hosts} hosts` : `${containers} containers on `;
  await app.window.waitForFunction(
    (text) =>
      (globalThis as unknown as CountGlobals).document
        .querySelector('[data-testid="containers-count"]')
        ?.textContent?.startsWith(text) === true,
    wanted,
    { timeout: 300_000, polling: 'raf' },
  );
  return performance.now() - started;
}

/** Hides or shows the main window as the tray's "hide" would. */
export async function setWindowVisible(app: BerthApp, visible: boolean): Promise<void> {
  await app.evaluate(({ BrowserWindow }, show) => {
    const window = BrowserWindow.getAllWindows()[0];
    if (show) window?.show();
    else window?.hide();
  }, visible);
}

/** Removes saved hosts through the app's own IPC, as the Hosts page's Remove does. */
export async function removeHosts(app: BerthApp, ids: readonly string[]): Promise<void> {
  await app.window.evaluate(async (all) => {
    const api = (globalThis as unknown as { berth: { hosts: { remove(id: string): Promise<unknown> } } })
      .berth;
    for (const id of all) {
      const result = (await api.hosts.remove(id)) as { ok: boolean; error?: { message: string } };
      if (!result.ok) throw new Error(`hosts:remove ${id}: ${result.error?.message ?? '?'}`);
    }
  }, ids);
}
