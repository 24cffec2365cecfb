import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { IpcChannel } from '../../../../electron/common';
import { SystemPage } from '../../../../renderer/features/system/SystemPage';
import { render } from '../../render';
import { FakeBerth } from '../../support/fake-bridge';
import { makeEvent, makeSystemInfo } from '../../support/resource-fixtures';

function renderPage(berth = new FakeBerth()) {
  const result = render(<SystemPage engineId="local" />, { berth });
  return { berth, ...result };
}

const eventRows = () => screen.queryAllByTestId('event-row');

describe('SystemPage', () => {
  it('describes the engine, the platform, storage, cgroups, runtimes, registries, plugins and warnings', async () => {
    const berth = new FakeBerth();
    berth.resources.system = makeSystemInfo({
      warnings: ['WARNING: No swap limit support'],
      swarm: { state: 'active', controlAvailable: true, nodeId: 'n1' },
    });
    renderPage(berth);
    const engine = await screen.findByTestId('host-engine');
    expect(engine).toHaveTextContent('20.10.24');
    expect(engine).toHaveTextContent('1.41 (minimum 1.12)');
    expect(engine).toHaveTextContent('containerd 1.6.20, runc 1.1.5');
    expect(engine).toHaveTextContent('Debian GNU/Linux 12 (bookworm), kernel 6.1.0-18-amd64, x86_64');
    expect(engine).toHaveTextContent('8 CPUs, 14.90GiB');
    expect(engine).toHaveTextContent('3 (1 running, 0 paused, 2 stopped)');
    expect(engine).toHaveTextContent('Active (manager)');
    const config = screen.getByTestId('host-config');
    expect(within(config).getByTestId('host-storage-status')).toHaveTextContent(
      'Backing Filesystem: extfs · Supports d_type: true',
    );
    expect(config).toHaveTextContent('systemd driver, version 2');
    expect(config).toHaveTextContent('/var/lib/docker');
    expect(config).toHaveTextContent('runc (default)');
    expect(config).toHaveTextContent('https://mirror.example.com/');
    expect(config).toHaveTextContent('registry.local:5000');
    expect(screen.getByTestId('host-plugins')).toHaveTextContent('macvlan');
    expect(screen.getByTestId('host-warnings')).toHaveTextContent('WARNING: No swap limit support');
    expect(berth.callsTo(IpcChannel.SystemDiskUsage)).toEqual([]);
  });

  it('measures disk usage only when asked, and shows the lines of docker system df', async () => {
    const { berth } = renderPage();
    fireEvent.click(await screen.findByRole('tab', { name: 'Disk usage' }));
    expect(berth.callsTo(IpcChannel.SystemDiskUsage)).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Measure disk usage' }));
    await waitFor(() => expect(screen.getAllByTestId('disk-usage-row')).toHaveLength(4));
    const rows = screen.getAllByTestId('disk-usage-row').map((row) => row.textContent);
    expect(rows).toEqual([
      'Images2170MB20MB (28%)',
      'Containers214kB3kB (75%)',
      'Local Volumes215.5MB1.5MB (27%)',
      'Build Cache000B0B',
    ]);
    // Each kind folds open to a table of its entries, with a column per header.
    fireEvent.click(screen.getByRole('button', { name: 'Images (2)' }));
    const images = await screen.findByRole('cell', { name: 'web:1' });
    expect(
      within(images.closest('table') as HTMLElement)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Image', 'Size', 'Shared', 'Containers']);
    fireEvent.click(screen.getByRole('button', { name: 'Containers (2)' }));
    expect(await screen.findByRole('cell', { name: 'old' })).toBeInTheDocument();
    expect(berth.callsTo(IpcChannel.SystemDiskUsage)).toEqual([['local']]);
  });

  it('shows what system prune would remove for the chosen options before removing it', async () => {
    const { berth } = renderPage();
    fireEvent.click(await screen.findByRole('tab', { name: 'Clean up' }));
    fireEvent.click(
      screen.getByRole('checkbox', { name: 'Also remove unused volumes (their data is lost)' }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Show what would be removed' }));
    const preview = await screen.findByTestId('cleanup-preview');
    expect(preview).toHaveTextContent('1 stopped containers, 1 dangling images, 1 unused volumes');
    expect(preview).toHaveTextContent('old (exited, 3kB)');
    expect(preview).toHaveTextContent('bbb (20MB)');
    expect(preview).toHaveTextContent('scratch (1.5MB)');
    expect(berth.callsTo(IpcChannel.SystemPrune)).toEqual([]);
    expect(berth.callsTo(IpcChannel.SystemPrunePreview)).toEqual([
      [{ engineId: 'local', volumes: true, allImages: false }],
    ]);

    fireEvent.click(within(preview).getByRole('button', { name: 'Remove these' }));
    const result = await screen.findByTestId('cleanup-result');
    expect(result).toHaveTextContent('Reclaimed 20MB');
    expect(result).toHaveTextContent('Removed 1 containers, 0 networks, 0 volumes, 1 image entries');
    expect(berth.callsTo(IpcChannel.SystemPrune)).toEqual([
      [{ engineId: 'local', volumes: true, allImages: false }],
    ]);
  });

  it('shows the recent events on open and new ones as they arrive, newest first, filterable', async () => {
    const berth = new FakeBerth();
    berth.resources.seedEvents('local', [
      makeEvent(1, {
        type: 'volume',
        action: 'create',
        actorId: 'pgdata',
        actorName: undefined,
        attributes: { driver: 'local' },
      }),
      makeEvent(2, { action: 'start', actorName: 'web' }),
    ]);
    renderPage(berth);
    fireEvent.click(await screen.findByRole('tab', { name: 'Events' }));
    await waitFor(() => expect(eventRows()).toHaveLength(2));
    expect(eventRows().map((row) => row.getAttribute('data-action'))).toEqual(['start', 'create']);
    expect(berth.callsTo(IpcChannel.SystemEvents)).toEqual([[{ engineId: 'local' }]]);

    berth.resources.pushEvents('local', [
      makeEvent(3, { action: 'die', actorName: 'web', attributes: { name: 'web', exitCode: '137' } }),
      makeEvent(4, {
        type: 'network',
        action: 'disconnect',
        actorName: 'apps',
        attributes: { container: 'c1', name: 'apps' },
      }),
    ]);
    await waitFor(() => expect(eventRows()).toHaveLength(4));
    expect(eventRows()[0]).toHaveTextContent('disconnect');
    expect(eventRows()[1]).toHaveTextContent('exitCode=137');
    expect(screen.getByTestId('events-count')).toHaveTextContent('4 events (the last 5000 are kept)');

    fireEvent.change(screen.getByRole('textbox', { name: 'Object' }), { target: { value: 'web' } });
    expect(eventRows().map((row) => row.getAttribute('data-action'))).toEqual(['die', 'start']);
    fireEvent.change(screen.getByRole('textbox', { name: 'Object' }), { target: { value: '' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Search' }), { target: { value: '137' } });
    expect(eventRows().map((row) => row.getAttribute('data-action'))).toEqual(['die']);
    expect(screen.getByTestId('events-count')).toHaveTextContent('1 of 4 events');

    // Events already shown are never doubled by a repeated push.
    fireEvent.change(screen.getByRole('textbox', { name: 'Search' }), { target: { value: '' } });
    berth.resources.pushEvents('local', [makeEvent(4, { type: 'network', action: 'disconnect' })]);
    expect(eventRows()).toHaveLength(4);
  });
});
