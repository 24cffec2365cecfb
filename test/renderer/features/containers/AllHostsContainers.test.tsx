import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { IpcChannel } from '../../../../electron/common';
import { HostSwitcher } from '../../../../renderer/components/HostSwitcher/HostSwitcher';
import { ContainersView } from '../../../../renderer/features/containers/ContainersView';
import { render } from '../../render';
import { FakeBerth } from '../../support/fake-bridge';
import { makeContainer, makeEngine } from '../../support/fixtures';
import { makeHost } from '../../support/host-fixtures';

function setUp() {
  const berth = new FakeBerth([
    makeEngine({ name: 'Local' }),
    makeEngine({ id: 'context:rig', name: 'rig', kind: 'ssh', address: 'ssh://root@127.0.0.1:2222' }),
  ]);
  berth.answer(IpcChannel.HostsList, () => [
    makeHost(),
    makeHost({
      engineId: 'context:rig',
      name: 'rig',
      source: 'context',
      url: 'ssh://root@127.0.0.1:2222',
      kind: 'ssh',
      current: false,
    }),
  ]);
  berth.seed('local', [makeContainer({ name: 'web', state: 'running', status: 'Up 1 minute' })]);
  berth.seed('context:rig', [
    makeContainer({ engineId: 'context:rig', name: 'remote-job', state: 'running', status: 'Up 2 minutes' }),
  ]);
  render(
    <>
      <HostSwitcher />
      <ContainersView />
    </>,
    { berth },
  );
  return berth;
}

const rowNamed = (name: string): HTMLElement => {
  const row = screen
    .getAllByTestId('container-row')
    .find((candidate) => candidate.textContent?.includes(name));
  if (row === undefined) throw new Error(`no row for ${name}`);
  return row;
};

describe('All hosts', () => {
  it('the switcher lists every host; one host shows its own containers only', async () => {
    setUp();
    const switcher = await screen.findByRole('combobox', { name: 'Host' });
    await waitFor(() =>
      expect([...(switcher as HTMLSelectElement).options].map((option) => option.value)).toEqual([
        'all',
        'local',
        'context:rig',
      ]),
    );
    await waitFor(() => expect(screen.getAllByTestId('container-row')).toHaveLength(1));
    expect(rowNamed('web')).toBeInTheDocument();

    fireEvent.change(switcher, { target: { value: 'context:rig' } });
    await waitFor(() => expect(rowNamed('remote-job')).toBeInTheDocument());
    expect(screen.queryByText('web')).not.toBeInTheDocument();
  });

  it('merges every host with a Host column, and each action goes to the container’s own host', async () => {
    const berth = setUp();
    const switcher = await screen.findByRole('combobox', { name: 'Host' });
    fireEvent.change(switcher, { target: { value: 'all' } });
    const table = await screen.findByRole('table', { name: 'Containers on all hosts' });
    await waitFor(() => expect(within(table).getAllByTestId('container-row')).toHaveLength(2));
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((header) => header.textContent),
    ).toContain('Host');
    expect(within(rowNamed('remote-job')).getByText('rig')).toHaveAttribute('data-column', 'host');
    expect(within(rowNamed('web')).getByText('Local')).toHaveAttribute('data-column', 'host');
    expect(screen.getByTestId('containers-count')).toHaveTextContent('2 containers on 2 hosts');

    fireEvent.click(within(rowNamed('remote-job')).getByRole('button', { name: 'Stop remote-job on rig' }));
    await waitFor(() => expect(berth.callsTo(IpcChannel.ContainersStop)).toHaveLength(1));
    expect(berth.callsTo(IpcChannel.ContainersStop)[0]?.[0]).toMatchObject({ engineId: 'context:rig' });
    await waitFor(() => expect(rowNamed('remote-job')).toHaveAttribute('data-state', 'exited'));
    expect(rowNamed('web')).toHaveAttribute('data-state', 'running');
    // The switch went through the settings, so the tray and the next launch agree.
    expect(berth.settings).toMatchObject({ allHosts: true });
  });
});
