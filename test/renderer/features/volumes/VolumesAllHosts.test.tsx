import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { IpcChannel } from '../../../../electron/common';
import { VolumesView } from '../../../../renderer/features/volumes/VolumesView';
import { render } from '../../render';
import { makeVolume } from '../../support/resource-fixtures';
import { openRoute, twoHosts } from '../../support/two-hosts';

const web = {
  id: 'c'.repeat(64),
  name: 'web',
  state: 'running' as const,
  destination: '/d',
  readOnly: false,
};

function setUp() {
  const berth = twoHosts();
  berth.resources.seedVolumes('local', [makeVolume({ name: 'data' }), makeVolume({ name: 'cache' })]);
  berth.resources.seedVolumes('context:rig', [
    makeVolume({ engineId: 'context:rig', name: 'data' }),
    makeVolume({ engineId: 'context:rig', name: 'busy', usedBy: [web] }),
    makeVolume({ engineId: 'context:rig', name: 'logs' }),
  ]);
  const { stores } = render(<VolumesView />, { berth });
  return { berth, stores };
}

const rows = () => screen.queryAllByTestId('volume-row');
/** `host/name` of each row, in order. */
const shown = () =>
  rows().map(
    (row) => `${row.querySelector('[data-column="host"]')?.textContent}/${row.getAttribute('data-name')}`,
  );
const rowOf = (engineId: string, name: string) => {
  const row = rows().find(
    (candidate) =>
      candidate.getAttribute('data-name') === name && candidate.getAttribute('data-engine-id') === engineId,
  );
  if (row === undefined) throw new Error(`no row for ${name} on ${engineId}`);
  return row;
};

