import { afterEach, describe, expect, it, vi } from 'vitest';

import {
  type ContainersChange,
  type ContainerSummary,
  defaultSettings,
  type EngineInfo,
  type Settings,
} from '../../../electron/common';
import { TrayController } from '../../../electron/main/platform/tray-controller';
import type { TrayMenuEntry } from '../../../electron/main/platform/tray-menu';
import { containerSummary } from '../../fixtures/container';

afterEach(() => vi.useRealTimers());

const engine: EngineInfo = {
  id: 'local',
  name: 'Local',
  kind: 'unix',
  address: 'unix:///s',
  status: { state: 'connected', since: 0 },
};
const c = (id: string, state: ContainerSummary['state'] = 'running'): ContainerSummary =>
  containerSummary({ id, name: id, state });

function setup(initial: ContainerSummary[]) {
  vi.useFakeTimers();
  let onChange: (change: ContainersChange) => void = () => undefined;
  let onSettings: (settings: Settings) => void = () => undefined;
  let settings = defaultSettings;
  const lists = vi.fn(() => Promise.resolve({ revision: 1, items: initial }));
  const rendered: TrayMenuEntry[][] = [];
  const controller = new TrayController(
    {
      engines: () => [engine],
      onStatusChanged: () => () => undefined,
      onEngineRemoved: () => () => undefined,
      listContainers: lists,
      onContainersChanged: (listener) => ((onChange = listener), () => undefined),
      settings: () => settings,
      onSettingsChanged: (listener) => ((onSettings = listener), () => undefined),
    },
    (entries) => rendered.push(entries),
    100,
  );
  const labels = () => (rendered.at(-1) ?? []).map((entry) => entry.label ?? entry.type);
  return {
    controller,
    lists,
    labels,
    rendered,
    change: (change: Omit<ContainersChange, 'engineId'>) => onChange({ engineId: 'local', ...change }),
    setSettings: (next: Settings) => {
      settings = next;
      onSettings(next);
    },
  };
}

describe('TrayController', () => {
  it('lists running containers once connected and follows revisioned changes', async () => {
    const t = setup([c('web')]);
    await vi.advanceTimersByTimeAsync(100);
    expect(t.labels()).toContain('web');
    t.change({ revision: 2, upserted: [c('db')], removed: [] });
    t.change({ revision: 3, upserted: [c('web', 'exited')], removed: [] });
    await vi.advanceTimersByTimeAsync(100);
    expect(t.labels()).toContain('db');
    expect(t.labels()).not.toContain('web');
    expect(t.lists).toHaveBeenCalledTimes(1);
    t.controller.dispose();
  });

  it('refetches instead of guessing when it sees a revision gap', async () => {
    const t = setup([c('web')]);
    await vi.advanceTimersByTimeAsync(100);
    t.change({ revision: 5, upserted: [c('ghost')], removed: [] });
    await vi.advanceTimersByTimeAsync(100);
    expect(t.lists).toHaveBeenCalledTimes(2);
    expect(t.labels()).not.toContain('ghost');
    t.controller.dispose();
  });

  it('rebuilds at most once per throttle window and follows pins from the settings', async () => {
    const t = setup([c('web'), c('cache', 'exited')]);
    await vi.advanceTimersByTimeAsync(100);
    const before = t.rendered.length;
    for (let revision = 2; revision < 50; revision++) t.change({ revision, upserted: [], removed: [] });
    t.setSettings({ ...defaultSettings, pinnedContainers: [{ engineId: 'local', name: 'cache' }] });
    await vi.advanceTimersByTimeAsync(100);
    expect(t.rendered.length).toBe(before + 1);
    expect(t.labels()).toContain('cache — exited');
    t.controller.dispose();
  });
});
