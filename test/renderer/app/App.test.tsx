import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { defaultSettings, IpcChannel } from '../../../electron/common';
import { App } from '../../../renderer/app/App';
import { showErrorNotification } from '../../../renderer/lib/notify';
import { createStores } from '../../../renderer/stores/stores';
import { FakeBerth } from '../support/fake-bridge';
import { makeContainer, makeEngine } from '../support/fixtures';
import { setPrefersDark } from '../support/match-media';
import { makeNetwork, makeVolume } from '../support/resource-fixtures';

function renderApp(berth = new FakeBerth()) {
  const stores = createStores(berth.api, showErrorNotification);
  render(<App stores={stores} env="test" />);
  return { berth, stores };
}

const colorScheme = () => document.documentElement.getAttribute('data-mantine-color-scheme');

describe('App shell', () => {
  it('opens on the containers of the local engine', async () => {
    const berth = new FakeBerth();
    berth.seed('local', [makeContainer({ name: 'web' })]);
    renderApp(berth);

    expect(await screen.findByTestId('container-row')).toHaveTextContent('web');
    expect(screen.getByRole('button', { name: 'Containers' })).toHaveAttribute('aria-current', 'page');
  });

  it('opens the Images page from the navigation', async () => {
    const berth = new FakeBerth();
    berth.answer(IpcChannel.ImagesList, (engineId) => ({ engineId, revision: 0, items: [] }));
    renderApp(berth);
    fireEvent.click(screen.getByRole('button', { name: 'Images' }));

    expect(await screen.findByTestId('images-empty')).toBeVisible();
    expect(screen.getByRole('heading', { name: 'Images' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Images' })).toHaveAttribute('aria-current', 'page');
    expect(screen.queryByTestId('coming-soon')).not.toBeInTheDocument();
  });

  it.each([
    ['Volumes', 'volume-table'],
    ['Networks', 'network-table'],
  ])('opens the %s page from the navigation', async (label, table) => {
    const berth = new FakeBerth();
    berth.resources.seedVolumes('local', [makeVolume({ name: 'data' })]);
    berth.resources.seedNetworks('local', [makeNetwork({ name: 'apps' })]);
    renderApp(berth);
    fireEvent.click(screen.getByRole('button', { name: label }));

    expect(await screen.findByTestId(table)).toBeVisible();
    expect(screen.getByRole('heading', { name: label })).toBeVisible();
    expect(screen.getByRole('button', { name: label })).toHaveAttribute('aria-current', 'page');
    expect(screen.queryByTestId('coming-soon')).not.toBeInTheDocument();
  });

  it('moves between navigation entries with the arrow keys', () => {
    renderApp();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    const containers = within(nav).getByRole('button', { name: 'Containers' });
    containers.focus();

    fireEvent.keyDown(containers, { key: 'ArrowDown' });
    expect(within(nav).getByRole('button', { name: 'Images' })).toHaveFocus();
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(within(nav).getByRole('button', { name: 'Hosts' })).toHaveFocus();
  });
});

describe('engine status', () => {
  it('is connecting until the engines are listed, then connected with name, address and versions', async () => {
    const berth = new FakeBerth();
    const gate = berth.hold(IpcChannel.EnginesList);
    renderApp(berth);

    const status = screen.getByTestId('engine-status');
    expect(status).toHaveAttribute('data-state', 'connecting');
    await gate.waitingFor(1);
    gate.release();

    await waitFor(() => expect(status).toHaveAttribute('data-state', 'connected'));
    expect(status).toHaveTextContent('Connected');
    expect(status).toHaveTextContent('local');
    expect(status).toHaveTextContent('unix:///var/run/docker.sock');
    expect(status).toHaveTextContent('Docker 20.10.24 · API 1.41');
    expect(within(status).queryByTestId('engine-status-reason')).not.toBeInTheDocument();
  });

  it('shows the reason in plain words when the engine is unreachable, and follows status events', async () => {
    const berth = new FakeBerth([makeEngine({ name: 'Local Docker' })]);
    renderApp(berth);
    const status = screen.getByTestId('engine-status');
    await waitFor(() => expect(status).toHaveAttribute('data-state', 'connected'));

    berth.setStatus('local', { state: 'unreachable', lastError: 'The Docker daemon socket does not exist.' });

    await waitFor(() => expect(status).toHaveAttribute('data-state', 'unreachable'));
    expect(status).toHaveTextContent('Unreachable');
    expect(status).toHaveTextContent('Local Docker');
    expect(within(status).getByTestId('engine-status-reason')).toHaveTextContent(
      'The Docker daemon socket does not exist.',
    );

    berth.setStatus('local', { state: 'connecting' });
    await waitFor(() => expect(status).toHaveAttribute('data-state', 'connecting'));
    expect(within(status).queryByTestId('engine-status-reason')).not.toBeInTheDocument();
  });
});

describe('color scheme', () => {
  it('applies the saved theme and changes it through settings', async () => {
    const berth = new FakeBerth();
    berth.settings = { ...defaultSettings, theme: 'dark' };
    renderApp(berth);

    await waitFor(() => expect(colorScheme()).toBe('dark'));

    fireEvent.click(screen.getByRole('radio', { name: 'Light' }));

    await waitFor(() => expect(colorScheme()).toBe('light'));
    expect(berth.callsTo(IpcChannel.SettingsSet)).toEqual([[{ theme: 'light' }]]);
  });

  it('follows the OS preference when the theme is system', async () => {
    const berth = new FakeBerth();
    berth.settings = { ...defaultSettings, theme: 'system' };
    setPrefersDark(true);
    renderApp(berth);

    await waitFor(() => expect(colorScheme()).toBe('dark'));
    setPrefersDark(false);
    await waitFor(() => expect(colorScheme()).toBe('light'));
  });

  it('follows settings:changed from main', async () => {
    const berth = new FakeBerth();
    renderApp(berth);
    await waitFor(() => expect(colorScheme()).toBe('light'));

    berth.settings = { ...defaultSettings, theme: 'dark' };
    berth.emit('settings:changed', berth.settings);

    await waitFor(() => expect(colorScheme()).toBe('dark'));
  });
});