describe('Volumes under All hosts', () => {
  it('shows only the selected host’s volumes when one host is selected', async () => {
    const berth = twoHosts();
    berth.settings = { ...berth.settings, allHosts: false, activeEngineId: 'context:rig' };
    berth.resources.seedVolumes('local', [makeVolume({ name: 'local-data' })]);
    berth.resources.seedVolumes('context:rig', [
      makeVolume({ engineId: 'context:rig', name: 'remote-data' }),
    ]);
    render(<VolumesView />, { berth });
    await waitFor(() => expect(rows().map((row) => row.getAttribute('data-name'))).toEqual(['remote-data']));
    expect(screen.getByRole('table', { name: 'Volumes' })).toBeVisible();
    expect(screen.queryByRole('columnheader', { name: 'Host' })).not.toBeInTheDocument();
    expect(screen.getByTestId('volumes-count')).toHaveTextContent('1 volume on rig');
  });

  it('opens a route to another host’s volume over the selected host’s list', async () => {
    const berth = twoHosts();
    berth.settings = { ...berth.settings, allHosts: false, activeEngineId: 'local' };
    berth.resources.seedVolumes('local', [makeVolume({ name: 'local-data' })]);
    berth.resources.seedVolumes('context:rig', [
      makeVolume({ engineId: 'context:rig', name: 'remote-data' }),
    ]);
    const { stores } = render(<VolumesView />, { berth });
    await waitFor(() => expect(rows().map((row) => row.getAttribute('data-name'))).toEqual(['local-data']));
    openRoute(stores, {
      page: 'volumes',
      detail: { kind: 'volume', engineId: 'context:rig', id: 'remote-data' },
    });
    const details = await screen.findByTestId('volume-details');
    expect(details).toHaveTextContent('/var/lib/docker/volumes/remote-data/_data');
    expect(berth.callsTo(IpcChannel.VolumesList)).toContainEqual(['context:rig']);
    expect(rows().map((row) => row.getAttribute('data-name'))).toEqual(['local-data']);
  });

  it('says so when no host is connected', async () => {
    const berth = twoHosts();
    berth.setStatus('local', { state: 'disconnected' });
    berth.setStatus('context:rig', { state: 'disconnected' });
    render(<VolumesView />, { berth });
    expect(await screen.findByTestId('no-host')).toHaveTextContent('No host is connected.');
  });

  it('merges every host into one table with a sortable Host column; search matches the host', async () => {
    setUp();
    await waitFor(() => expect(rows()).toHaveLength(5));
    const table = screen.getByRole('table', { name: 'Volumes on all hosts' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((header) => header.textContent),
    ).toContain('Host');
    // By name, then host: the two `data` volumes stay apart.
    expect(shown()).toEqual(['rig/busy', 'Local/cache', 'Local/data', 'rig/data', 'rig/logs']);
    expect(screen.getByTestId('volumes-count')).toHaveTextContent('5 volumes on 2 hosts');

    fireEvent.click(screen.getByRole('button', { name: 'Host' }));
    expect(shown()).toEqual(['Local/cache', 'Local/data', 'rig/busy', 'rig/data', 'rig/logs']);
    fireEvent.click(screen.getByRole('button', { name: 'Host' }));
    expect(shown()).toEqual(['rig/busy', 'rig/data', 'rig/logs', 'Local/cache', 'Local/data']);

    fireEvent.change(screen.getByRole('textbox', { name: 'Search volumes' }), {
      target: { value: 'rig' },
    });
    expect(shown()).toEqual(['rig/busy', 'rig/data', 'rig/logs']);
    fireEvent.change(screen.getByRole('textbox', { name: 'Search volumes' }), { target: { value: '' } });
    fireEvent.click(screen.getByRole('radio', { name: 'In use' }));
    expect(shown()).toEqual(['rig/busy']);
  });

  it('removes a selection spanning hosts with one request per host, reporting refusals with their host', async () => {
    const { berth } = setUp();
    await waitFor(() => expect(rows()).toHaveLength(5));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select data on Local' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select busy on rig' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select logs on rig' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove 3' }));
    const modal = await screen.findByTestId('remove-volumes-modal');
    expect(modal).toHaveTextContent('data on Local');
    expect(within(modal).getByTestId('remove-volumes-in-use')).toHaveTextContent(
      'busy on rig is used by web',
    );
    fireEvent.click(within(modal).getByRole('button', { name: 'Remove' }));

    await waitFor(() => expect(shown()).toEqual(['rig/busy', 'Local/cache', 'rig/data']));
    expect(berth.callsTo(IpcChannel.VolumesRemove)).toEqual([
      [{ engineId: 'local', names: ['data'] }],
      [{ engineId: 'context:rig', names: ['busy', 'logs'] }],
    ]);
    expect(berth.resources.volumesOf('local').map((volume) => volume.name)).toEqual(['cache']);
    expect(berth.resources.volumesOf('context:rig').map((volume) => volume.name)).toEqual(['data', 'busy']);
    expect(await screen.findByTestId('error-notification')).toHaveTextContent(
      'Could not remove volume busy on rig',
    );
  });

  it('selects every shown row across hosts at once', async () => {
    setUp();
    await waitFor(() => expect(rows()).toHaveLength(5));
    fireEvent.change(screen.getByRole('textbox', { name: 'Search volumes' }), { target: { value: 'data' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select all shown volumes' }));
    expect(screen.getByRole('button', { name: 'Remove 5' })).toBeEnabled();
    fireEvent.change(screen.getByRole('textbox', { name: 'Search volumes' }), { target: { value: 'rig' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select all shown volumes' }));
    // Unchecks the rig's three; Local's two stay checked.
    expect(screen.getByRole('button', { name: 'Remove 2' })).toBeEnabled();
  });

  it('opens the details of the row’s own host, from a click and from a route', async () => {
    const { stores } = setUp();
    await waitFor(() => expect(rows()).toHaveLength(5));
    fireEvent.click(rowOf('context:rig', 'data'));
    await waitFor(() =>
      expect(stores?.navigation.getSnapshot().route).toEqual({
        page: 'volumes',
        detail: { kind: 'volume', engineId: 'context:rig', id: 'data' },
      }),
    );
    const details = await screen.findByTestId('volume-details');
    expect(within(details).getByTestId('details-host')).toHaveTextContent('rig');
    expect(rowOf('context:rig', 'data')).toHaveAttribute('data-selected', 'true');
    expect(rowOf('local', 'data')).not.toHaveAttribute('data-selected');

    fireEvent.keyDown(details, { key: 'Escape' });
    await waitFor(() => expect(stores?.navigation.getSnapshot().route).toEqual({ page: 'volumes' }));

    openRoute(stores, { page: 'volumes', detail: { kind: 'volume', engineId: 'local', id: 'cache' } });
    expect(await screen.findByTestId('details-host')).toHaveTextContent('Local');
    expect(screen.getByTestId('volume-details')).toHaveTextContent('/var/lib/docker/volumes/cache/_data');
  });

  it('creates and prunes on the host picked in the dialog, the active host by default', async () => {
    const { berth } = setUp();
    await waitFor(() => expect(rows()).toHaveLength(5));
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    const create = within(await screen.findByTestId('create-volume-modal'));
    const picker = create.getByRole('combobox', { name: 'On host' });
    expect(picker).toHaveValue('local');
    fireEvent.change(picker, { target: { value: 'context:rig' } });
    fireEvent.change(create.getByRole('textbox', { name: 'Name' }), { target: { value: 'fresh' } });
    fireEvent.click(create.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(rowOf('context:rig', 'fresh')).toBeInTheDocument());
    expect(berth.callsTo(IpcChannel.VolumesCreate)[0]?.[0]).toMatchObject({
      engineId: 'context:rig',
      name: 'fresh',
    });
    fireEvent.keyDown(await screen.findByTestId('volume-details'), { key: 'Escape' });

    fireEvent.click(screen.getByRole('button', { name: 'Prune unused' }));
    const prune = within(await screen.findByTestId('prune-volumes-modal'));
    expect(await prune.findByTestId('prune-volumes-preview')).toHaveTextContent('cache');
    expect(prune.getByTestId('prune-volumes-preview')).not.toHaveTextContent('logs');
    fireEvent.change(prune.getByRole('combobox', { name: 'On host' }), { target: { value: 'context:rig' } });
    await waitFor(() => expect(prune.getByTestId('prune-volumes-preview')).toHaveTextContent('logs'));
    fireEvent.click(prune.getByRole('button', { name: 'Prune' }));
    expect(await prune.findByTestId('prune-volumes-result')).toHaveTextContent('Pruned on rig');
    expect(berth.callsTo(IpcChannel.VolumesPrune)).toEqual([['context:rig']]);
    expect(berth.resources.volumesOf('local').map((volume) => volume.name)).toEqual(['data', 'cache']);
  });
});
