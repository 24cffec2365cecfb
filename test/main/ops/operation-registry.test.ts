import { afterEach, describe, expect, it, vi } from 'vitest';

import { ErrorCode, IpcError, type OperationUpdate } from '../../../electron/common';
import { OperationRegistry } from '../../../electron/main/ops/operation-registry';

afterEach(() => vi.useRealTimers());

const spec = { kind: 'image.pull', engineId: 'local', title: 'Pull web:1' } as const;

function record(registry: OperationRegistry): OperationUpdate[] {
  const updates: OperationUpdate[] = [];
  registry.onUpdated((update) => updates.push(update));
  return updates;
}

describe('OperationRegistry', () => {
  it('announces a start, reports success with the result, and lists it', async () => {
    const registry = new OperationRegistry();
    const updates = record(registry);
    const started = registry.start(spec, () => Promise.resolve({ resultId: 'sha256:abc' }));
    expect(started).toMatchObject({ state: 'running', kind: 'image.pull', engineId: 'local' });
    expect(started.id).toMatch(/^op-[a-z0-9-]+$/);
    const final = await registry.whenFinished(started.id);
    expect(final).toMatchObject({ state: 'succeeded', resultId: 'sha256:abc' });
    expect(updates.map((update) => update.operation.state)).toEqual(['running', 'succeeded']);
    expect(registry.list()).toEqual([final]);
  });

  it('cancels what runs on a removed engine and nothing of the others', async () => {
    const registry = new OperationRegistry();
    const waitForAbort = (context: { signal: AbortSignal }): Promise<void> =>
      new Promise((_resolve, reject) =>
        context.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }),
      );
    const gone = registry.start({ ...spec, engineId: 'host:gone' }, waitForAbort);
    let finishKept: () => void = () => undefined;
    const kept = registry.start(spec, () => new Promise<void>((resolve) => (finishKept = resolve)));
    registry.cancelEngine('host:gone');
    expect(await registry.whenFinished(gone.id)).toMatchObject({
      state: 'cancelled',
      error: { code: ErrorCode.Cancelled },
    });
    expect(registry.get(kept.id).state).toBe('running');
    finishKept();
    expect((await registry.whenFinished(kept.id)).state).toBe('succeeded');
  });

  it('throttles progress to one update per window and always sends the final state', async () => {
    vi.useFakeTimers();
    const registry = new OperationRegistry({ throttleMs: 100 });
    const updates = record(registry);
    let finish: () => void = () => undefined;
    const op = registry.start(spec, (context) => {
      for (let i = 1; i <= 1000; i++) context.report({ fraction: i / 1000 });
      return new Promise<void>((resolve) => (finish = resolve));
    });
    await vi.advanceTimersByTimeAsync(100);
    expect(updates).toHaveLength(2);
    expect(updates[1]?.operation.progress.fraction).toBe(1);
    finish();
    await registry.whenFinished(op.id);
    expect(updates.at(-1)?.operation.state).toBe('succeeded');
    expect(updates).toHaveLength(3);
  });

  it('carries output lines in order and counts the ones it had to drop', async () => {
    vi.useFakeTimers();
    const registry = new OperationRegistry({ throttleMs: 50, maxLinesPerUpdate: 3 });
    const updates = record(registry);
    const op = registry.start(spec, async (context) => {
      context.appendLines(['1', '2']);
      context.appendLines(['3', '4', '5']);
      await new Promise((resolve) => setTimeout(resolve, 60));
      context.appendLines(['6']);
    });
    await vi.advanceTimersByTimeAsync(200);
    await registry.whenFinished(op.id);
    const lines = updates.flatMap((update) => update.appendedLines);
    expect(lines).toEqual(['3', '4', '5', '6']);
    expect(updates.reduce((sum, update) => sum + update.droppedLines, 0)).toBe(2);
  });

  it('cancels through the signal and reports cancelled, not failed', async () => {
    const registry = new OperationRegistry();
    const op = registry.start(
      spec,
      (context) =>
        new Promise((_resolve, reject) => {
          context.signal.addEventListener('abort', () => reject(new Error('socket destroyed')));
        }),
    );
    registry.cancel(op.id);
    const final = await registry.whenFinished(op.id);
    expect(final.state).toBe('cancelled');
    expect(final.error?.code).toBe(ErrorCode.Cancelled);
    expect(() => registry.cancel(op.id)).not.toThrow();
  });

  it('keeps an IpcError as it is and hides other errors behind a plain message', async () => {
    const onUnexpectedError = vi.fn();
    const registry = new OperationRegistry({ onUnexpectedError });
    const known = registry.start(spec, () =>
      Promise.reject(new IpcError(ErrorCode.NotFound, 'manifest unknown')),
    );
    const unknown = registry.start(spec, () => Promise.reject(new Error('token=secret')));
    expect((await registry.whenFinished(known.id)).error).toEqual({
      code: ErrorCode.NotFound,
      message: 'manifest unknown',
    });
    const hidden = await registry.whenFinished(unknown.id);
    expect(hidden.error?.code).toBe(ErrorCode.Internal);
    expect(JSON.stringify(hidden)).not.toContain('secret');
    expect(onUnexpectedError).toHaveBeenCalledTimes(1);
  });

  it('remembers only the newest finished operations and refuses unknown ids', async () => {
    const registry = new OperationRegistry({ keepFinished: 2 });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const op = registry.start(spec, () => Promise.resolve());
      ids.push(op.id);
      await registry.whenFinished(op.id);
    }
    expect(registry.list().map((op) => op.id)).toEqual(ids.slice(2));
    expect(() => registry.cancel('op-nope')).toThrow(IpcError);
    expect(() => registry.get(ids[0])).toThrow(/No such operation/);
  });

  it('ignores progress after the end', async () => {
    const registry = new OperationRegistry();
    const updates = record(registry);
    let late: ((fraction: number) => void) | undefined;
    const op = registry.start(spec, (context) => {
      late = (fraction) => context.report({ fraction });
      return Promise.resolve();
    });
    await registry.whenFinished(op.id);
    late?.(0.5);
    expect(registry.get(op.id).progress.fraction).toBeUndefined();
    expect(updates).toHaveLength(2);
  });
});
