import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { IpcChannel } from '../../../../electron/common';
import { ContainerDetails } from '../../../../renderer/features/containers/details/ContainerDetails';
import { ContainerNetworks } from '../../../../renderer/features/networks/ContainerNetworks';
import { render } from '../../render';
import { FakeBerth } from '../../support/fake-bridge';
import { makeContainer } from '../../support/fixtures';
import { makeNetwork } from '../../support/resource-fixtures';

const web = makeContainer({ name: 'web', state: 'running' });

function seeded() {
  const berth = new FakeBerth();
  berth.seed('local', [web]);
  berth.resources.seedNetworks('local', [
    makeNetwork({
      name: 'frontend',
      ipam: [{ subnet: '10.40.0.0/24' }],
      containers: [
        { containerId: web.id, containerName: 'web', state: 'running', ipv4: '10.40.0.7', aliases: ['www'] },
      ],
    }),
    makeNetwork({ name: 'backend', ipam: [{ subnet: '10.41.0.0/24' }] }),
    makeNetwork({ name: 'none', driver: 'null', predefined: true, ipam: [] }),
  ]);
  return berth;
}

describe('ContainerNetworks', () => {
  it('lists where the container is attached, connects it to another network with a static IP, and disconnects it', async () => {
    const berth = seeded();
    render(<ContainerNetworks engineId="local" containerId={web.id} containerName="web" />, { berth });
    await waitFor(() => expect(screen.getAllByTestId('container-network')).toHaveLength(1));
    expect(screen.getByTestId('container-network')).toHaveTextContent('frontend bridge10.40.0.7—www');

    const form = within(screen.getByTestId('connect-form'));
    fireEvent.click(form.getByRole('combobox', { name: 'Network' }));
    // Predefined networks and the one it is on are not offered.
    expect(screen.queryByRole('option', { name: 'none' })).not.toBeInTheDocument();
    expect(screen.queryByRole('option', { name: 'frontend' })).not.toBeInTheDocument();
    fireEvent.click(await screen.findByRole('option', { name: 'backend' }));
    fireEvent.change(form.getByRole('textbox', { name: 'IPv4 address' }), { target: { value: '10.41.0.9' } });
    fireEvent.click(form.getByRole('button', { name: 'Connect' }));

    await waitFor(() => expect(screen.getAllByTestId('container-network')).toHaveLength(2));
    expect(berth.callsTo(IpcChannel.NetworksConnect)).toEqual([
      [
        {
          engineId: 'local',
          network: expect.any(String) as unknown,
          container: web.id,
          ipv4Address: '10.41.0.9',
        },
      ],
    ]);

    fireEvent.click(screen.getByRole('button', { name: 'Disconnect from frontend' }));
    await waitFor(() => expect(screen.getAllByTestId('container-network')).toHaveLength(1));
    expect(screen.getByTestId('container-network')).toHaveTextContent('backend');
    expect(berth.callsTo(IpcChannel.NetworksDisconnect)).toEqual([
      [{ engineId: 'local', network: expect.any(String) as unknown, container: web.id, force: false }],
    ]);
  });

  it('is a tab of the container’s details', async () => {
    const berth = seeded();
    berth.answer(IpcChannel.ContainersInspect, ({ engineId, id }) => ({
      engineId,
      id,
      name: 'web',
      tty: false,
      running: true,
      inspect: {},
    }));
    render(<ContainerDetails engineId="local" id={web.id} tab="networks" />, { berth });
    expect(await screen.findByRole('tab', { name: 'Networks' })).toHaveAttribute('aria-selected', 'true');
    await waitFor(() => expect(screen.getByTestId('container-network')).toHaveTextContent('frontend'));
  });
});
