import { afterAll, afterEach, expect, it } from 'vitest';

import { defaultSettings } from '../../../electron/common';
import { EngineRegistry } from '../../../electron/main/docker/engine/engine-registry';
import {
  type DesktopNotification,
  NotificationService,
} from '../../../electron/main/notifications/notification-service';
import { OperationRegistry } from '../../../electron/main/ops/operation-registry';
import { docker, rigDockerHost, skipUnlessRig, waitFor } from '../../rig';
import { containerArgs, endpointFor, fastBackoff, removeGroup, uniqueName } from '../helpers';

const GROUP = 'notifications';

skipUnlessRig('native notifications from real daemon events', () => {
  let registry: EngineRegistry;
  let service: NotificationService;
  const shown: DesktopNotification[] = [];

  async function start(): Promise<void> {
    registry = new EngineRegistry([endpointFor(rigDockerHost())], { backoff: fastBackoff });
    service = new NotificationService(
      {
        onEvent: (listener) => registry.onEvent(listener),
        onStatusChanged: (listener) => registry.onStatusChanged(listener),
        onOperationUpdated: (listener) => new OperationRegistry().onUpdated(listener),
      },
      { settings: () => defaultSettings, show: (notification) => shown.push(notification) },
    );
    registry.start();
    await registry.ready('local');
  }

  afterEach(async () => {
    service.dispose();
    await registry.dispose();
    shown.length = 0;
  });
  afterAll(() => removeGroup(GROUP));

  it('announces a container that exits with an error, naming it', async () => {
    await start();
    const name = uniqueName('crash');
    const id = await docker('run', '-d', ...containerArgs(name, GROUP, ['sh', '-c', 'exit 3']));
    await waitFor(() => shown.length > 0, { description: 'a notification' });
    expect(shown).toEqual([
      expect.objectContaining({
        kind: 'containerDied',
        title: `${name} stopped unexpectedly`,
        route: { page: 'containers', detail: { kind: 'container', engineId: 'local', id, tab: 'logs' } },
      }),
    ]);
    expect(shown[0]?.body).toContain('Exit code 3');
  });

  it('stays quiet when the user stops or removes a running container', async () => {
    await start();
    const stopped = uniqueName('stopped');
    const removed = uniqueName('removed');
    const marker = uniqueName('marker');
    await docker('run', '-d', ...containerArgs(stopped, GROUP));
    await docker('run', '-d', ...containerArgs(removed, GROUP));
    await docker('stop', '-t', '1', stopped);
    await docker('rm', '-f', removed);
    // A crash after the stops proves events were flowing; only it may be announced.
    await docker('run', '-d', ...containerArgs(marker, GROUP, ['sh', '-c', 'exit 7']));
    await waitFor(() => shown.length > 0, { description: 'the marker notification' });
    expect(shown.map((notification) => notification.title)).toEqual([`${marker} stopped unexpectedly`]);
  });
});
