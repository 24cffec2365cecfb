import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { IpcChannel } from '../../../../electron/common';
import { ContainersPage } from '../../../../renderer/features/containers/ContainersPage';
import { CommandPalette } from '../../../../renderer/features/palette/CommandPalette';
import { render } from '../../render';
import { FakeBerth } from '../../support/fake-bridge';
import { makeContainer, makeEngine } from '../../support/fixtures';
import { makeNetwork, makeVolume } from '../../support/resource-fixtures';
import { makeImage } from '../images/fake-images';

function openPalette() {
  fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
  return screen.findByRole('combobox', { name: 'Search containers, hosts and actions' });
}

describe('CommandPalette', () => {
  it('opens on Ctrl+K and restarts a container with Enter when its verb is typed and only it matches', async () => {
    const berth = new FakeBerth();
    const web = makeContainer({ name: 'web-frontend', state: 'running' });
    berth.seed('local', [web, makeContainer({ name: 'db', state: 'running' })]);
    render(<CommandPalette />, { berth });

    const input = await openPalette();
    fireEvent.change(input, { target: { value: 'restart front' } });
    const options = await screen.findAllByRole('option');
    expect(options.map((option) => option.getAttribute('aria-label'))).toEqual(['Restart web-frontend']);
    expect(options[0]).toHaveAttribute('aria-selected', 'true');

    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() =>
      expect(berth.callsTo(IpcChannel.ContainersRestart)).toEqual([[{ engineId: 'local', id: web.id }]]),
    );
    expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
  });

  it('acts through the containers store: the row of a container the palette stops shows it pending', async () => {
    const berth = new FakeBerth();
    const web = makeContainer({ name: 'web', state: 'running' });
    berth.seed('local', [web]);
    render(
      <>
        <ContainersPage engineId="local" />
        <CommandPalette />
      </>,
      { berth },
    );
    await screen.findByRole('button', { name: 'Stop web' });
    const gate = berth.hold(IpcChannel.ContainersStop);

    const input = await openPalette();
    fireEvent.change(input, { target: { value: 'stop web' } });
    await screen.findByRole('option', { name: 'Stop web' });
    fireEvent.keyDown(input, { key: 'Enter' });

    await gate.waitingFor(1);
    const row = () => screen.getByTestId('container-row');
    expect(row()).toHaveAttribute('data-pending', 'stopping');
    expect(screen.getByRole('button', { name: 'Stop web' })).toBeDisabled();
    gate.release();
    await waitFor(() => expect(row()).toHaveAttribute('data-state', 'exited'));
    expect(row()).not.toHaveAttribute('data-pending');
    expect(berth.callsTo(IpcChannel.ContainersStop)).toEqual([[{ engineId: 'local', id: web.id }]]);
  });

  it('walks the results with the arrow keys across groups and closes on Escape', async () => {
    const berth = new FakeBerth();
    berth.seed('local', [makeContainer({ name: 'vol-helper', state: 'exited' })]);
    render(<CommandPalette />, { berth });

    const input = await openPalette();
    fireEvent.change(input, { target: { value: 'vol' } });
    await screen.findByRole('option', { name: 'Start vol-helper' });
    const listbox = screen.getByRole('listbox');
    expect(within(listbox).getByRole('group', { name: 'Go to' })).toHaveTextContent('Go to Volumes');
    const selected = () =>
      screen.getAllByRole('option').find((o) => o.getAttribute('aria-selected') === 'true');
    const first = selected()?.textContent;
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(selected()?.textContent).not.toBe(first);
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    expect(selected()?.textContent).toBe(first);
    expect(input).toHaveAttribute('aria-activedescendant', selected()?.id);

    fireEvent.keyDown(input, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('combobox')).not.toBeInTheDocument());
  });

  it('opens on the menu command and shows names with markup as text', async () => {
    const berth = new FakeBerth();
    berth.seed('local', [
      makeContainer({ name: 'x', image: '<img src=x onerror=alert(1)>', state: 'running' }),
    ]);
    const { stores } = render(<CommandPalette />, { berth });
    stores!.navigation.start();

    berth.emit('ui:commandRequested', { command: 'openCommandPalette' });
    const input = await screen.findByRole('combobox');
    fireEvent.change(input, { target: { value: 'onerror' } });
    expect(await screen.findByRole('option', { name: 'x' })).toBeInTheDocument();
    expect(document.querySelector('img')).toBeNull();
  });

  it('names hosts with several, lists containers of every connected host and switches host', async () => {
    const berth = new FakeBerth([makeEngine(), makeEngine({ id: 'staging', name: 'staging' })]);
    const remote = makeContainer({ engineId: 'staging', name: 'api', state: 'running' });
    berth.seed('staging', [remote]);
    const { stores } = render(<CommandPalette />, { berth });

    const input = await openPalette();
    fireEvent.change(input, { target: { value: 'restart api' } });
    expect(await screen.findByRole('option', { name: 'Restart api on staging' })).toBeInTheDocument();

    fireEvent.change(input, { target: { value: 'switch stag' } });
    fireEvent.click(await screen.findByRole('option', { name: 'Switch to staging' }));
    await waitFor(() => expect(berth.settings.activeEngineId).toBe('staging'));
    expect(berth.settings.allHosts).toBe(false);

    fireEvent.change(await openPalette(), { target: { value: 'go vol' } });
    fireEvent.click(await screen.findByRole('option', { name: 'Go to Volumes' }));
    await waitFor(() => expect(stores!.navigation.getSnapshot().route).toEqual({ page: 'volumes' }));
  });

  it('finds images, volumes and networks of every connected host and opens them, or runs an image', async () => {
    const berth = new FakeBerth([
      makeEngine(),
      makeEngine({ id: 'staging', name: 'staging' }),
      makeEngine({ id: 'away', name: 'away', status: { state: 'disconnected', since: 0 } }),
    ]);
    const image = makeImage({ engineId: 'staging', repoTags: ['team/frontend:2.1'] });
    berth.answer(IpcChannel.ImagesList, (engineId) => ({
      engineId,
      revision: 1,
      items: engineId === 'staging' ? [image] : [],
    }));
    berth.resources.seedVolumes('local', [makeVolume({ name: 'pgdata' })]);
    const network = makeNetwork({ engineId: 'staging', name: 'backend' });
    berth.resources.seedNetworks('staging', [network]);
    const { stores } = render(<CommandPalette />, { berth });
    const route = () => stores!.navigation.getSnapshot().route;

    fireEvent.change(await openPalette(), { target: { value: 'front' } });
    const images = await screen.findByRole('group', { name: 'Images' });
    expect(
      within(images)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Open image team/frontend:2.1 on staging']);
    fireEvent.click(screen.getByRole('option', { name: 'Run team/frontend:2.1 on staging' }));
    await waitFor(() =>
      expect(route()).toEqual({
        page: 'containers',
        runImage: { engineId: 'staging', reference: 'team/frontend:2.1' },
      }),
    );

    fireEvent.change(await openPalette(), { target: { value: 'pgd' } });
    fireEvent.click(await screen.findByRole('option', { name: 'Open volume pgdata on local' }));
    await waitFor(() =>
      expect(route()).toEqual({
        page: 'volumes',
        detail: { kind: 'volume', engineId: 'local', id: 'pgdata' },
      }),
    );

    fireEvent.change(await openPalette(), { target: { value: 'backend' } });
    fireEvent.click(await screen.findByRole('option', { name: 'Open network backend on staging' }));
    await waitFor(() =>
      expect(route()).toEqual({
        page: 'networks',
        detail: { kind: 'network', engineId: 'staging', id: network.id },
      }),
    );

    // The disconnected host's lists are never asked for.
    for (const channel of [IpcChannel.ImagesList, IpcChannel.VolumesList, IpcChannel.NetworksList]) {
      const asked = berth.callsTo(channel).map(([engineId]) => engineId);
      expect(new Set(asked)).toEqual(new Set(['local', 'staging']));
    }
  });

  it("opens an image's details with Enter and shows hostile image, volume and network names as text", async () => {
    const berth = new FakeBerth();
    const image = makeImage({ repoTags: ['evil<img src=x onerror=alert(1)>:1'] });
    berth.answer(IpcChannel.ImagesList, (engineId) => ({ engineId, revision: 1, items: [image] }));
    berth.resources.seedVolumes('local', [makeVolume({ name: 'evil<b>vol</b>' })]);
    berth.resources.seedNetworks('local', [makeNetwork({ name: 'evil<svg onload=alert(1)>' })]);
    const { stores } = render(<CommandPalette />, { berth });

    const input = await openPalette();
    fireEvent.change(input, { target: { value: 'evil' } });
    expect(await screen.findByRole('option', { name: 'Open volume evil<b>vol</b>' })).toBeInTheDocument();
    expect(
      screen.getByRole('option', { name: 'Open network evil<svg onload=alert(1)>' }),
    ).toBeInTheDocument();
    expect(document.querySelector('img, b, svg[onload]')).toBeNull();

    fireEvent.change(input, { target: { value: 'open image evil' } });
    await screen.findByRole('option', { name: 'Open image evil<img src=x onerror=alert(1)>:1' });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() =>
      expect(stores!.navigation.getSnapshot().route).toEqual({
        page: 'images',
        detail: { kind: 'image', engineId: 'local', id: image.id },
      }),
    );
  });
});
