import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { type ContainerSummary, ErrorCode, IpcChannel } from '../../../../electron/common';
import { ContainersPage } from '../../../../renderer/features/containers/ContainersPage';
import { render } from '../../render';
import { FakeBerth } from '../../support/fake-bridge';
import { makeContainer } from '../../support/fixtures';

function renderPage(containers: ContainerSummary[], berth = new FakeBerth()) {
  berth.seed('local', containers);
  const result = render(<ContainersPage engineId="local" />, { berth });
  const stores = result.stores;
  if (stores === undefined) throw new Error('no stores');
  return { berth, stores, ...result };
}

const rows = () => screen.queryAllByTestId('container-row');
const names = () => rows().map((row) => row.querySelector('[data-column=name]')?.textContent);
const rowOf = (name: string) => {
  const row = rows().find((candidate) => candidate.querySelector('[data-column=name]')?.textContent === name);
  if (row === undefined) throw new Error(`no row for ${name}`);
  return row;
};
const project = (name: string) => ({ 'com.docker.compose.project': name });

/** Opens a row's "More actions" menu and clicks an item. */
async function menuAction(name: string, item: string) {
  fireEvent.click(screen.getByRole('button', { name: `More actions for ${name}` }));
  fireEvent.click(await screen.findByRole('menuitem', { name: item }));
}

describe('ContainersPage: filter, search, sort', () => {
  it('filters by state and searches name, image, id and labels', async () => {
    renderPage([
      makeContainer({ name: 'web', image: 'nginx', state: 'running' }),
      makeContainer({ name: 'db', image: 'postgres', state: 'exited', labels: { tier: 'data' } }),
      makeContainer({ name: 'cache', image: 'redis', state: 'paused' }),
    ]);
    await screen.findByText('web');
    expect(names()).toEqual(['cache', 'db', 'web']);

    fireEvent.click(screen.getByRole('radio', { name: 'Running' }));
    await waitFor(() => expect(names()).toEqual(['cache', 'web']));
    fireEvent.click(screen.getByRole('radio', { name: 'Stopped' }));
    await waitFor(() => expect(names()).toEqual(['db']));
    fireEvent.click(screen.getByRole('radio', { name: 'All' }));

    fireEvent.change(screen.getByRole('textbox', { name: 'Search containers' }), {
      target: { value: 'tier=data' },
    });
    await waitFor(() => expect(names()).toEqual(['db']));
    expect(screen.getByTestId('containers-shown')).toHaveTextContent('1 shown');

    fireEvent.change(screen.getByRole('textbox', { name: 'Search containers' }), {
      target: { value: 'nothing' },
    });
    expect(await screen.findByTestId('containers-no-match')).toHaveTextContent('No container matches');
    fireEvent.click(screen.getByRole('button', { name: 'Show all containers' }));
    await waitFor(() => expect(names()).toEqual(['cache', 'db', 'web']));
  });

  it('focuses the search field on Find (Ctrl/Cmd+F from the app menu)', async () => {
    const { berth } = renderPage([makeContainer({ name: 'web' })]);
    await screen.findByText('web');
    const search = screen.getByRole('textbox', { name: 'Search containers' });
    expect(search).not.toHaveFocus();
    act(() => berth.emit('ui:commandRequested', { command: 'find' }));
    expect(search).toHaveFocus();
  });
});

