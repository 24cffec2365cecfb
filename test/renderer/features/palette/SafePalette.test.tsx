import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { IpcChannel } from '../../../../electron/common';
import { CommandPalette } from '../../../../renderer/features/palette/CommandPalette';
import {
  KeyboardShortcutsSheet,
  ShortcutsHint,
} from '../../../../renderer/features/palette/KeyboardShortcuts';
import { render } from '../../render';
import { FakeBerth } from '../../support/fake-bridge';
import { makeContainer } from '../../support/fixtures';

function openPalette() {
  fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
  return screen.findByRole('combobox', { name: 'Search containers, hosts and actions' });
}

const selected = () => screen.getAllByRole('option').find((o) => o.getAttribute('aria-selected') === 'true');

describe('CommandPalette: a safe default', () => {
  it('"shop" + Enter opens the container and stops nothing; Stop is listed last and marked', async () => {
    const berth = new FakeBerth();
    const shop = makeContainer({ name: 'shop-db', state: 'running' });
    berth.seed('local', [shop]);
    const { stores } = render(<CommandPalette />, { berth });

    const input = await openPalette();
    fireEvent.change(input, { target: { value: 'shop' } });
    const stop = await screen.findByRole('option', { name: 'Stop shop-db' });
    expect(selected()).toHaveAttribute('aria-label', 'shop-db');
    // Destructive: its own group, after every other, marked with a word (not colour only).
    const groups = within(screen.getByRole('listbox')).getAllByRole('group');
    expect(groups.at(-1)).toHaveAttribute('aria-label', 'Destructive actions');
    expect(within(groups.at(-1)!).getByRole('option', { name: 'Stop shop-db' })).toBe(stop);
    expect(stop).toHaveTextContent('Destructive');
    expect(stop).toHaveAttribute('data-destructive', 'true');
    expect(screen.getByRole('option', { name: 'shop-db' })).not.toHaveAttribute('data-destructive');

    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() =>
      expect(stores!.navigation.getSnapshot().route).toEqual({
        page: 'containers',
        detail: { kind: 'container', engineId: 'local', id: shop.id },
      }),
    );
    expect(berth.callsTo(IpcChannel.ContainersStop)).toEqual([]);
  });

  it('runs nothing on Enter when only destructive actions match and their verb was not typed', async () => {
    const berth = new FakeBerth();
    berth.seed('local', [makeContainer({ name: 'shop-db', state: 'running' })]);
    render(<CommandPalette />, { berth });

    const input = await openPalette();
    fireEvent.change(input, { target: { value: 'rest shop' } });
    await screen.findByRole('option', { name: 'Restart shop-db' });
    expect(selected()).toBeUndefined();
    expect(screen.getByTestId('palette-footer')).toHaveTextContent('only when you type their verb');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.getByRole('combobox')).toBeInTheDocument();
    expect(berth.callsTo(IpcChannel.ContainersStop)).toEqual([]);

    // Picked explicitly with the arrows, it runs.
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(selected()).toHaveAttribute('aria-label', 'Restart shop-db');
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(berth.callsTo(IpcChannel.ContainersRestart)).toHaveLength(1));
  });

  it('asks before killing, with the containers page’s confirmation', async () => {
    const berth = new FakeBerth();
    const shop = makeContainer({ name: 'shop-db', state: 'running' });
    berth.seed('local', [shop]);
    render(<CommandPalette />, { berth });

    const input = await openPalette();
    fireEvent.change(input, { target: { value: 'kill shop' } });
    await screen.findByRole('option', { name: 'Kill shop-db' });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(screen.queryByRole('combobox')).toBeNull());
    const modal = await screen.findByRole('dialog');
    expect(modal).toHaveTextContent(/^Kill shop-db\?/);
    expect(berth.callsTo(IpcChannel.ContainersKill)).toEqual([]);
    fireEvent.click(within(modal).getByRole('button', { name: 'Kill' }));
    await waitFor(() => expect(berth.callsTo(IpcChannel.ContainersKill)).toHaveLength(1));
    expect(berth.callsTo(IpcChannel.ContainersKill)[0]?.[0]).toMatchObject({
      engineId: 'local',
      id: shop.id,
    });
  });

  it('"images" and "im" put Go to Images first, with its shortcut shown', async () => {
    const berth = new FakeBerth();
    berth.seed('local', [makeContainer({ name: 'imgproxy', state: 'running' })]);
    render(<CommandPalette />, { berth });

    const input = await openPalette();
    for (const query of ['images', 'im']) {
      fireEvent.change(input, { target: { value: query } });
      await waitFor(() =>
        expect(screen.getAllByRole('option')[0]).toHaveAttribute('aria-label', 'Go to Images'),
      );
      expect(selected()).toHaveAttribute('aria-label', 'Go to Images');
    }
    expect(screen.getAllByRole('option')[0]).toHaveTextContent('Ctrl+2');
    expect(screen.getAllByRole('option')[0]).toHaveAttribute('aria-keyshortcuts', 'Control+2');
  });

  it('offers the global commands, wired to the app: Pull, Run, Prune, Preferences, theme', async () => {
    const berth = new FakeBerth();
    const { stores } = render(<CommandPalette />, { berth });
    const nav = () => stores!.navigation.getSnapshot();

    fireEvent.change(await openPalette(), { target: { value: 'pull' } });
    fireEvent.keyDown(screen.getByRole('combobox'), { key: 'Enter' });
    await waitFor(() => expect(nav().route).toEqual({ page: 'images', imagesDialog: 'pull' }));

    fireEvent.change(await openPalette(), { target: { value: 'run a' } });
    fireEvent.click(await screen.findByRole('option', { name: 'Run a container…' }));
    await waitFor(() =>
      expect(nav().route).toEqual({ page: 'containers', runImage: { engineId: 'local', reference: '' } }),
    );

    fireEvent.change(await openPalette(), { target: { value: 'prune' } });
    expect(await screen.findByRole('option', { name: 'Prune images…' })).toHaveAttribute('data-destructive');
    fireEvent.keyDown(screen.getByRole('combobox'), { key: 'Enter' });
    await waitFor(() => expect(nav().route).toEqual({ page: 'images', imagesDialog: 'prune' }));

    fireEvent.change(await openPalette(), { target: { value: 'prefer' } });
    fireEvent.keyDown(screen.getByRole('combobox'), { key: 'Enter' });
    await waitFor(() => expect(nav().preferencesRequests).toBe(1));

    fireEvent.change(await openPalette(), { target: { value: 'theme' } });
    fireEvent.keyDown(screen.getByRole('combobox'), { key: 'Enter' });
    await waitFor(() => expect(berth.settings.theme).toBe('dark'));
  });
});

