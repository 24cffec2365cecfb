import { describe, expect, it, vi } from 'vitest';

import { ErrorCode, IpcChannel, IpcEvent, type OperationSummary } from '../../../electron/common';
import {
  applyOperationUpdate,
  createOperationsStore,
  MAX_OUTPUT_LINES,
} from '../../../renderer/stores/operations';
import { FakeBerth } from '../support/fake-bridge';
import { waitForStore } from '../support/wait-for-store';

function operation(overrides: Partial<OperationSummary> = {}): OperationSummary {
  return {
    id: 'op-1-a',
    kind: 'image.pull',
    engineId: 'local',
    title: 'Pull busybox:latest',
    state: 'running',
    startedAt: 1,
    progress: { items: [] },
    ...overrides,
  };
}

describe('operations store', () => {
  it('lists what main runs, then follows updates (newest first) with their output lines', async () => {
    const berth = new FakeBerth();
    berth.operations = [operation({ id: 'op-1-a', startedAt: 1 })];
    const store = createOperationsStore(berth.api, vi.fn());
    await waitForStore(store, (state) => state.phase === 'ready');
    expect(store.getSnapshot().operations.map((entry) => entry.summary.id)).toEqual(['op-1-a']);

    berth.emit(IpcEvent.OperationUpdated, {
      operation: operation({ id: 'op-2-b', kind: 'image.build', startedAt: 2 }),
      appendedLines: ['Step 1/2 : FROM scratch'],
      droppedLines: 0,
    });
    berth.emit(IpcEvent.OperationUpdated, {
      operation: operation({ id: 'op-2-b', kind: 'image.build', startedAt: 2, state: 'succeeded' }),
      appendedLines: ['Step 2/2 : COPY a /a'],
      droppedLines: 0,
    });
    const [build, pull] = store.getSnapshot().operations;
    expect(build?.summary.state).toBe('succeeded');
    expect(build?.lines).toEqual(['Step 1/2 : FROM scratch', 'Step 2/2 : COPY a /a']);
    expect(pull?.summary.id).toBe('op-1-a');
  });

  it('cancels through main, dismisses finished ones only, and clears finished by kind', async () => {
    const berth = new FakeBerth();
    berth.operations = [
      operation({ id: 'op-1-a', state: 'running' }),
      operation({ id: 'op-2-b', state: 'failed', startedAt: 2 }),
      operation({ id: 'op-3-c', state: 'succeeded', kind: 'container.run', startedAt: 3 }),
    ];
    const store = createOperationsStore(berth.api, vi.fn());
    await waitForStore(store, (state) => state.phase === 'ready');
    await store.cancel('op-1-a');
    expect(berth.callsTo(IpcChannel.OpsCancel)).toEqual([['op-1-a']]);
    store.dismiss('op-1-a');
    expect(store.getSnapshot().operations).toHaveLength(3);
    store.clearFinished(['image.pull']);
    expect(store.getSnapshot().operations.map((entry) => entry.summary.id)).toEqual(['op-3-c', 'op-1-a']);
    store.dismiss('op-3-c');
    expect(store.getSnapshot().operations.map((entry) => entry.summary.id)).toEqual(['op-1-a']);
  });

  it('reports a refused cancel', async () => {
    const berth = new FakeBerth();
    const reportError = vi.fn();
    const store = createOperationsStore(berth.api, reportError);
    berth.failNext(IpcChannel.OpsCancel, { code: ErrorCode.NotFound, message: 'No such operation' });
    await store.cancel('op-9-z');
    expect(reportError).toHaveBeenCalledWith(
      expect.objectContaining({ code: ErrorCode.NotFound }),
      'Could not cancel the task',
    );
  });

  it('bounds the output it keeps and counts what it dropped', () => {
    const lines = Array.from({ length: MAX_OUTPUT_LINES + 10 }, (_, index) => `line ${index}`);
    const entry = applyOperationUpdate(undefined, {
      operation: operation(),
      appendedLines: lines,
      droppedLines: 5,
    });
    expect(entry.lines).toHaveLength(MAX_OUTPUT_LINES);
    expect(entry.lines[0]).toBe('line 10');
    expect(entry.droppedLines).toBe(15);
  });
});