describe('ContainersPage: Compose projects', () => {
  const shop = [
    makeContainer({ name: 'shop-web', state: 'running', labels: project('shop') }),
    makeContainer({ name: 'shop-db', state: 'running', labels: project('shop') }),
  ];
  const loose = makeContainer({ name: 'tool', state: 'exited' });

  it('groups containers under their project, folds and unfolds it', async () => {
    renderPage([...shop, loose]);
    const heading = await screen.findByTestId('project-row');
    expect(heading).toHaveTextContent('shop');
    expect(heading).toHaveTextContent('2 of 2 running');
    expect(names()).toEqual(['shop-db', 'shop-web', 'tool']);

    fireEvent.click(within(heading).getByRole('button', { name: 'Hide the containers of shop' }));
    await waitFor(() => expect(names()).toEqual(['tool']));
    fireEvent.click(screen.getByRole('button', { name: 'Show the containers of shop' }));
    await waitFor(() => expect(names()).toEqual(['shop-db', 'shop-web', 'tool']));

    fireEvent.click(screen.getByRole('switch', { name: 'Group by Compose project' }));
    await waitFor(() => expect(screen.queryByTestId('project-row')).not.toBeInTheDocument());
  });

  it('stops every container of a project from its row', async () => {
    const { berth } = renderPage([...shop, loose]);
    fireEvent.click(await screen.findByRole('button', { name: 'Actions for project shop' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Stop all' }));
    await waitFor(() => expect(berth.callsTo(IpcChannel.ContainersStop)).toHaveLength(2));
    expect(
      berth
        .callsTo(IpcChannel.ContainersStop)
        .map(([ref]) => (ref as { id: string }).id)
        .sort(),
    ).toEqual(shop.map((item) => item.id).sort());
    await waitFor(() => expect(screen.getByTestId('project-row')).toHaveTextContent('0 of 2 running'));
  });

  it('removes a whole project only after saying what will be lost, force-removing running ones', async () => {
    const { berth } = renderPage([...shop, loose]);
    fireEvent.click(await screen.findByRole('button', { name: 'Actions for project shop' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Remove all…' }));
    const dialog = await screen.findByTestId('confirm-modal');
    expect(dialog).toHaveTextContent('Remove every container of shop?');
    expect(dialog).toHaveTextContent('that is not on a volume');
    expect(dialog).toHaveTextContent('2 running containers are killed first');
    expect(
      within(screen.getByTestId('confirm-names'))
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['shop-db', 'shop-web']);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove 2 containers' }));
    await waitFor(() => expect(names()).toEqual(['tool']));
    expect(berth.callsTo(IpcChannel.ContainersRemove).map(([ref]) => ref)).toEqual(
      expect.arrayContaining(
        shop.map((item) => ({ engineId: 'local', id: item.id, force: true, removeVolumes: false })),
      ),
    );
  });
});

describe('ContainersPage: selection and bulk actions', () => {
  it('selects rows and acts on all of them, reporting failures in one notification', async () => {
    const web = makeContainer({ name: 'web', state: 'running' });
    const api = makeContainer({ name: 'api', state: 'running' });
    const job = makeContainer({ name: 'job', state: 'exited' });
    const { berth } = renderPage([web, api, job]);
    await screen.findByText('web');
    expect(screen.queryByTestId('bulk-bar')).not.toBeInTheDocument();

    fireEvent.click(within(rowOf('web')).getByRole('checkbox', { name: 'Select web' }));
    fireEvent.click(within(rowOf('job')).getByRole('checkbox', { name: 'Select job' }));
    expect(screen.getByTestId('selected-count')).toHaveTextContent('2 containers selected');
    expect(rowOf('web')).toHaveAttribute('aria-selected', 'true');

    berth.failNext(IpcChannel.ContainersRestart, {
      code: ErrorCode.Conflict,
      message: 'Container is restarting',
    });
    fireEvent.click(within(screen.getByTestId('bulk-bar')).getByRole('button', { name: 'Restart' }));
    const notification = await screen.findByTestId('error-notification');
    expect(notification).toHaveTextContent('Could not restart 1 of 2 containers');
    expect(notification).toHaveTextContent(/(web|job): Container is restarting/);
    expect(berth.callsTo(IpcChannel.ContainersRestart)).toHaveLength(2);
    expect(screen.getAllByTestId('error-notification')).toHaveLength(1);
  });

  it('pauses only the running ones of a selection', async () => {
    const web = makeContainer({ name: 'web', state: 'running' });
    const job = makeContainer({ name: 'job', state: 'exited' });
    const { berth } = renderPage([web, job]);
    await screen.findByText('web');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select all shown containers' }));
    expect(screen.getByTestId('selected-count')).toHaveTextContent('2 containers selected');
    fireEvent.click(within(screen.getByTestId('bulk-bar')).getByRole('button', { name: 'Pause' }));
    await waitFor(() => expect(rowOf('web')).toHaveAttribute('data-state', 'paused'));
    expect(berth.callsTo(IpcChannel.ContainersPause)).toEqual([[{ engineId: 'local', id: web.id }]]);
  });

  it('removes a selection after confirmation and clears it', async () => {
    const web = makeContainer({ name: 'web', state: 'running' });
    const job = makeContainer({ name: 'job', state: 'exited' });
    const keep = makeContainer({ name: 'keep', state: 'exited' });
    const { berth } = renderPage([web, job, keep]);
    await screen.findByText('web');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select web' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select job' }));
    fireEvent.click(within(screen.getByTestId('bulk-bar')).getByRole('button', { name: 'Remove…' }));
    const dialog = await screen.findByTestId('confirm-modal');
    expect(dialog).toHaveTextContent('Remove 2 containers?');
    expect(dialog).toHaveTextContent('1 running container is killed first');
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Also remove their anonymous volumes' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove 2 containers' }));
    await waitFor(() => expect(names()).toEqual(['keep']));
    expect(berth.callsTo(IpcChannel.ContainersRemove).map(([ref]) => ref)).toEqual(
      expect.arrayContaining([
        { engineId: 'local', id: web.id, force: true, removeVolumes: true },
        { engineId: 'local', id: job.id, force: true, removeVolumes: true },
      ]),
    );
    await waitFor(() => expect(screen.queryByTestId('bulk-bar')).not.toBeInTheDocument());
  });
});

