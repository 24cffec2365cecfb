import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { IpcChannel, type VolumeSummary } from '../../../../electron/common';
import { VolumesPage } from '../../../../renderer/features/volumes/VolumesPage';
import { render } from '../../render';
import { FakeBerth } from '../../support/fake-bridge';
import { FakeResources } from '../../support/fake-resources';
import { makeEntry, makeVolume } from '../../support/resource-fixtures';

function renderPage(volumes: VolumeSummary[], berth = new FakeBerth()) {
  berth.resources.seedVolumes('local', volumes);
  const result = render(<VolumesPage engineId="local" />, { berth });
  return { berth, ...result };
}

const rows = () => screen.queryAllByTestId('volume-row');
const rowOf = (name: string) => {
  const row = rows().find((candidate) => candidate.getAttribute('data-name') === name);
  if (row === undefined) throw new Error(`no row for ${name}`);
  return row;
};
const names = () => rows().map((row) => row.getAttribute('data-name'));

const web = {
  id: 'c'.repeat(64),
  name: 'web',
  state: 'running' as const,
  destination: '/data',
  readOnly: false,
};
const job = {
  id: 'd'.repeat(64),
  name: 'job',
  state: 'exited' as const,
  destination: '/work',
  readOnly: true,
};

describe('VolumesPage', () => {
  it('lists every volume with driver, users, mountpoint and labels, and counts them', async () => {
    renderPage([
      makeVolume({ name: 'data', usedBy: [web, job], labels: { tier: 'db' } }),
      makeVolume({ name: 'cache' }),
      makeVolume({ name: 'f'.repeat(64), anonymous: true }),
    ]);
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(names()).toEqual(['cache', 'data', 'f'.repeat(64)]);
    const data = rowOf('data');
    expect(data).toHaveTextContent('web (running), job');
    expect(data).toHaveTextContent('/var/lib/docker/volumes/data/_data');
    expect(data).toHaveTextContent('1 label');
    expect(rowOf('cache')).toHaveTextContent('unused');
    expect(rowOf('f'.repeat(64))).toHaveTextContent('ffffffffffffanonymous');
    expect(screen.getByTestId('volumes-count')).toHaveTextContent('3 volumes on local');
  });

  it('filters by usage and search, and sorts by column', async () => {
    renderPage([
      makeVolume({ name: 'alpha', usedBy: [web] }),
      makeVolume({ name: 'beta' }),
      makeVolume({ name: 'gamma', labels: { project: 'shop' } }),
    ]);
    await waitFor(() => expect(rows()).toHaveLength(3));

    fireEvent.click(screen.getByRole('radio', { name: 'Unused' }));
    expect(names()).toEqual(['beta', 'gamma']);
    fireEvent.click(screen.getByRole('radio', { name: 'In use' }));
    expect(names()).toEqual(['alpha']);
    fireEvent.click(screen.getByRole('radio', { name: 'All' }));

    fireEvent.change(screen.getByRole('textbox', { name: 'Search volumes' }), { target: { value: 'shop' } });
    expect(names()).toEqual(['gamma']);
    fireEvent.change(screen.getByRole('textbox', { name: 'Search volumes' }), {
      target: { value: 'nothing-like-it' },
    });
    expect(screen.getByTestId('volumes-no-match')).toBeVisible();
    fireEvent.change(screen.getByRole('textbox', { name: 'Search volumes' }), { target: { value: '' } });

    fireEvent.click(screen.getByRole('button', { name: 'Name' }));
    expect(names()).toEqual(['gamma', 'beta', 'alpha']);
    fireEvent.click(screen.getByRole('button', { name: 'Used by' }));
    expect(names()[2]).toBe('alpha');
  });

  it('loads sizes only when asked, from system df', async () => {
    const { berth } = renderPage([
      makeVolume({ name: 'data' }),
      makeVolume({ name: 'remote', driver: 'nfs' }),
    ]);
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(berth.callsTo(IpcChannel.VolumesSizes)).toHaveLength(0);
    expect(rowOf('data').querySelector('[data-column="size"]')).toHaveTextContent('—');

    berth.resources.sizes = { data: 4_321_000, remote: null };
    fireEvent.click(screen.getByRole('button', { name: 'Show sizes' }));
    await waitFor(() =>
      expect(rowOf('data').querySelector('[data-column="size"]')).toHaveTextContent('4.321MB'),
    );
    expect(rowOf('remote').querySelector('[data-column="size"]')).toHaveTextContent('n/a');
    expect(berth.callsTo(IpcChannel.VolumesSizes)).toEqual([['local']]);
  });

  it('shows volumes created and removed elsewhere as the changes arrive', async () => {
    const { berth } = renderPage([makeVolume({ name: 'one' })]);
    await waitFor(() => expect(rows()).toHaveLength(1));
    berth.resources.upsertVolume('local', makeVolume({ name: 'two' }));
    await waitFor(() => expect(names()).toEqual(['one', 'two']));
    berth.resources.removeVolume('local', 'one');
    await waitFor(() => expect(names()).toEqual(['two']));
    expect(berth.callsTo(IpcChannel.VolumesList)).toHaveLength(1);
  });

  it('creates a volume with options and labels, refusing a bad name before sending', async () => {
    const { berth } = renderPage([]);
    await screen.findByTestId('volumes-empty');
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    const modal = await screen.findByTestId('create-volume-modal');
    const dialog = within(modal);
    fireEvent.change(dialog.getByRole('textbox', { name: 'Name' }), { target: { value: '-bad' } });
    expect(dialog.getByText(/starting with a letter or digit/)).toBeVisible();
    expect(dialog.getByRole('button', { name: 'Create' })).toBeDisabled();

    fireEvent.change(dialog.getByRole('textbox', { name: 'Name' }), { target: { value: 'pgdata' } });
    fireEvent.change(dialog.getByRole('textbox', { name: 'Driver options' }), {
      target: { value: 'type=tmpfs\ndevice=tmpfs' },
    });
    fireEvent.change(dialog.getByRole('textbox', { name: 'Labels' }), { target: { value: 'team=db' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Create' }));

    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(berth.callsTo(IpcChannel.VolumesCreate)).toEqual([
      [
        {
          engineId: 'local',
          name: 'pgdata',
          driver: 'local',
          driverOptions: { type: 'tmpfs', device: 'tmpfs' },
          labels: { team: 'db' },
        },
      ],
    ]);
  });

  it('removes several volumes at once and reports the one in use, naming its containers', async () => {
    const { berth } = renderPage([
      makeVolume({ name: 'busy', usedBy: [web] }),
      makeVolume({ name: 'free1' }),
      makeVolume({ name: 'free2' }),
    ]);
    await waitFor(() => expect(rows()).toHaveLength(3));
    for (const name of ['busy', 'free1', 'free2']) {
      fireEvent.click(screen.getByRole('checkbox', { name: `Select ${name}` }));
    }
    fireEvent.click(screen.getByRole('button', { name: 'Remove 3' }));
    const modal = await screen.findByTestId('remove-volumes-modal');
    expect(within(modal).getByTestId('remove-volumes-in-use')).toHaveTextContent(
      'busy is used by web (running)',
    );
    fireEvent.click(within(modal).getByRole('button', { name: 'Remove' }));

    await waitFor(() => expect(names()).toEqual(['busy']));
    const notification = await screen.findByTestId('error-notification');
    expect(notification).toHaveTextContent('Could not remove volume busy');
    expect(notification).toHaveTextContent('Volume busy is in use by web');
    expect(berth.callsTo(IpcChannel.VolumesRemove)).toEqual([
      [{ engineId: 'local', names: ['busy', 'free1', 'free2'] }],
    ]);
  });

  it('previews a prune with sizes, then prunes and reports the reclaimed space', async () => {
    const { berth } = renderPage([makeVolume({ name: 'kept', usedBy: [web] }), makeVolume({ name: 'junk' })]);
    berth.resources.sizes = { junk: 2_500_000, kept: 10 };
    await waitFor(() => expect(rows()).toHaveLength(2));
    fireEvent.click(screen.getByRole('button', { name: 'Prune unused' }));
    const preview = await screen.findByTestId('prune-volumes-preview');
    expect(preview).toHaveTextContent('junk — 2.5MB');
    expect(preview).not.toHaveTextContent('kept');
    fireEvent.click(within(screen.getByTestId('prune-volumes-modal')).getByRole('button', { name: 'Prune' }));
    expect(await screen.findByTestId('prune-volumes-result')).toHaveTextContent(
      '1 volume removed, 2.5MB reclaimed.',
    );
    await waitFor(() => expect(names()).toEqual(['kept']));
  });

  it('opens a volume to browse its files, folder by folder, and asks main to download one', async () => {
    const { berth } = renderPage([makeVolume({ name: 'site', usedBy: [web] })]);
    berth.resources.folders.set('site:', [
      makeEntry('html', { kind: 'directory', mode: 0o755 }),
      makeEntry('link', { kind: 'symlink', linkTarget: 'html/index.html', mode: 0o777 }),
    ]);
    berth.resources.folders.set('site:html', [makeEntry('html/index.html', { size: 1200 })]);
    berth.resources.transferAnswer = {
      started: true,
      operation: FakeResources.operation('volume.download', 'Download /html/index.html from volume site'),
      localPath: '/home/me/Downloads/index.html',
    };
    await waitFor(() => expect(rows()).toHaveLength(1));
    fireEvent.click(rowOf('site'));

    const details = await screen.findByTestId('volume-details');
    expect(within(details).getByTestId('volume-users')).toHaveTextContent('web (running) at /data');
    const browser = within(details).getByTestId('volume-browser');
    await waitFor(() => expect(within(browser).getAllByTestId('volume-entry')).toHaveLength(2));
    expect(within(browser).getByText('→ html/index.html')).toBeVisible();
    expect(within(browser).getByText('drwxr-xr-x')).toBeVisible();
    fireEvent.click(within(browser).getByRole('button', { name: 'html' }));
    await waitFor(() => expect(browser).toHaveAttribute('data-path', 'html'));
    await waitFor(() => expect(within(browser).getByText('index.html')).toBeVisible());
    expect(within(browser).getByText('1.2kB')).toBeVisible();

    fireEvent.click(within(browser).getByRole('button', { name: 'Download index.html' }));
    await waitFor(() =>
      expect(berth.callsTo(IpcChannel.VolumesDownload)).toEqual([
        [{ engineId: 'local', volume: 'site', path: 'html/index.html', kind: 'file' }],
      ]),
    );
    expect(await within(details).findByTestId('volume-transfer')).toHaveAttribute('data-state', 'running');
    berth.emit('ops:updated', {
      operation: {
        ...FakeResources.operation('volume.download', 'Download /html/index.html from volume site'),
        state: 'succeeded',
        progress: { items: [], fraction: 1, text: '1.2kB → /home/me/Downloads/index.html' },
      },
      appendedLines: [],
      droppedLines: 0,
    });
    await waitFor(() =>
      expect(within(details).getByTestId('volume-transfer')).toHaveAttribute('data-state', 'succeeded'),
    );
    expect(within(details).getByTestId('volume-transfer')).toHaveTextContent(
      '1.2kB → /home/me/Downloads/index.html',
    );
  });

  it('says so when a folder cannot be read', async () => {
    renderPage([makeVolume({ name: 'gone' })]);
    await waitFor(() => expect(rows()).toHaveLength(1));
    fireEvent.click(rowOf('gone'));
    expect(await screen.findByTestId('volume-browser-error')).toHaveTextContent(
      'There is no folder / in volume gone.',
    );
  });
});
