import { act, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import {
  ErrorCode,
  IpcChannel,
  IpcEvent,
  logBatchLines,
  type LogLine,
  packLogLines,
  type StatsSample,
} from '../../../electron/common';
import {
  execStream,
  logsStream,
  statsStream,
  useEngineStream,
} from '../../../renderer/hooks/use-engine-stream';
import { render } from '../render';
import { FakeBerth } from '../support/fake-bridge';

/** A promise the test settles by hand: the open call's answer "in transit". */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => (resolve = settle));
  return { promise, resolve };
}

const line = (text: string): LogLine => ({ stream: 'stdout', text });
const sample = (time: number): StatsSample => ({
  time,
  cpuPercent: 1,
  onlineCpus: 1,
  memoryUsage: 1,
  memoryLimit: 1,
  networkRx: 0,
  networkTx: 0,
  blockRead: 0,
  blockWrite: 0,
  pids: 1,
});

/** Records what the hook hands over, as `kind: payload summary`. */
function LogsProbe({ seen, berth }: { seen: string[]; berth: FakeBerth }) {
  useEngineStream(
    logsStream,
    () => berth.api.logs.open({ engineId: 'local', id: 'abc', tail: 10, follow: true }),
    {
      onOpened: (opened) => seen.push(`opened ${opened.streamId}`),
      onData: (batch, id) =>
        seen.push(
          `${id}: ${logBatchLines(batch)
            .map((l) => l.text)
            .join(',')}`,
        ),
      onEnded: (ended, id) => seen.push(`${id} ended${ended.error ? `: ${ended.error.message}` : ''}`),
      onFailed: (error) => seen.push(`failed: ${error.message}`),
      onInterrupted: (reason, id) => seen.push(`${id} interrupted: ${reason}`),
      onResumed: (id) => seen.push(`${id} resumed`),
    },
  );
  return null;
}

