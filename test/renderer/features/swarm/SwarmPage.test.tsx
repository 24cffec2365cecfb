import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import {
  IpcChannel,
  IpcEvent,
  type SwarmNode,
  type SwarmObject,
  type SwarmService,
  type SwarmState,
} from '../../../../electron/common';
import { SwarmView } from '../../../../renderer/features/swarm/SwarmView';
import { render } from '../../render';
import { FakeBerth } from '../../support/fake-bridge';

const INACTIVE: SwarmState = {
  engineId: 'local',
  localState: 'inactive',
  controlAvailable: false,
  remoteManagers: [],
};
const WORKER: SwarmState = {
  engineId: 'local',
  localState: 'active',
  controlAvailable: false,
  nodeId: 'w1',
  remoteManagers: [{ nodeId: 'm1abcdefabcdef', address: '10.0.0.5:2377' }],
};
const MANAGER: SwarmState = { ...WORKER, controlAvailable: true, nodes: 2, managers: 1 };

function node(overrides: Partial<SwarmNode>): SwarmNode {
  return {
    engineId: 'local',
    id: 'm1',
    version: 10,
    hostname: 'manager-1',
    role: 'manager',
    availability: 'active',
    status: 'ready',
    managerStatus: { leader: true, reachability: 'reachable' },
    engineVersion: '20.10.24',
    nanoCpus: 2e9,
    memoryBytes: 2 ** 31,
    labels: {},
    self: true,
    ...overrides,
  };
}

const SERVICE: SwarmService = {
  engineId: 'local',
  id: 's1',
  version: 5,
  name: 'web',
  image: 'berth-fixture:latest',
  mode: 'replicated',
  replicas: 3,
  running: 3,
  desired: 3,
  ports: [{ protocol: 'tcp', targetPort: 80, publishedPort: 8080, publishMode: 'ingress' }],
  labels: {},
  envNames: [],
  command: [],
  canRollback: false,
};

function setUp(state: SwarmState) {
  const berth = new FakeBerth();
  berth.answer(IpcChannel.SwarmState, () => state);
  berth.answer(IpcChannel.SwarmNodes, () => ({
    engineId: 'local',
    revision: 1,
    items: [
      node({}),
      node({ id: 'w1', hostname: 'worker-1', role: 'worker', managerStatus: undefined, self: false }),
    ],
  }));
  berth.answer(IpcChannel.SwarmServices, () => ({ engineId: 'local', revision: 1, items: [SERVICE] }));
  berth.answer(IpcChannel.SwarmTasks, () => ({ engineId: 'local', revision: 1, items: [] }));
  berth.answer(IpcChannel.SwarmObjects, () => ({ engineId: 'local', revision: 1, items: [] }));
  render(<SwarmView />, { berth });
  return berth;
}

describe('Swarm page', () => {
  it('offers to initialize or join on a host outside any swarm, and initializes with the address given', async () => {
    const berth = setUp(INACTIVE);
    expect(await screen.findByText('This host is not part of a swarm')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Join swarm' })).toBeDisabled();
    const init = screen.getByRole('button', { name: 'Initialize swarm' });
    expect(init).toBeDisabled();
    berth.answer(IpcChannel.SwarmInit, () => MANAGER);
    fireEvent.change(screen.getByRole('textbox', { name: /Advertise address/ }), {
      target: { value: '192.168.1.10' },
    });
    fireEvent.click(init);
    await waitFor(() =>
      expect(berth.callsTo(IpcChannel.SwarmInit)).toEqual([
        [{ engineId: 'local', advertiseAddress: '192.168.1.10' }],
      ]),
    );
    expect(await screen.findByRole('tab', { name: 'Nodes' })).toBeVisible();
  });

  it('explains on a worker that managing needs a manager, naming the managers it knows', async () => {
    setUp(WORKER);
    const worker = await screen.findByTestId('swarm-worker');
    expect(worker).toHaveTextContent('needs a manager');
    expect(within(screen.getByTestId('swarm-remote-managers')).getByText('10.0.0.5:2377')).toBeVisible();
    expect(screen.queryByRole('tab', { name: 'Nodes' })).not.toBeInTheDocument();
  });

  it('lists the nodes of a manager with roles and drains one after confirming', async () => {
    const berth = setUp(MANAGER);
    await waitFor(() => expect(screen.getAllByTestId('node-row')).toHaveLength(2));
    const worker = screen
      .getAllByTestId('node-row')
      .find((row) => row.getAttribute('data-name') === 'worker-1');
    expect(worker).toHaveAttribute('data-role', 'worker');
    expect(screen.getAllByTestId('node-row')[0]).toHaveTextContent('leader');
    berth.answer(IpcChannel.SwarmUpdateNode, (request) => node({ id: request.id, availability: 'drain' }));
    fireEvent.click(screen.getByRole('button', { name: 'Actions for node worker-1' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Drain' }));
    expect(berth.callsTo(IpcChannel.SwarmUpdateNode)).toEqual([]);
    fireEvent.click(await screen.findByRole('button', { name: 'Drain' }));
    await waitFor(() =>
      expect(berth.callsTo(IpcChannel.SwarmUpdateNode)).toEqual([
        [{ engineId: 'local', id: 'w1', availability: 'drain' }],
      ]),
    );
  });

  it('scales a service to the number entered', async () => {
    const berth = setUp(MANAGER);
    fireEvent.click(await screen.findByRole('tab', { name: 'Services' }));
    await waitFor(() => expect(screen.getAllByTestId('service-row')).toHaveLength(1));
    expect(screen.getByTestId('service-row')).toHaveTextContent('8080:80/tcp');
    berth.answer(IpcChannel.SwarmUpdateService, () => ({ ...SERVICE, replicas: 1 }));
    fireEvent.click(screen.getByRole('button', { name: 'Actions for service web' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Scale…' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Replicas' }), { target: { value: '1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Scale' }));
    await waitFor(() =>
      expect(berth.callsTo(IpcChannel.SwarmUpdateService)).toEqual([
        [{ engineId: 'local', id: 's1', replicas: 1 }],
      ]),
    );
  });

  it('creates a secret saying the value cannot be read back, and lists it from the change event', async () => {
    const berth = setUp(MANAGER);
    fireEvent.click(await screen.findByRole('tab', { name: 'Secrets' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Create secret' }));
    expect(screen.getByTestId('object-write-once')).toHaveTextContent('can show it again');
    const secret: SwarmObject = {
      engineId: 'local',
      kind: 'secret',
      id: 'x1',
      version: 1,
      name: 'db-password',
      labels: {},
    };
    berth.answer(IpcChannel.SwarmCreateObject, () => secret);
    fireEvent.change(screen.getByRole('textbox', { name: /Name/ }), { target: { value: 'db-password' } });
    fireEvent.change(screen.getByRole('textbox', { name: /Value/ }), { target: { value: 's3cret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(berth.callsTo(IpcChannel.SwarmCreateObject)).toHaveLength(1));
    berth.emit(IpcEvent.SwarmObjectsChanged, {
      engineId: 'local',
      revision: 2,
      upserted: [secret],
      removed: [],
    });
    expect(await screen.findByTestId('secret-row')).toHaveAttribute('data-name', 'db-password');
    expect(screen.queryByText('s3cret')).not.toBeInTheDocument();
  });
});