describe('ContainersPage: row actions', () => {
  it('restarts, pauses and unpauses from the row menu', async () => {
    const web = makeContainer({ name: 'web', state: 'running' });
    const { berth } = renderPage([web]);
    await screen.findByText('web');
    await menuAction('web', 'Pause');
    await waitFor(() => expect(rowOf('web')).toHaveAttribute('data-state', 'paused'));
    await menuAction('web', 'Unpause');
    await waitFor(() => expect(rowOf('web')).toHaveAttribute('data-state', 'running'));
    await menuAction('web', 'Restart');
    await waitFor(() => expect(berth.callsTo(IpcChannel.ContainersRestart)).toHaveLength(1));
  });

  it('kills only after saying what is lost', async () => {
    const web = makeContainer({ name: 'web', state: 'running' });
    const { berth } = renderPage([web]);
    await screen.findByText('web');
    await menuAction('web', 'Kill…');
    const dialog = await screen.findByTestId('confirm-modal');
    expect(dialog).toHaveTextContent('Kill web?');
    expect(dialog).toHaveTextContent('cannot shut down cleanly');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(berth.callsTo(IpcChannel.ContainersKill)).toEqual([]);

    await menuAction('web', 'Kill…');
    fireEvent.click(within(await screen.findByTestId('confirm-modal')).getByRole('button', { name: 'Kill' }));
    await waitFor(() => expect(rowOf('web')).toHaveAttribute('data-state', 'exited'));
    expect(berth.callsTo(IpcChannel.ContainersKill)).toEqual([[{ engineId: 'local', id: web.id }]]);
  });

  it('stops with a chosen timeout', async () => {
    const web = makeContainer({ name: 'web', state: 'running' });
    const { berth } = renderPage([web]);
    await screen.findByText('web');
    await menuAction('web', 'Stop with timeout…');
    const dialog = await screen.findByRole('dialog', { name: 'Stop web' });
    const seconds = within(dialog).getByRole('textbox', { name: 'Seconds to wait before killing it' });
    fireEvent.change(seconds, { target: { value: '' } });
    expect(within(dialog).getByRole('button', { name: 'Stop' })).toBeDisabled();
    fireEvent.change(seconds, { target: { value: '30' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(rowOf('web')).toHaveAttribute('data-state', 'exited'));
    expect(berth.callsTo(IpcChannel.ContainersStop)).toEqual([
      [{ engineId: 'local', id: web.id, timeoutSeconds: 30 }],
    ]);
  });

  it('renames, checking the name first and keeping the dialog open when the name is taken', async () => {
    const web = makeContainer({ name: 'web', state: 'running' });
    const db = makeContainer({ name: 'db', state: 'running' });
    const { berth } = renderPage([web, db]);
    await screen.findByText('web');
    await menuAction('web', 'Rename…');
    const dialog = await screen.findByRole('dialog', { name: 'Rename web' });
    const input = within(dialog).getByRole('textbox', { name: 'New name' });
    fireEvent.change(input, { target: { value: 'x' } });
    expect(within(dialog).getByText(/at least 2 characters/)).toBeVisible();
    expect(within(dialog).getByRole('button', { name: 'Rename' })).toBeDisabled();

    fireEvent.change(input, { target: { value: 'db' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Rename' }));
    expect(await screen.findByTestId('error-notification')).toHaveTextContent(
      'is already in use by container',
    );
    expect(screen.getByRole('dialog', { name: 'Rename web' })).toBeVisible();

    fireEvent.change(input, { target: { value: 'frontend' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Rename' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Rename web' })).not.toBeInTheDocument());
    await waitFor(() => expect(names()).toContain('frontend'));
    expect(berth.callsTo(IpcChannel.ContainersRename).at(-1)).toEqual([
      { engineId: 'local', id: web.id, name: 'frontend' },
    ]);
  });

  it('opens the details, and the logs tab from the menu', async () => {
    const web = makeContainer({ name: 'web', state: 'running' });
    const { stores } = renderPage([web]);
    await screen.findByText('web');
    await menuAction('web', 'Logs');
    expect(stores.navigation.getSnapshot().route).toEqual({
      page: 'containers',
      detail: { kind: 'container', engineId: 'local', id: web.id, tab: 'logs' },
    });
  });
});

describe('ContainersPage: ports and usage', () => {
  it('opens a published TCP port in the system browser through main', async () => {
    const web = makeContainer({
      name: 'web',
      state: 'running',
      ports: [
        { privatePort: 80, protocol: 'tcp', publicPort: 8080, hostIp: '0.0.0.0' },
        { privatePort: 53, protocol: 'udp', publicPort: 5353, hostIp: '0.0.0.0' },
      ],
    });
    const { berth } = renderPage([web]);
    const link = await screen.findByRole('button', { name: 'Open http://localhost:8080/' });
    expect(link).toHaveTextContent('0.0.0.0:8080→80/tcp');
    expect(within(rowOf('web')).getAllByTestId('port-link')).toHaveLength(1);
    fireEvent.click(link);
    await waitFor(() => expect(berth.openedUrls).toEqual(['http://localhost:8080/']));
  });

  it('asks main to sample the running rows on screen and shows CPU and memory from its samples', async () => {
    const web = makeContainer({ name: 'web', state: 'running' });
    const job = makeContainer({ name: 'job', state: 'exited' });
    const { berth } = renderPage([web, job]);
    await screen.findByText('web');
    await waitFor(() =>
      expect(berth.callsTo(IpcChannel.ContainersWatchStats).at(-1)).toEqual([
        { engineId: 'local', ids: [web.id], visible: true },
      ]),
    );
    expect(within(rowOf('web')).getByTestId('cpu')).toHaveTextContent('—');

    act(() =>
      berth.emit('containers:statsSampled', {
        engineId: 'local',
        samples: [
          { id: web.id, cpuPercent: 12.345, memoryBytes: 42_000_000, memoryLimitBytes: 2e9, sampledAt: 1 },
        ],
      }),
    );
    expect(within(rowOf('web')).getByTestId('cpu')).toHaveTextContent('12.35%');
    expect(within(rowOf('web')).getByTestId('memory')).toHaveTextContent('42MB');
    expect(within(rowOf('job')).getByTestId('cpu')).toHaveTextContent('—');
  });

  it('tells main nothing is on screen when the list goes away', async () => {
    const web = makeContainer({ name: 'web', state: 'running' });
    const { berth, unmount } = renderPage([web]);
    await screen.findByText('web');
    await waitFor(() => expect(berth.callsTo(IpcChannel.ContainersWatchStats)).toHaveLength(1));
    unmount();
    await waitFor(() =>
      expect(berth.callsTo(IpcChannel.ContainersWatchStats).at(-1)).toEqual([
        { engineId: 'local', ids: [], visible: true },
      ]),
    );
  });
});
