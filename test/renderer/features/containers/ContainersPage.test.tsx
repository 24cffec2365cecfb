import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { type ContainerSummary, ErrorCode, IpcChannel } from '../../../../electron/common';
import { ContainersPage } from '../../../../renderer/features/containers/ContainersPage';
import { render } from '../../render';
import { FakeBerth } from '../../support/fake-bridge';
import { makeContainer, makeEngine } from '../../support/fixtures';

function renderPage(containers: ContainerSummary[], berth = new FakeBerth()) {
  berth.seed('local', containers);
  const result = render(<ContainersPage engineId="local" />, { berth });
  return { berth, ...result };
}

const rows = () => screen.queryAllByTestId('container-row');
const rowOf = (name: string) => {
  const row = rows().find((candidate) => candidate.querySelector('[data-column=name]')?.textContent === name);
  if (row === undefined) throw new Error(`no row for ${name}`);
  return row;
};

describe('ContainersPage', () => {
  it('shows a loading state, then one row per container with its columns', async () => {
    const berth = new FakeBerth();
    const gate = berth.hold(IpcChannel.ContainersList);
    const web = makeContainer({
      name: 'web',
      image: 'nginx:1.27',
      state: 'running',
      status: 'Up 5 minutes',
      created: Date.now() - 10 * 60_000,
      ports: [{ privatePort: 80, protocol: 'tcp', publicPort: 8080, hostIp: '0.0.0.0' }],
    });
    const job = makeContainer({ name: 'job', image: `sha256:${'c'.repeat(64)}`, state: 'exited' });
    renderPage([web, job], berth);

    expect(screen.getByTestId('containers-loading')).toHaveTextContent('Loading containers…');
    await gate.waitingFor(1);
    gate.release();

    await waitFor(() => expect(rows()).toHaveLength(2));
    const webRow = rowOf('web');
    expect(webRow).toHaveAttribute('data-container-id', web.id);
    expect(webRow).toHaveAttribute('data-state', 'running');
    expect(webRow).toHaveTextContent('nginx:1.27');
    expect(webRow).toHaveTextContent('Up 5 minutes');
    expect(webRow).toHaveTextContent('0.0.0.0:8080→80/tcp');
    expect(webRow).toHaveTextContent('10 minutes ago');
    expect(rowOf('job')).toHaveTextContent('cccccccccccc');
    expect(rowOf('job')).toHaveAttribute('data-state', 'exited');
    expect(screen.getByTestId('containers-count')).toHaveTextContent('2 containers on local');
    expect(screen.queryByTestId('containers-loading')).not.toBeInTheDocument();
  });

  it('says so when the engine has no containers', async () => {
    renderPage([]);
    expect(await screen.findByText('No containers on this engine yet')).toBeVisible();
    expect(rows()).toHaveLength(0);
  });

  it('enables Start only for stopped containers and Stop only for running ones', async () => {
    renderPage([
      makeContainer({ name: 'web', state: 'running' }),
      makeContainer({ name: 'job', state: 'exited' }),
    ]);
    await screen.findByRole('button', { name: 'Start web' });

    expect(screen.getByRole('button', { name: 'Start web' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Stop web' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Start job' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Stop job' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Remove web' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Remove job' })).toBeEnabled();
  });

  it('starts a container by its full id, disables its buttons meanwhile, and shows the new state', async () => {
    const job = makeContainer({ name: 'job', state: 'exited' });
    const { berth } = renderPage([job]);
    const start = await screen.findByRole('button', { name: 'Start job' });
    const gate = berth.hold(IpcChannel.ContainersStart);

    fireEvent.click(start);

    await gate.waitingFor(1);
    expect(rowOf('job')).toHaveAttribute('data-pending', 'starting');
    expect(screen.getByRole('button', { name: 'Start job' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Remove job' })).toBeDisabled();
    gate.release();

    await waitFor(() => expect(rowOf('job')).toHaveAttribute('data-state', 'running'));
    expect(rowOf('job')).not.toHaveAttribute('data-pending');
    expect(screen.getByRole('button', { name: 'Stop job' })).toBeEnabled();
    expect(berth.callsTo(IpcChannel.ContainersStart)).toEqual([[{ engineId: 'local', id: job.id }]]);
  });

  it('stops a running container', async () => {
    const web = makeContainer({ name: 'web', state: 'running' });
    const { berth } = renderPage([web]);
    fireEvent.click(await screen.findByRole('button', { name: 'Stop web' }));
    await waitFor(() => expect(rowOf('web')).toHaveAttribute('data-state', 'exited'));
    expect(berth.callsTo(IpcChannel.ContainersStop)).toEqual([[{ engineId: 'local', id: web.id }]]);
  });

  it('shows a failed action as a notification with the error message and code', async () => {
    const web = makeContainer({ name: 'web', state: 'running' });
    const { berth } = renderPage([web]);
    berth.failNext(IpcChannel.ContainersStop, {
      code: ErrorCode.Conflict,
      message: 'Container web is restarting, wait until the container is running.',
    });

    fireEvent.click(await screen.findByRole('button', { name: 'Stop web' }));

    const notification = await screen.findByTestId('error-notification');
    expect(notification).toHaveTextContent('Could not stop web');
    expect(notification).toHaveTextContent(
      'Container web is restarting, wait until the container is running.',
    );
    expect(notification).toHaveAttribute('data-error-code', 'CONFLICT');
    expect(rowOf('web')).toHaveAttribute('data-state', 'running');
    expect(screen.getByRole('button', { name: 'Stop web' })).toBeEnabled();
  });

  it('asks before removing, and cancelling removes nothing', async () => {
    const job = makeContainer({ name: 'job', state: 'exited' });
    const { berth } = renderPage([job]);

    fireEvent.click(await screen.findByRole('button', { name: 'Remove job' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Remove container job?');
    expect(dialog).toHaveTextContent('deletes everything written inside it that is not on a volume');
    expect(within(dialog).queryByText(/killed/)).not.toBeInTheDocument();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(berth.callsTo(IpcChannel.ContainersRemove)).toEqual([]);
    expect(rows()).toHaveLength(1);
  });

  it('removes a stopped container after confirmation', async () => {
    const job = makeContainer({ name: 'job', state: 'exited' });
    const { berth } = renderPage([job, makeContainer({ name: 'other' })]);

    fireEvent.click(await screen.findByRole('button', { name: 'Remove job' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Also remove its anonymous volumes' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));

    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(screen.queryByText('job')).not.toBeInTheDocument();
    expect(berth.callsTo(IpcChannel.ContainersRemove)).toEqual([
      [{ engineId: 'local', id: job.id, force: false, removeVolumes: true }],
    ]);
  });

  it('force-removes a running container and says it will be killed', async () => {
    const web = makeContainer({ name: 'web', state: 'running' });
    const { berth } = renderPage([web]);

    fireEvent.click(await screen.findByRole('button', { name: 'Remove web' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('web is running');
    expect(dialog).toHaveTextContent('killed without a graceful stop');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Force remove' }));

    await waitFor(() => expect(rows()).toHaveLength(0));
    expect(berth.callsTo(IpcChannel.ContainersRemove)).toEqual([
      [{ engineId: 'local', id: web.id, force: true, removeVolumes: false }],
    ]);
  });

  it('follows containers:changed pushed by main', async () => {
    const { berth } = renderPage([makeContainer({ name: 'web', state: 'exited' })]);
    await screen.findByText('web');

    const added = makeContainer({ name: 'fresh', state: 'created', status: 'Created' });
    berth.upsert('local', added);

    await waitFor(() => expect(rowOf('fresh')).toHaveAttribute('data-state', 'created'));
    expect(rows()).toHaveLength(2);
  });

  it('renders hostile names and labels as text', async () => {
    const payload = '<img src=x onerror="window.__pwned=1">';
    renderPage([makeContainer({ name: payload, image: '"><svg onload=alert(1)>', labels: { x: payload } })]);
    const row = await screen.findByTestId('container-row');
    expect(row).toHaveTextContent(payload);
    expect(row.querySelector('img, svg[onload]')).toBeNull();
    expect(screen.getByRole('button', { name: `Start ${payload}` })).toBeInTheDocument();
  });

  it('sorts by a column header and says so with aria-sort', async () => {
    renderPage([
      makeContainer({ name: 'b', created: 2 }),
      makeContainer({ name: 'a', created: 1 }),
      makeContainer({ name: 'c', created: 3 }),
    ]);
    await screen.findByText('a');
    const names = () => rows().map((row) => row.querySelector('[data-column=name]')?.textContent);
    expect(names()).toEqual(['a', 'b', 'c']);

    fireEvent.click(screen.getByRole('button', { name: 'Created' }));
    expect(names()).toEqual(['a', 'b', 'c']);
    expect(screen.getByRole('columnheader', { name: 'Created' })).toHaveAttribute('aria-sort', 'ascending');

    fireEvent.click(screen.getByRole('button', { name: 'Created' }));
    expect(names()).toEqual(['c', 'b', 'a']);
    expect(screen.getByRole('columnheader', { name: 'Created' })).toHaveAttribute('aria-sort', 'descending');
  });

  it('mounts a screenful of rows, not 5,000', async () => {
    const many = Array.from({ length: 5000 }, (_, index) =>
      makeContainer({ name: `c-${String(index).padStart(4, '0')}` }),
    );
    renderPage(many);

    await screen.findByText('c-0000');
    expect(screen.getByTestId('containers-count')).toHaveTextContent('5000 containers');
    const mounted = rows().length;
    expect(mounted).toBeGreaterThan(0);
    expect(mounted).toBeLessThanOrEqual(150);
    expect(screen.getByRole('table', { name: 'Containers' })).toHaveAttribute('aria-rowcount', '5001');
    expect(screen.queryByText('c-4999')).not.toBeInTheDocument();
  });
});

describe('ContainersPage when the engine is unreachable', () => {
  const reason =
    'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?';

  it('shows the reason and no list when it never had one', async () => {
    const berth = new FakeBerth([
      makeEngine({ status: { state: 'unreachable', since: 1, lastError: reason } }),
    ]);
    renderPage([makeContainer({ name: 'web' })], berth);

    const banner = await screen.findByTestId('engine-unreachable');
    expect(banner).toHaveTextContent('Can’t reach local');
    expect(banner).toHaveTextContent(reason);
    expect(await screen.findByTestId('containers-unavailable')).toBeVisible();
    expect(rows()).toHaveLength(0);

    berth.setStatus('local', { state: 'connected' });

    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(screen.queryByTestId('engine-unreachable')).not.toBeInTheDocument();
  });

  it('keeps the last known list, marked stale, with actions disabled', async () => {
    const { berth } = renderPage([makeContainer({ name: 'web', state: 'running' })]);
    await screen.findByText('web');

    berth.setStatus('local', { state: 'unreachable', lastError: reason });

    const banner = await screen.findByTestId('engine-unreachable');
    expect(banner).toHaveTextContent(reason);
    expect(screen.getByTestId('containers-stale')).toHaveTextContent('Showing the last known list');
    expect(screen.getByTestId('container-table')).toHaveAttribute('data-stale', 'true');
    expect(rowOf('web')).toHaveAttribute('data-state', 'running');
    expect(screen.getByRole('button', { name: 'Stop web' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Remove web' })).toBeDisabled();

    fireEvent.click(within(banner).getByRole('button', { name: 'Reconnect now' }));
    await waitFor(() => expect(berth.callsTo(IpcChannel.EnginesReconnect)).toEqual([['local']]));

    berth.setStatus('local', { state: 'connected' });
    await waitFor(() => expect(screen.queryByTestId('engine-unreachable')).not.toBeInTheDocument());
    expect(screen.getByTestId('container-table')).not.toHaveAttribute('data-stale');
    expect(screen.getByRole('button', { name: 'Stop web' })).toBeEnabled();
  });
});
