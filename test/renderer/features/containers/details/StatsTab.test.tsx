import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { IpcChannel, IpcEvent, type StatsSample } from '../../../../../electron/common';
import { emptyHistory } from '../../../../../renderer/features/containers/details/stats/stats-history';
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

    const current = (key: string) => screen.getByTestId(`stats-current-${key}`).textContent;
    expect(current('cpuPercent')).toBe('12.5 %');
    expect(current('memoryUsage')).toBe('1.5 KiB');
    expect(current('networkRxRate')).toBe('rx1.0 KiB/s');
    expect(current('networkTxRate')).toBe('tx2.0 KiB/s');
    expect(current('blockReadRate')).toBe('read3.0 KiB/s');
    expect(current('blockWriteRate')).toBe('write4.0 KiB/s');
    expect(screen.getByTestId('stats-Memory')).toHaveTextContent('limit 1.0 GiB');
    unmount();
    expect(berth.callsTo(IpcChannel.StatsClose)).toEqual([['stats-1']]);
  });

  it('keeps the history it was given when the tab is left and opened again', async () => {
    const berth = new FakeBerth();
    let opened = 0;
    berth.answer(IpcChannel.StatsOpen, () => ({ streamId: `stats-${++opened}` }));
    berth.answer(IpcChannel.StatsClose, () => undefined);
    const history = emptyHistory('local/abc');
    const first = render(<StatsTab engineId="local" id="abc" history={history} />, { berth });
    await waitFor(() => expect(opened).toBe(1));
    await act(async () => {
      await Promise.resolve();
    });
    act(() =>
      berth.emit(IpcEvent.StatsSampled, {
        streamId: 'stats-1',
        sample: { ...sample(0, 0), memoryUsage: 9 * 1024 ** 2 },
      }),
    );
    act(() => berth.emit(IpcEvent.StatsSampled, { streamId: 'stats-1', sample: sample(1, 0) }));
    first.unmount();

    render(<StatsTab engineId="local" id="abc" history={history} />, { berth });
    // Before the new stream says anything, the peak from the first visit is there.
    expect(screen.getByTestId('stats-Memory')).toHaveTextContent('peak 9.0 MiB');
    expect(screen.getByTestId('stats-current-memoryUsage')).toHaveTextContent('1.5 KiB');
  });

  it('says "no limit" when the daemon reports a limit of 0', async () => {
    const berth = new FakeBerth();
    berth.answer(IpcChannel.StatsOpen, () => ({ streamId: 'stats-1' }));
    berth.answer(IpcChannel.StatsClose, () => undefined);
    render(<StatsTab engineId="local" id="abc" />, { berth });
    await waitFor(() => expect(berth.callsTo(IpcChannel.StatsOpen)).toHaveLength(1));
    await act(async () => {
      await Promise.resolve();
    });
    act(() =>
      berth.emit(IpcEvent.StatsSampled, { streamId: 'stats-1', sample: { ...sample(0, 0), memoryLimit: 0 } }),
    );
    expect(screen.getByTestId('stats-Memory')).toHaveTextContent('no limit');
    expect(screen.queryByText(/limit 0 B/)).not.toBeInTheDocument();
  });
});
