import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { IpcChannel, type NetworkSummary } from '../../../../electron/common';
import { NetworksPage } from '../../../../renderer/features/networks/NetworksPage';
import { render } from '../../render';
import { FakeBerth } from '../../support/fake-bridge';
import { makeContainer } from '../../support/fixtures';
import { makeNetwork, makeSystemInfo } from '../../support/resource-fixtures';

function renderPage(networks: NetworkSummary[], berth = new FakeBerth()) {
  berth.resources.seedNetworks('local', networks);
  const result = render(<NetworksPage engineId="local" />, { berth });
  return { berth, ...result };
}

const rows = () => screen.queryAllByTestId('network-row');
const names = () => rows().map((row) => row.getAttribute('data-name'));
const rowOf = (name: string) => {
  const row = rows().find((candidate) => candidate.getAttribute('data-name') === name);
  if (row === undefined) throw new Error(`no row for ${name}`);
  return row;
};

const attached = (name: string, state: 'running' | 'exited' = 'running', ipv4 = '10.1.0.2') => ({
  containerId: `${name.padEnd(12, '0')}${'a'.repeat(52)}`,
  containerName: name,
  state,
  ipv4,
  aliases: [],
});

describe('NetworksPage', () => {
  it('lists networks with driver, scope, subnet, gateway, flags and containers; search and sort', async () => {
    renderPage([
      makeNetwork({
        name: 'bridge',
        predefined: true,
        ipam: [{ subnet: '172.17.0.0/16', gateway: '172.17.0.1' }],
      }),
      makeNetwork({
        name: 'backend',
        internal: true,
        attachable: true,
        ipam: [{ subnet: '10.1.0.0/24', gateway: '10.1.0.1' }],
        containers: [attached('api'), attached('db', 'exited', '10.1.0.3')],
      }),
      makeNetwork({ name: 'edge', driver: 'macvlan', ipam: [] }),
    ]);
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(names()).toEqual(['backend', 'bridge', 'edge']);
    const backend = rowOf('backend');
    expect(backend).toHaveTextContent('10.1.0.0/24');
    expect(backend).toHaveTextContent('10.1.0.1');
    expect(backend).toHaveTextContent('internal, attachable');
    expect(backend).toHaveTextContent('api (10.1.0.2), db (10.1.0.3)');
    expect(rowOf('bridge')).toHaveTextContent('predefined');
    expect(within(rowOf('bridge')).getByRole('button', { name: 'Remove network bridge' })).toBeDisabled();
    expect(rowOf('edge')).toHaveTextContent('—');

    fireEvent.change(screen.getByRole('textbox', { name: 'Search networks' }), {
      target: { value: 'macvlan' },
    });
    expect(names()).toEqual(['edge']);
    fireEvent.change(screen.getByRole('textbox', { name: 'Search networks' }), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Containers' }));
    fireEvent.click(screen.getByRole('button', { name: 'Containers' }));
    expect(names()[0]).toBe('backend');
  });

  it('validates CIDRs while typing and sends nothing until they are right', async () => {
    const { berth } = renderPage([]);
    berth.resources.system = makeSystemInfo();
    await screen.findByTestId('networks-no-match');
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    const modal = within(await screen.findByTestId('create-network-modal'));
    fireEvent.change(modal.getByRole('textbox', { name: 'Name' }), { target: { value: 'apps' } });
    fireEvent.change(modal.getByRole('textbox', { name: 'Subnet' }), { target: { value: '10.20.0.1/24' } });
    expect(modal.getByText('10.20.0.1/24 has host bits set; did you mean 10.20.0.0/24?')).toBeVisible();
    fireEvent.change(modal.getByRole('textbox', { name: 'Subnet' }), { target: { value: '10.20.0.0/24' } });
    fireEvent.change(modal.getByRole('textbox', { name: 'Gateway' }), { target: { value: '10.21.0.1' } });
    expect(modal.getByText('10.21.0.1 is outside the subnet 10.20.0.0/24.')).toBeVisible();
    expect(modal.getByRole('button', { name: 'Create' })).toBeDisabled();
    fireEvent.change(modal.getByRole('textbox', { name: 'Gateway' }), { target: { value: '10.20.0.254' } });
    fireEvent.change(modal.getByRole('textbox', { name: 'IP range' }), {
      target: { value: '10.20.0.128/25' },
    });
    fireEvent.click(modal.getByRole('checkbox', { name: 'Attachable' }));
    fireEvent.change(modal.getByRole('textbox', { name: 'Labels' }), { target: { value: 'team=web' } });
    expect(berth.callsTo(IpcChannel.NetworksCreate)).toEqual([]);
    fireEvent.click(modal.getByRole('button', { name: 'Create' }));

    await waitFor(() => expect(names()).toEqual(['apps']));
    expect(berth.callsTo(IpcChannel.NetworksCreate)).toEqual([
      [
        {
          engineId: 'local',
          name: 'apps',
          driver: 'bridge',
          ipam: [{ subnet: '10.20.0.0/24', gateway: '10.20.0.254', ipRange: '10.20.0.128/25' }],
          internal: false,
          attachable: true,
          enableIPv6: false,
          labels: { team: 'web' },
          options: {},
        },
      ],
    ]);
  }, 20_000);

  it('offers overlay only on a swarm manager', async () => {
    const { berth } = renderPage([]);
    berth.resources.system = makeSystemInfo();
    await screen.findByTestId('networks-no-match');
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    const modal = within(await screen.findByTestId('create-network-modal'));
    fireEvent.click(modal.getByRole('combobox', { name: 'Driver' }));
    await waitFor(() =>
      expect(screen.getByRole('option', { name: 'overlay (swarm)' })).toHaveAttribute(
        'data-combobox-disabled',
        'true',
      ),
    );
    expect(screen.getByRole('option', { name: 'macvlan' })).not.toHaveAttribute('data-combobox-disabled');
  });

  it('refuses to remove a network with running containers, saying which, and removes an idle one', async () => {
    const { berth } = renderPage([
      makeNetwork({ name: 'busy', containers: [attached('api')] }),
      makeNetwork({ name: 'idle', containers: [attached('old', 'exited')] }),
    ]);
    await waitFor(() => expect(rows()).toHaveLength(2));
    fireEvent.click(within(rowOf('busy')).getByRole('button', { name: 'Remove network busy' }));
    const modal = within(await screen.findByTestId('remove-network-modal'));
    expect(modal.getByTestId('remove-network-refusal')).toHaveTextContent('Disconnect or stop api first.');
    expect(modal.getByRole('button', { name: 'Remove' })).toBeDisabled();
    fireEvent.click(modal.getByRole('button', { name: 'Cancel' }));

    fireEvent.click(within(rowOf('idle')).getByRole('button', { name: 'Remove network idle' }));
    fireEvent.click(
      within(await screen.findByTestId('remove-network-modal')).getByRole('button', { name: 'Remove' }),
    );
    await waitFor(() => expect(names()).toEqual(['busy']));
    expect(berth.callsTo(IpcChannel.NetworksRemove)).toHaveLength(1);
  });

  it('removes a selection, one request per network, leaving out what cannot go and reporting refusals', async () => {
    const [a, b, racy] = ['a', 'b', 'racy'].map((name) => makeNetwork({ name })) as [
      NetworkSummary,
      NetworkSummary,
      NetworkSummary,
    ];
    const { berth } = renderPage([
      makeNetwork({ name: 'bridge', predefined: true }),
      makeNetwork({ name: 'busy', containers: [attached('api')] }),
      a,
      b,
      racy,
    ]);
    await waitFor(() => expect(rows()).toHaveLength(5));
    expect(screen.getByRole('button', { name: 'Remove' })).toBeDisabled();
    // "Select all" leaves Docker's own networks out.
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select all shown networks' }));
    expect(screen.getByRole('checkbox', { name: 'Select bridge' })).not.toBeChecked();
    // …and it cannot be checked by hand either.
    expect(screen.getByRole('checkbox', { name: 'Select bridge' })).toBeDisabled();
    expect(screen.getByRole('checkbox', { name: 'Select busy' })).toBeEnabled();
    expect(screen.getByRole('checkbox', { name: 'Select all shown networks' })).toBeChecked();
    // Main knows better: a container came up on racy since the list was shown.
    berth.resources.seedNetworks('local', [{ ...racy, containers: [attached('late')] }]);
    fireEvent.click(screen.getByRole('button', { name: 'Remove 4' }));

    const modal = within(await screen.findByTestId('remove-network-modal'));
    expect(screen.getByText('Remove 4 networks?')).toBeVisible();
    expect(modal.getByTestId('remove-network-list')).toHaveTextContent(/^abracy$/);
    expect(modal.getByTestId('remove-network-refusal')).toHaveTextContent(
      'busy: Disconnect or stop api first.',
    );
    fireEvent.click(modal.getByRole('button', { name: 'Remove 3' }));

    await waitFor(() => expect(names()).toEqual(['bridge', 'busy', 'racy']));
    expect(berth.callsTo(IpcChannel.NetworksRemove)).toEqual(
      [a, b, racy].map((network) => [{ engineId: 'local', id: network.id }]),
    );
    const notification = await screen.findByTestId('error-notification');
    expect(notification).toHaveTextContent('Could not remove network racy');
    expect(notification).toHaveTextContent('Network racy has a container attached: late.');
    // What was removed is unchecked; what is left stays checked.
    expect(screen.getByRole('button', { name: 'Remove 2' })).toBeEnabled();
    expect(screen.getByRole('checkbox', { name: 'Select racy' })).toBeChecked();
  });

  it('reports the daemon’s refusal when the list was out of date', async () => {
    const network = makeNetwork({ name: 'racy' });
    const { berth } = renderPage([network]);
    await waitFor(() => expect(rows()).toHaveLength(1));
    // Main knows better: a container came up since the list was shown.
    berth.resources.seedNetworks('local', [{ ...network, containers: [attached('late')] }]);
    berth.emitChanges = false;
    fireEvent.click(within(rowOf('racy')).getByRole('button', { name: 'Remove network racy' }));
    fireEvent.click(
      within(await screen.findByTestId('remove-network-modal')).getByRole('button', { name: 'Remove' }),
    );
    const notification = await screen.findByTestId('error-notification');
    expect(notification).toHaveTextContent('Could not remove network racy');
    expect(notification).toHaveTextContent('Network racy has a container attached: late.');
  });

  it('connects a container with aliases and a static IP from the network’s details, and disconnects it', async () => {
    const berth = new FakeBerth();
    const web = makeContainer({ name: 'web', state: 'running' });
    berth.seed('local', [web]);
    renderPage([makeNetwork({ name: 'apps', ipam: [{ subnet: '10.30.0.0/24' }] })], berth);
    await waitFor(() => expect(rows()).toHaveLength(1));
    fireEvent.click(rowOf('apps'));
    const details = within(await screen.findByTestId('network-details'));
    expect(details.getByTestId('network-no-containers')).toBeVisible();

    const form = within(details.getByTestId('connect-form'));
    fireEvent.click(form.getByRole('combobox', { name: 'Container' }));
    fireEvent.click(await screen.findByRole('option', { name: 'web' }));
    fireEvent.change(form.getByRole('textbox', { name: 'Aliases' }), { target: { value: 'www, front' } });
    fireEvent.change(form.getByRole('textbox', { name: 'IPv4 address' }), { target: { value: '10.31.0.5' } });
    expect(form.getByText(/outside the network's IPv4 subnet 10\.30\.0\.0\/24/)).toBeVisible();
    fireEvent.change(form.getByRole('textbox', { name: 'IPv4 address' }), { target: { value: '10.30.0.5' } });
    fireEvent.click(form.getByRole('button', { name: 'Connect' }));

    await waitFor(() => expect(details.getAllByTestId('network-container')).toHaveLength(1));
    expect(berth.callsTo(IpcChannel.NetworksConnect)).toEqual([
      [
        {
          engineId: 'local',
          network: expect.any(String) as unknown,
          container: web.id,
          aliases: ['www', 'front'],
          ipv4Address: '10.30.0.5',
        },
      ],
    ]);
    expect(details.getByTestId('network-containers')).toHaveTextContent('10.30.0.5');
    fireEvent.click(details.getByRole('button', { name: `Disconnect ${web.id}` }));
    await waitFor(() => expect(details.getByTestId('network-no-containers')).toBeVisible());
  });

  it('previews and runs a network prune', async () => {
    renderPage([
      makeNetwork({ name: 'bridge', predefined: true }),
      makeNetwork({ name: 'spare' }),
      makeNetwork({ name: 'busy', containers: [attached('api')] }),
    ]);
    await waitFor(() => expect(rows()).toHaveLength(3));
    fireEvent.click(screen.getByRole('button', { name: 'Prune unused' }));
    const preview = await screen.findByTestId('prune-networks-preview');
    expect(preview).toHaveTextContent('spare (bridge)');
    expect(preview).not.toHaveTextContent('busy');
    fireEvent.click(
      within(screen.getByTestId('prune-networks-modal')).getByRole('button', { name: 'Prune' }),
    );
    expect(await screen.findByTestId('prune-networks-result')).toHaveTextContent('Removed spare.');
    await waitFor(() => expect(names()).toEqual(['bridge', 'busy']));
  });
});
