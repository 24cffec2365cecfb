import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { ErrorCode, IpcChannel } from '../../../../electron/common';
import { HostSwitcher } from '../../../../renderer/components/HostSwitcher/HostSwitcher';
import { ContainersView } from '../../../../renderer/features/containers/ContainersView';
import { render } from '../../render';
import { makeContainer } from '../../support/fixtures';
import { twoHosts } from '../../support/two-hosts';

const shop = { 'com.docker.compose.project': 'shop' };
const web = makeContainer({ name: 'web', state: 'running', status: 'Up 1 minute', labels: shop });
const db = makeContainer({ name: 'db', state: 'exited' });
const remoteJob = makeContainer({
  engineId: 'context:rig',
  name: 'remote-job',
  state: 'running',
  status: 'Up 2 minutes',
});
const remoteWeb = makeContainer({ engineId: 'context:rig', name: 'web', state: 'running', labels: shop });

function setUp({ allHosts = false } = {}) {
  const berth = twoHosts();
  berth.settings = { ...berth.settings, allHosts };
  berth.seed('local', [web, db]);
  berth.seed('context:rig', [remoteJob, remoteWeb]);
  const { stores } = render(
    <>
      <HostSwitcher />
      <ContainersView />
    </>,
    { berth },
  );
  if (stores === undefined) throw new Error('no stores');
  return { berth, stores };
}

const rows = () => screen.queryAllByTestId('container-row');
const rowOf = (name: string, engineId: string): HTMLElement => {
  const row = rows().find(
    (candidate) =>
      candidate.getAttribute('data-engine-id') === engineId &&
      within(candidate).queryByRole('button', { name }) !== null,
  );
  if (row === undefined) throw new Error(`no row for ${name} on ${engineId}`);
  return row;
};
const shown = () =>
  rows()
    .map(
      (row) =>
        `${row.querySelector('[data-column="name"]')?.textContent ?? ''}@${row.getAttribute('data-engine-id') ?? ''}`,
    )
    .sort();

async function allHostsTable() {
  const table = await screen.findByRole('table', { name: 'Containers on all hosts' });
  await waitFor(() => expect(within(table).getAllByTestId('container-row')).toHaveLength(4));
  return table;
}

describe('Containers: one host', () => {
  it('the switcher lists every host; one host shows its own containers only, without a Host column', async () => {
    setUp();
    const switcher = await screen.findByRole('combobox', { name: 'Host' });
    await waitFor(() =>
      expect([...(switcher as HTMLSelectElement).options].map((option) => option.value)).toEqual([
        'all',
        'local',
        'context:rig',
      ]),
    );
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(screen.getByRole('table', { name: 'Containers' })).toBeInTheDocument();
    expect(screen.queryByRole('columnheader', { name: 'Host' })).not.toBeInTheDocument();
    expect(shown()).toEqual(['db@local', 'web@local']);

    fireEvent.change(switcher, { target: { value: 'context:rig' } });
    await waitFor(() => expect(shown()).toEqual(['remote-job@context:rig', 'web@context:rig']));
  });
});

