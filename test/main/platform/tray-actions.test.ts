import { describe, expect, it, vi } from 'vitest';

import type { ContainerSummary } from '../../../electron/common';
import { runTrayAction, type TrayActionTargets } from '../../../electron/main/platform/tray-actions';
import { containerSummary } from '../../fixtures/container';

const member = (
  id: string,
  state: ContainerSummary['state'],
  project = 'shop',
  engineId = 'local',
): ContainerSummary =>
  containerSummary({ engineId, id, name: id, state, labels: { 'com.docker.compose.project': project } });

function targets(overrides: Partial<TrayActionTargets> = {}): TrayActionTargets {
  return {
    showWindow: vi.fn(),
    sendUi: vi.fn(),
    quit: vi.fn(),
    updateSettings: vi.fn(),
    container: vi.fn(() => Promise.resolve()),
    knownContainers: () => [],
    openExternal: vi.fn(() => Promise.resolve()),
    reportFailure: vi.fn(),
    ...overrides,
  };
}

describe('runTrayAction', () => {
  it('opens a container’s logs in the window', async () => {
    const t = targets();
    await runTrayAction({ kind: 'openLogs', engineId: 'local', id: 'abc' }, t);
    expect(t.showWindow).toHaveBeenCalled();
    expect(t.sendUi).toHaveBeenCalledWith({
      command: 'open',
      route: { page: 'containers', detail: { kind: 'container', engineId: 'local', id: 'abc', tab: 'logs' } },
    });
  });

  it('switches the host for the window and the tray alike', async () => {
    const t = targets();
    await runTrayAction({ kind: 'switchHost', engineId: 'staging' }, t);
    expect(t.updateSettings).toHaveBeenCalledWith({ activeEngineId: 'staging', allHosts: false });
  });

  it('opens only http(s) URLs in the system browser', async () => {
    const t = targets();
    await runTrayAction({ kind: 'openUrl', url: 'http://localhost:8080' }, t);
    await runTrayAction({ kind: 'openUrl', url: 'javascript:alert(1)' }, t);
    await runTrayAction({ kind: 'openUrl', url: 'file:///etc/passwd' }, t);
    expect(t.openExternal).toHaveBeenCalledTimes(1);
    expect(t.openExternal).toHaveBeenCalledWith('http://localhost:8080');
  });

  it('starts only the stopped members of a Compose project, on its own host', async () => {
    const container = vi.fn(() => Promise.resolve());
    const t = targets({
      container,
      knownContainers: () => [
        member('a', 'exited'),
        member('b', 'running'),
        member('c', 'exited', 'other'),
        member('d', 'exited', 'shop', 'staging'),
      ],
    });
    await runTrayAction({ kind: 'project', verb: 'start', engineId: 'local', project: 'shop' }, t);
    expect(container.mock.calls).toEqual([['start', { engineId: 'local', id: 'a' }]]);
  });

  it('turns a failure into a message instead of throwing', async () => {
    const t = targets({ container: () => Promise.reject(new Error('No such container: abc')) });
    await expect(
      runTrayAction({ kind: 'container', verb: 'stop', engineId: 'local', id: 'abc' }, t),
    ).resolves.toBeUndefined();
    expect(t.reportFailure).toHaveBeenCalledWith('Berth could not do that', 'No such container: abc');
  });

  it('opens preferences and quits', async () => {
    const t = targets();
    await runTrayAction({ kind: 'preferences' }, t);
    await runTrayAction({ kind: 'quit' }, t);
    expect(t.sendUi).toHaveBeenCalledWith({ command: 'openPreferences' });
    expect(t.quit).toHaveBeenCalled();
  });
});
