import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { IpcChannel } from '../../../../electron/common';
import { CommandPalette } from '../../../../renderer/features/palette/CommandPalette';
import { render } from '../../render';
import { FakeBerth } from '../../support/fake-bridge';
import { makeContainer, makeEngine } from '../../support/fixtures';

function openPalette() {
  fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
  return screen.findByRole('combobox', { name: 'Search containers, hosts and actions' });
}

describe('CommandPalette', () => {
  it('opens on Ctrl+K, finds a container by part of its name and restarts it with Enter', async () => {
    const berth = new FakeBerth();
    const web = makeContainer({ name: 'web-frontend', state: 'running' });
    berth.seed('local', [web, makeContainer({ name: 'db', state: 'running' })]);
    render(<CommandPalette />, { berth });

    const input = await openPalette();
    fireEvent.change(input, { target: { value: 'rest front' } });
    const options = await screen.findAllByRole('option');
    expect(options.map((option) => option.textContent)).toEqual(['Restart web-frontend']);
    expect(options[0]).toHaveAttribute('aria-selected', 'true');

    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() =>
      expect(berth.callsTo(IpcChannel.ContainersRestart)).toEqual([[{ engineId: 'local', id: web.id }]]),
    );
    expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
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
});