describe('Containers: All hosts', () => {
  it('is the full page over every host: one table with a Host column, and the switch is a setting', async () => {
    const { berth } = setUp();
    fireEvent.change(await screen.findByRole('combobox', { name: 'Host' }), { target: { value: 'all' } });
    const table = await allHostsTable();
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((header) => header.textContent),
    ).toContain('Host');
    expect(within(rowOf('remote-job', 'context:rig')).getByText('rig')).toHaveAttribute(
      'data-column',
      'host',
    );
    expect(within(rowOf('db', 'local')).getByText('Local')).toHaveAttribute('data-column', 'host');
    expect(screen.getByTestId('containers-count')).toHaveTextContent('4 containers on 2 hosts');
    // The full page's tools are there.
    expect(screen.getByRole('textbox', { name: 'Search containers' })).toBeInTheDocument();
    expect(screen.getByRole('radiogroup', { name: 'Show containers by state' })).toBeInTheDocument();
    expect(berth.settings).toMatchObject({ allHosts: true });
  });

  it('groups a Compose project per host, each group labelled with its host', async () => {
    setUp({ allHosts: true });
    await allHostsTable();
    const groups = screen.getAllByTestId('project-row');
    expect(
      groups.map((row) => [row.getAttribute('data-project'), row.getAttribute('data-engine-id')]),
    ).toEqual([
      ['shop', 'local'],
      ['shop', 'context:rig'],
    ]);
    expect(groups[1]).toHaveTextContent('Compose on rig');
    fireEvent.click(screen.getByRole('button', { name: 'Hide the containers of shop on rig' }));
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(shown()).toEqual(['db@local', 'remote-job@context:rig', 'web@local']);
  });

  it('searches and filters across hosts; the search matches host names', async () => {
    setUp({ allHosts: true });
    await allHostsTable();
    const search = screen.getByRole('textbox', { name: 'Search containers' });
    fireEvent.change(search, { target: { value: 'web' } });
    await waitFor(() => expect(shown()).toEqual(['web@context:rig', 'web@local']));
    fireEvent.change(search, { target: { value: 'rig' } });
    await waitFor(() => expect(shown()).toEqual(['remote-job@context:rig', 'web@context:rig']));
    fireEvent.change(search, { target: { value: '' } });
    fireEvent.click(screen.getByRole('radio', { name: 'Stopped' }));
    await waitFor(() => expect(shown()).toEqual(['db@local']));
    fireEvent.click(screen.getByRole('radio', { name: 'Running' }));
    await waitFor(() => expect(shown()).toEqual(['remote-job@context:rig', 'web@context:rig', 'web@local']));
  });

  it('sorts by host', async () => {
    setUp({ allHosts: true });
    await allHostsTable();
    fireEvent.click(screen.getByRole('switch', { name: 'Group by Compose project' }));
    fireEvent.click(screen.getByRole('button', { name: 'Host' }));
    const hosts = () => rows().map((row) => row.getAttribute('data-engine-id'));
    await waitFor(() => expect(hosts()).toEqual(['local', 'local', 'context:rig', 'context:rig']));
    expect(screen.getByRole('columnheader', { name: /Host/ })).toHaveAttribute('aria-sort', 'ascending');
    fireEvent.click(screen.getByRole('button', { name: 'Host' }));
    await waitFor(() => expect(hosts()).toEqual(['context:rig', 'context:rig', 'local', 'local']));
  });

  it('sends a row’s own actions to its host', async () => {
    const { berth } = setUp({ allHosts: true });
    await allHostsTable();
    fireEvent.click(screen.getByRole('button', { name: 'Stop remote-job on rig' }));
    await waitFor(() => expect(berth.callsTo(IpcChannel.ContainersStop)).toHaveLength(1));
    expect(berth.callsTo(IpcChannel.ContainersStop)[0]?.[0]).toMatchObject({ engineId: 'context:rig' });
    await waitFor(() => expect(rowOf('remote-job', 'context:rig')).toHaveAttribute('data-state', 'exited'));
    expect(rowOf('web', 'local')).toHaveAttribute('data-state', 'running');

    // The menu of a row acts on that row's host too.
    fireEvent.click(screen.getByRole('button', { name: 'More actions for web on rig' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Restart' }));
    await waitFor(() =>
      expect(berth.callsTo(IpcChannel.ContainersRestart)).toEqual([
        [{ engineId: 'context:rig', id: remoteWeb.id }],
      ]),
    );
  });

  it('removes one container on its host after a confirmation naming that host', async () => {
    const { berth } = setUp({ allHosts: true });
    await allHostsTable();
    fireEvent.click(screen.getByRole('button', { name: 'Remove web on rig' }));
    const modal = await screen.findByTestId('remove-container-modal');
    expect(modal).toHaveTextContent('Remove container web on rig?');
    fireEvent.click(within(modal).getByRole('button', { name: 'Force remove' }));
    await waitFor(() =>
      expect(berth.callsTo(IpcChannel.ContainersRemove)).toEqual([
        [{ engineId: 'context:rig', id: remoteWeb.id, force: true, removeVolumes: false }],
      ]),
    );
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(rowOf('web', 'local')).toBeInTheDocument();
  });

  it('renames a container on its own host, from a dialog naming that host', async () => {
    const { berth } = setUp({ allHosts: true });
    await allHostsTable();
    fireEvent.click(screen.getByRole('button', { name: 'More actions for web on rig' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Rename…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rename web on rig' });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'New name' }), {
      target: { value: 'front' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Rename' }));
    await waitFor(() =>
      expect(berth.callsTo(IpcChannel.ContainersRename)).toEqual([
        [{ engineId: 'context:rig', id: remoteWeb.id, name: 'front' }],
      ]),
    );
    await waitFor(() => expect(rowOf('front', 'context:rig')).toBeInTheDocument());
    expect(rowOf('web', 'local')).toBeInTheDocument();
  });

  it('acts on a selection spanning both hosts, each container on its own host, failures in one notification', async () => {
    const { berth } = setUp({ allHosts: true });
    await allHostsTable();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select web on Local' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select web on rig' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select remote-job on rig' }));
    expect(screen.getByTestId('selected-count')).toHaveTextContent('3 containers selected on 2 hosts');

    berth.failNext(IpcChannel.ContainersStop, { code: ErrorCode.Conflict, message: 'it will not stop' });
    fireEvent.click(within(screen.getByTestId('bulk-bar')).getByRole('button', { name: 'Stop' }));
    const notification = await screen.findByTestId('error-notification');
    expect(notification).toHaveTextContent('Could not stop 1 of 3 containers');
    expect(notification).toHaveTextContent(/on (Local|rig): it will not stop/);
    expect(screen.getAllByTestId('error-notification')).toHaveLength(1);
    const stopped = berth.callsTo(IpcChannel.ContainersStop).map(([ref]) => ref);
    expect(stopped).toHaveLength(3);
    expect(stopped).toEqual(
      expect.arrayContaining([
        { engineId: 'local', id: web.id },
        { engineId: 'context:rig', id: remoteWeb.id },
        { engineId: 'context:rig', id: remoteJob.id },
      ]),
    );
  });

  it('removes a selection on both hosts after one confirmation naming each host', async () => {
    const { berth } = setUp({ allHosts: true });
    await allHostsTable();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select db on Local' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select remote-job on rig' }));
    fireEvent.click(within(screen.getByTestId('bulk-bar')).getByRole('button', { name: 'Remove…' }));
    const dialog = await screen.findByTestId('confirm-modal');
    expect(
      within(screen.getByTestId('confirm-names'))
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['db on Local', 'remote-job on rig']);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove 2 containers' }));
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(berth.callsTo(IpcChannel.ContainersRemove).map(([ref]) => ref)).toEqual(
      expect.arrayContaining([
        { engineId: 'local', id: db.id, force: true, removeVolumes: false },
        { engineId: 'context:rig', id: remoteJob.id, force: true, removeVolumes: false },
      ]),
    );
    expect(screen.queryByTestId('bulk-bar')).not.toBeInTheDocument();
  });

  it('samples CPU and memory per host for the running rows on screen, and shows each host’s samples', async () => {
    const { berth } = setUp({ allHosts: true });
    await allHostsTable();
    const lastWatch = (engineId: string) =>
      berth
        .callsTo(IpcChannel.ContainersWatchStats)
        .map(([request]) => request as { engineId: string; ids: string[] })
        .filter((request) => request.engineId === engineId)
        .at(-1);
    await waitFor(() => expect(lastWatch('local')?.ids).toEqual([web.id]));
    await waitFor(() =>
      expect(lastWatch('context:rig')?.ids.sort()).toEqual([remoteJob.id, remoteWeb.id].sort()),
    );

    act(() =>
      berth.emit('containers:statsSampled', {
        engineId: 'context:rig',
        samples: [{ id: remoteWeb.id, cpuPercent: 7, memoryBytes: 1_000_000, sampledAt: 1 }],
      }),
    );
    expect(within(rowOf('web', 'context:rig')).getByTestId('cpu')).toHaveTextContent('7.00%');
    expect(within(rowOf('web', 'local')).getByTestId('cpu')).toHaveTextContent('—');
  });

  it('opens a row’s details on its own host', async () => {
    const { stores } = setUp({ allHosts: true });
    await allHostsTable();
    fireEvent.click(within(rowOf('web', 'context:rig')).getByRole('button', { name: 'web' }));
    expect(stores.navigation.getSnapshot().route).toMatchObject({
      page: 'containers',
      detail: { kind: 'container', engineId: 'context:rig', id: remoteWeb.id },
    });
  });

  it('runs a container on the host picked in the Run dialog (the active one first)', async () => {
    const { berth } = setUp({ allHosts: true });
    await allHostsTable();
    fireEvent.click(screen.getByRole('button', { name: 'Run a container…' }));
    const dialog = await screen.findByTestId('run-dialog');
    const host = within(dialog).getByRole('combobox', { name: 'On host' });
    expect(host).toHaveValue('local');
    fireEvent.change(host, { target: { value: 'context:rig' } });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Image/ }), {
      target: { value: 'redis:7' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(berth.callsTo(IpcChannel.ContainersRun)).toHaveLength(1));
    expect(berth.callsTo(IpcChannel.ContainersRun)[0]?.[0]).toMatchObject({
      engineId: 'context:rig',
      image: 'redis:7',
    });
  });

  it('opens the Run dialog of an image on the image’s host', async () => {
    const { stores } = setUp({ allHosts: true });
    await allHostsTable();
    act(() =>
      stores.navigation.navigate({
        page: 'containers',
        runImage: { engineId: 'context:rig', reference: 'redis:7' },
      }),
    );
    const dialog = await screen.findByTestId('run-dialog');
    expect(within(dialog).getByRole('combobox', { name: 'On host' })).toHaveValue('context:rig');
    expect(within(dialog).getByRole('textbox', { name: /Image/ })).toHaveValue('redis:7');
    expect(stores.navigation.getSnapshot().route).toEqual({ page: 'containers' });
  });

  it('keeps an unreachable host’s last list, dimmed and without actions, while the other host works', async () => {
    const { berth } = setUp({ allHosts: true });
    await allHostsTable();
    act(() => {
      berth.setStatus('context:rig', { state: 'unreachable', lastError: 'ssh: connection reset' });
    });
    expect(await screen.findByTestId('engine-unreachable')).toHaveTextContent('rig: ssh: connection reset');
    await waitFor(() =>
      expect(
        within(rowOf('remote-job', 'context:rig')).getByRole('button', { name: 'Stop remote-job on rig' }),
      ).toBeDisabled(),
    );
    expect(within(rowOf('web', 'local')).getByRole('button', { name: 'Stop web on Local' })).toBeEnabled();
  });
});