describe('Keyboard shortcuts sheet', () => {
  it('opens on ?, on Ctrl+/, from the header hint and from the palette, listing Ctrl+1… per page', async () => {
    const berth = new FakeBerth();
    render(
      <>
        <ShortcutsHint />
        <CommandPalette />
        <KeyboardShortcutsSheet />
      </>,
      { berth },
    );
    const sheet = () => screen.queryByRole('dialog', { name: 'Keyboard shortcuts' });
    const close = async () => {
      fireEvent.keyDown(sheet()!, { key: 'Escape' });
      await waitFor(() => expect(sheet()).toBeNull());
    };

    fireEvent.keyDown(document.body, { key: '?' });
    await waitFor(() => expect(sheet()).not.toBeNull());
    const rows = within(sheet()!)
      .getAllByRole('row')
      .map((row) => row.textContent);
    expect(rows).toContain('Ctrl+1Go to Containers');
    expect(rows).toContain('Ctrl+2Go to Images');
    await close();

    fireEvent.keyDown(window, { key: '/', ctrlKey: true });
    await waitFor(() => expect(sheet()).not.toBeNull());
    await close();

    fireEvent.click(screen.getByRole('button', { name: 'Keyboard shortcuts' }));
    await waitFor(() => expect(sheet()).not.toBeNull());
    await close();

    await openPalette();
    const palette = screen.getByRole('dialog', { name: 'Command palette' });
    fireEvent.click(within(palette).getByRole('button', { name: 'Keyboard shortcuts' }));
    await waitFor(() => expect(sheet()).not.toBeNull());
  });

  it('types ? into a text field instead of opening the sheet', async () => {
    const berth = new FakeBerth();
    render(
      <>
        <input aria-label="field" />
        <KeyboardShortcutsSheet />
      </>,
      { berth },
    );
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'field' }), { key: '?' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull();
  });
});
