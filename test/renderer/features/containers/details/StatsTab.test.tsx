import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { IpcChannel, IpcEvent, type StatsSample } from '../../../../../electron/common';
import { StatsTab } from '../../../../../renderer/features/containers/details/stats/StatsTab';
import { render } from '../../../render';
import { FakeBerth } from '../../../support/fake-bridge';

function sample(seconds: number, counters: number): StatsSample {
  return {
    time: seconds * 1000,
    cpuPercent: 12.5,
    onlineCpus: 2,
    memoryUsage: 1536,
    memoryLimit: 1024 ** 3,
    networkRx: counters,
    networkTx: 2 * counters,
    blockRead: 3 * counters,
    blockWrite: 4 * counters,
    pids: 1,
  };
}

describe('StatsTab', () => {
  it('draws CPU, memory, network and block I/O from the stream, rates from the counters', async () => {
    const berth = new FakeBerth();
    berth.answer(IpcChannel.StatsOpen, () => ({ streamId: 'stats-1' }));
    berth.answer(IpcChannel.StatsClose, () => undefined);
    const { unmount } = render(<StatsTab engineId="local" id="abc" />, { berth });
    await waitFor(() => expect(berth.callsTo(IpcChannel.StatsOpen)).toHaveLength(1));
    await act(async () => {
      await Promise.resolve();
    });
    act(() => berth.emit(IpcEvent.StatsSampled, { streamId: 'stats-1', sample: sample(0, 0) }));
    act(() => berth.emit(IpcEvent.StatsSampled, { streamId: 'stats-1', sample: sample(2, 2048) }));

    const charts = screen.getAllByRole('img').map((chart) => chart.getAttribute('aria-label'));
    expect(charts).toEqual(['CPU', 'Memory (limit 1.0 GiB)', 'Network', 'Block I/O']);
    expect(screen.getByText('CPU 12.5 %')).toBeInTheDocument();
    expect(screen.getByText('Used 1.5 KiB')).toBeInTheDocument();
    expect(screen.getByText('rx 1.0 KiB/s · tx 2.0 KiB/s')).toBeInTheDocument();
    expect(screen.getByText('read 3.0 KiB/s · write 4.0 KiB/s')).toBeInTheDocument();
    unmount();
    expect(berth.callsTo(IpcChannel.StatsClose)).toEqual([['stats-1']]);
  });
});