describe('useEngineStream', () => {
  it("hands over its own stream's interruption and resume, and nobody else's", async () => {
    const berth = new FakeBerth();
    berth.answer(IpcChannel.LogsOpen, () => ({ streamId: 'logs-1', tty: false }));
    berth.answer(IpcChannel.LogsClose, () => undefined);
    const seen: string[] = [];
    render(<LogsProbe seen={seen} berth={berth} />, { berth });
    await waitFor(() => expect(seen).toEqual(['opened logs-1']));
    act(() => {
      berth.emit(IpcEvent.LogsReceived, { streamId: 'logs-1', ...packLogLines([line('one')]) });
      berth.emit(IpcEvent.StreamInterrupted, { streamId: 'logs-other', reason: 'not ours' });
      berth.emit(IpcEvent.StreamInterrupted, { streamId: 'logs-1', reason: 'the SSH connection dropped' });
      berth.emit(IpcEvent.StreamResumed, { streamId: 'logs-1' });
      berth.emit(IpcEvent.LogsReceived, { streamId: 'logs-1', ...packLogLines([line('two')]) });
    });
    expect(seen).toEqual([
      'opened logs-1',
      'logs-1: one',
      'logs-1 interrupted: the SSH connection dropped',
      'logs-1 resumed',
      'logs-1: two',
    ]);
  });

  it('keeps log events that arrive before the stream id is known and replays them in order', async () => {
    const berth = new FakeBerth();
    const answer = deferred<{ streamId: string; tty: boolean }>();
    berth.answer(IpcChannel.LogsOpen, () => answer.promise);
    berth.answer(IpcChannel.LogsClose, () => undefined);
    const seen: string[] = [];
    render(<LogsProbe seen={seen} berth={berth} />, { berth });
    await waitFor(() => expect(berth.callsTo(IpcChannel.LogsOpen)).toHaveLength(1));
    berth.emit(IpcEvent.LogsReceived, { streamId: 'logs-1', ...packLogLines([line('one')]) });
    berth.emit(IpcEvent.LogsReceived, { streamId: 'logs-other', ...packLogLines([line('not ours')]) });
    berth.emit(IpcEvent.LogsReceived, { streamId: 'logs-1', ...packLogLines([line('two')]) });
    berth.emit(IpcEvent.LogsEnded, { streamId: 'logs-1' });
    berth.emit(IpcEvent.LogsReceived, { streamId: 'logs-1', ...packLogLines([line('after the end')]) });
    expect(seen).toEqual([]);
    await act(async () => {
      answer.resolve({ streamId: 'logs-1', tty: false });
      await answer.promise;
    });
    expect(seen).toEqual(['opened logs-1', 'logs-1: one', 'logs-1: two', 'logs-1 ended']);
  });

  it('buffers early terminal output and stats samples the same way', async () => {
    const berth = new FakeBerth();
    const started = deferred<{ sessionId: string }>();
    const opened = deferred<{ streamId: string }>();
    berth.answer(IpcChannel.ExecStart, () => started.promise);
    berth.answer(IpcChannel.StatsOpen, () => opened.promise);
    const seen: string[] = [];
    function Probe() {
      useEngineStream(
        execStream,
        () => berth.api.exec.start({ engineId: 'local', id: 'abc', cols: 80, rows: 24, kind: 'attach' }),
        { onData: (output, id) => seen.push(`${id}: ${output.data}`) },
      );
      useEngineStream(statsStream, () => berth.api.stats.open({ engineId: 'local', id: 'abc' }), {
        onData: ({ sample: { time } }, id) => seen.push(`${id}: ${time}`),
      });
      return null;
    }
    render(<Probe />, { berth });
    await waitFor(() => expect(berth.callsTo(IpcChannel.StatsOpen)).toHaveLength(1));
    berth.emit(IpcEvent.ExecOutputReceived, { sessionId: 'exec-1', data: '$ ' });
    berth.emit(IpcEvent.StatsSampled, { streamId: 'stats-1', sample: sample(1) });
    await act(async () => {
      await Promise.resolve();
      started.resolve({ sessionId: 'exec-1' });
      opened.resolve({ streamId: 'stats-1' });
    });
    berth.emit(IpcEvent.StatsSampled, { streamId: 'stats-1', sample: sample(2) });
    expect(seen).toEqual(['exec-1: $ ', 'stats-1: 1', 'stats-1: 2']);
  });

  it('closes the stream on unmount and stops listening', async () => {
    const berth = new FakeBerth();
    berth.answer(IpcChannel.LogsOpen, () => ({ streamId: 'logs-1', tty: false }));
    berth.answer(IpcChannel.LogsClose, () => undefined);
    const seen: string[] = [];
    const { unmount } = render(<LogsProbe seen={seen} berth={berth} />, { berth });
    await waitFor(() => expect(seen).toEqual(['opened logs-1']));
    expect(berth.listenerCount(IpcEvent.LogsReceived)).toBe(1);
    unmount();
    expect(berth.callsTo(IpcChannel.LogsClose)).toEqual([['logs-1']]);
    expect(berth.listenerCount(IpcEvent.LogsReceived)).toBe(0);
    expect(berth.listenerCount(IpcEvent.LogsEnded)).toBe(0);
  });

  it('closes a stream whose open call answers after the unmount, and tells nobody', async () => {
    const berth = new FakeBerth();
    const answer = deferred<{ streamId: string; tty: boolean }>();
    berth.answer(IpcChannel.LogsOpen, () => answer.promise);
    berth.answer(IpcChannel.LogsClose, () => undefined);
    const seen: string[] = [];
    const { unmount } = render(<LogsProbe seen={seen} berth={berth} />, { berth });
    await waitFor(() => expect(berth.callsTo(IpcChannel.LogsOpen)).toHaveLength(1));
    unmount();
    expect(berth.callsTo(IpcChannel.LogsClose)).toEqual([]);
    await act(async () => {
      answer.resolve({ streamId: 'logs-late', tty: false });
      await answer.promise;
    });
    await waitFor(() => expect(berth.callsTo(IpcChannel.LogsClose)).toEqual([['logs-late']]));
    expect(seen).toEqual([]);
  });

  it('does not close a stream that ended (main already forgot it), and reports a failed open', async () => {
    const berth = new FakeBerth();
    berth.answer(IpcChannel.LogsOpen, () => ({ streamId: 'logs-1', tty: false }));
    berth.answer(IpcChannel.LogsClose, () => undefined);
    const seen: string[] = [];
    const { unmount } = render(<LogsProbe seen={seen} berth={berth} />, { berth });
    await waitFor(() => expect(seen).toEqual(['opened logs-1']));
    act(() =>
      berth.emit(IpcEvent.LogsEnded, {
        streamId: 'logs-1',
        error: { code: ErrorCode.Internal, message: 'gone' },
      }),
    );
    unmount();
    expect(seen).toEqual(['opened logs-1', 'logs-1 ended: gone']);
    expect(berth.callsTo(IpcChannel.LogsClose)).toEqual([]);

    const failing = new FakeBerth();
    failing.failNext(IpcChannel.LogsOpen, { code: ErrorCode.NotFound, message: 'No such container' });
    const failures: string[] = [];
    render(<LogsProbe seen={failures} berth={failing} />, { berth: failing });
    await waitFor(() => expect(failures).toEqual(['failed: No such container']));
  });
});
