import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { IpcChannel } from '../../../electron/common';
import { PerHost } from '../../../renderer/components/PerHost/PerHost';
import { VolumesPage } from '../../../renderer/features/volumes/VolumesPage';
import { render } from '../render';
import { FakeBerth } from '../support/fake-bridge';
import { makeEngine } from '../support/fixtures';
import { makeHost } from '../support/host-fixtures';
import { makeVolume } from '../support/resource-fixtures';

function setUp(allHosts: boolean) {
  const berth = new FakeBerth([
    makeEngine({ name: 'Local' }),
    makeEngine({ id: 'context:rig', name: 'rig', kind: 'ssh', address: 'ssh://root@127.0.0.1:2222' }),
  ]);
  berth.settings = { ...berth.settings, allHosts, activeEngineId: 'context:rig' };
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
  berth.resources.seedVolumes('local', [makeVolume({ name: 'local-data' })]);
  berth.resources.seedVolumes('context:rig', [makeVolume({ engineId: 'context:rig', name: 'remote-data' })]);
  render(<PerHost>{(engineId) => <VolumesPage key={engineId} engineId={engineId} />}</PerHost>, { berth });
  return berth;
}

const names = () => screen.queryAllByTestId('volume-row').map((row) => row.getAttribute('data-name'));

describe('PerHost', () => {
  it('shows the page of the host the switcher selected', async () => {
    const berth = setUp(false);
    await waitFor(() => expect(names()).toEqual(['remote-data']));
    // Until the settings are read the default host shows; then the chosen one.
    expect(berth.callsTo(IpcChannel.VolumesList).at(-1)).toEqual(['context:rig']);
    expect(screen.queryByRole('tab')).not.toBeInTheDocument();
  });

  it('gives every host a tab of its own under All hosts', async () => {
    const berth = setUp(true);
    await waitFor(() => expect(names()).toEqual(['local-data']));
    fireEvent.click(screen.getByRole('tab', { name: 'rig' }));
    await waitFor(() => expect(names()).toEqual(['remote-data']));
    expect(berth.callsTo(IpcChannel.VolumesList).at(-1)).toEqual(['context:rig']);
  });
});
