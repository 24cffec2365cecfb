import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { HostPicker } from '../../../../renderer/components/HostPicker/HostPicker';
import { render } from '../../render';
import { twoHosts } from '../../support/two-hosts';

const choice = {
  engineIds: ['local', 'context:rig'],
  hostName: (engineId: string) => (engineId === 'local' ? 'Local' : 'rig'),
  initial: 'local',
};

function options(): { label: string; disabled: boolean }[] {
  return [...screen.getByTestId('host-picker').querySelectorAll('option')].map((option) => ({
    label: option.textContent,
    disabled: option.disabled,
  }));
}

describe('HostPicker', () => {
  it('offers every connected host, and lists one that is not connected without letting it be picked', async () => {
    const berth = twoHosts();
    const { stores } = render(<HostPicker choice={choice} value="local" onChange={() => undefined} />, {
      berth,
    });
    stores?.engines.start();
    await screen.findByTestId('host-picker');
    expect(options()).toEqual([
      { label: 'Local', disabled: false },
      { label: 'rig', disabled: false },
    ]);
    act(() => void berth.setStatus('context:rig', { state: 'unreachable', lastError: 'connection refused' }));
    expect(options()).toEqual([
      { label: 'Local', disabled: false },
      { label: 'rig (unreachable)', disabled: true },
    ]);
  });

  it('renders nothing when there is only one host to act on', () => {
    render(
      <HostPicker choice={{ ...choice, engineIds: ['local'] }} value="local" onChange={() => undefined} />,
      { berth: twoHosts() },
    );
    expect(screen.queryByTestId('host-picker')).toBeNull();
  });
});
