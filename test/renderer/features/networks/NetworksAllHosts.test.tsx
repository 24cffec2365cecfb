import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { IpcChannel } from '../../../../electron/common';
import { NetworksView } from '../../../../renderer/features/networks/NetworksView';
import { render } from '../../render';
import { makeContainer } from '../../support/fixtures';
import { makeNetwork } from '../../support/resource-fixtures';
import { openRoute, twoHosts } from '../../support/two-hosts';

// The same id on both hosts: only the engine tells them apart.
const SHARED_ID = 'e'.repeat(64);

function setUp() {
  const berth = twoHosts();
  berth.seed('context:rig', [
    makeContainer({ engineId: 'context:rig', name: 'remote-web', state: 'running' }),
  ]);
  berth.resources.seedNetworks('local', [makeNetwork({ id: SHARED_ID, name: 'apps' })]);
  berth.resources.seedNetworks('context:rig', [
    makeNetwork({ engineId: 'context:rig', id: SHARED_ID, name: 'apps', ipam: [{ subnet: '10.40.0.0/24' }] }),
    makeNetwork({ engineId: 'context:rig', name: 'edge', driver: 'macvlan' }),
    makeNetwork({ engineId: 'context:rig', name: 'bridge', predefined: true }),
  ]);
  const { stores } = render(<NetworksView />, { berth });
  return { berth, stores };
}

const rows = () => screen.queryAllByTestId('network-row');
const shown = () =>
  rows().map(
    (row) => `${row.querySelector('[data-column="host"]')?.textContent}/${row.getAttribute('data-name')}`,
  );

describe('Networks under All hosts', () => {
  it('merges every host with a sortable Host column; search matches the host', async () => {
    setUp();
    await waitFor(() => expect(rows()).toHaveLength(4));
    expect(screen.getByRole('table', { name: 'Networks on all hosts' })).toBeVisible();
    expect(shown()).toEqual(['Local/apps', 'rig/apps', 'rig/bridge', 'rig/edge']);
    expect(screen.getByTestId('networks-count')).toHaveTextContent('4 networks on 2 hosts');
    fireEvent.click(screen.getByRole('button', { name: 'Host' }));
    fireEvent.click(screen.getByRole('button', { name: 'Host' }));
    expect(shown()).toEqual(['rig/apps', 'rig/bridge', 'rig/edge', 'Local/apps']);
    fireEvent.change(screen.getByRole('textbox', { name: 'Search networks' }), {
      target: { value: 'rig ap' },
    });
    expect(shown()).toEqual(['rig/apps']);
  });

  it('removes, opens and connects on the row’s own host, also from a route', async () => {
    const { berth, stores } = setUp();
    await waitFor(() => expect(rows()).toHaveLength(4));
    expect(screen.getByRole('button', { name: 'Remove network bridge on rig' })).toBeDisabled();
    fireEvent.click(screen.getByRole('button', { name: 'Remove network edge on rig' }));
    const modal = within(await screen.findByTestId('remove-network-modal'));
    expect(screen.getByText('Remove network edge on rig?')).toBeVisible();
    fireEvent.click(modal.getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(shown()).toEqual(['Local/apps', 'rig/apps', 'rig/bridge']));
    expect(berth.callsTo(IpcChannel.NetworksRemove)).toEqual([
      [{ engineId: 'context:rig', id: expect.any(String) as unknown }],
    ]);

    openRoute(stores, {
      page: 'networks',
      detail: { kind: 'network', engineId: 'context:rig', id: SHARED_ID },
    });
    const details = within(await screen.findByTestId('network-details'));
    expect(details.getByTestId('details-host')).toHaveTextContent('rig');
    expect(details.getByText('10.40.0.0/24')).toBeVisible();
    const selected = rows().find((row) => row.getAttribute('data-selected') === 'true');
    expect(selected).toHaveAttribute('data-engine-id', 'context:rig');

    // The candidates to connect are the rig's containers.
    const form = within(details.getByTestId('connect-form'));
    fireEvent.click(form.getByRole('combobox', { name: 'Container' }));
    fireEvent.click(await screen.findByRole('option', { name: 'remote-web' }));
    fireEvent.click(form.getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(details.getAllByTestId('network-container')).toHaveLength(1));
    expect(berth.callsTo(IpcChannel.NetworksConnect)[0]?.[0]).toMatchObject({
      engineId: 'context:rig',
      network: SHARED_ID,
    });
    expect(berth.resources.networksOf('local')[0]?.containers).toEqual([]);
  });

  it('removes a selection spanning hosts, each network on its own host, reporting refusals with their host', async () => {
    const { berth } = setUp();
    await waitFor(() => expect(rows()).toHaveLength(4));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select apps on Local' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select apps on rig' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select edge on rig' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select bridge on rig' }));
    // Main knows better: a container came up on the rig's apps since the list was shown.
    const rigApps = berth.resources.networksOf('context:rig').find((network) => network.name === 'apps');
    if (rigApps === undefined) throw new Error('no apps on rig');
    berth.resources.seedNetworks('context:rig', [
      {
        ...rigApps,
        containers: [{ containerId: 'f'.repeat(64), containerName: 'late', state: 'running', aliases: [] }],
      },
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Remove 4' }));

    const modal = within(await screen.findByTestId('remove-network-modal'));
    expect(screen.getByText('Remove 4 networks?')).toBeVisible();
    expect(modal.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'apps on Local',
      'apps on rig',
      'edge on rig',
    ]);
    expect(modal.getByTestId('remove-network-refusal')).toHaveTextContent(
      'bridge on rig: bridge is predefined by Docker and cannot be removed.',
    );
    fireEvent.click(modal.getByRole('button', { name: 'Remove 3' }));

    await waitFor(() => expect(shown()).toEqual(['rig/apps', 'rig/bridge']));
    expect(berth.callsTo(IpcChannel.NetworksRemove)).toEqual([
      [{ engineId: 'local', id: SHARED_ID }],
      [{ engineId: 'context:rig', id: SHARED_ID }],
      [{ engineId: 'context:rig', id: expect.any(String) as unknown }],
    ]);
    expect(berth.resources.networksOf('local')).toEqual([]);
    expect(berth.resources.networksOf('context:rig').map((network) => network.name)).toEqual([
      'apps',
      'bridge',
    ]);
    const notification = await screen.findByTestId('error-notification');
    expect(notification).toHaveTextContent('Could not remove network apps on rig');
    expect(notification).toHaveTextContent('Network apps has a container attached: late.');
    expect(screen.getByRole('button', { name: 'Remove 2' })).toBeEnabled();
  });

  it('creates on the host picked in the dialog', async () => {
    const { berth } = setUp();
    await waitFor(() => expect(rows()).toHaveLength(4));
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    const create = within(await screen.findByTestId('create-network-modal'));
    fireEvent.change(create.getByRole('combobox', { name: 'On host' }), { target: { value: 'context:rig' } });
    fireEvent.change(create.getByRole('textbox', { name: 'Name' }), { target: { value: 'fresh' } });
    fireEvent.click(create.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(shown()).toContain('rig/fresh'));
    expect(berth.callsTo(IpcChannel.NetworksCreate)[0]?.[0]).toMatchObject({
      engineId: 'context:rig',
      name: 'fresh',
    });
  });
});
