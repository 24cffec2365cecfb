import { describe, expect, it } from 'vitest';

import { EVENT_TRANSPORT_CHANNEL, IpcEvent } from '../../../electron/common';
import type { Publish } from '../../../electron/main/docker/ports';
import { AppEventBus, type EventTarget } from '../../../electron/main/ipc/event-bus';

class RecordingTarget implements EventTarget {
  readonly sent: { channel: string; message: unknown }[] = [];
  destroyed = false;
  send(channel: string, message: unknown): void {
    this.sent.push({ channel, message });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

const change = (revision: number) => ({ engineId: 'local', revision, upserted: [], removed: [] });

describe('AppEventBus', () => {
  it('queues events until a window is attached, then delivers them in order on the one transport channel', () => {
    const bus = new AppEventBus();
    bus.publish(IpcEvent.ContainersChanged, change(1));
    bus.publish(IpcEvent.ContainersChanged, change(2));
    const target = new RecordingTarget();
    bus.attach(target);
    bus.publish(IpcEvent.ContainersChanged, change(3));
    expect(target.sent.map((s) => s.channel)).toEqual([
      EVENT_TRANSPORT_CHANNEL,
      EVENT_TRANSPORT_CHANNEL,
      EVENT_TRANSPORT_CHANNEL,
    ]);
    expect(target.sent.map((s) => (s.message as { payload: { revision: number } }).payload.revision)).toEqual(
      [1, 2, 3],
    );
  });

  it('keeps only the newest events while nobody listens', () => {
    const bus = new AppEventBus(2);
    for (let revision = 1; revision <= 5; revision++)
      bus.publish(IpcEvent.ContainersChanged, change(revision));
    const target = new RecordingTarget();
    bus.attach(target);
    expect(target.sent.map((s) => (s.message as { payload: { revision: number } }).payload.revision)).toEqual(
      [4, 5],
    );
  });

  it('skips destroyed windows and stops after detach', () => {
    const bus = new AppEventBus();
    const a = new RecordingTarget();
    const b = new RecordingTarget();
    bus.attach(a);
    const detachB = bus.attach(b);
    a.destroyed = true;
    bus.publish(IpcEvent.ContainersChanged, change(1));
    detachB();
    bus.publish(IpcEvent.ContainersChanged, change(2));
    expect(a.sent).toHaveLength(0);
    expect(b.sent).toHaveLength(1);
  });

  it('is the Publish port: its publish works handed on by itself, as services receive it', () => {
    const bus = new AppEventBus();
    const target = new RecordingTarget();
    bus.attach(target);
    const publish: Publish = bus.publish;
    publish(IpcEvent.ContainersChanged, change(7));
    expect(target.sent).toEqual([
      { channel: EVENT_TRANSPORT_CHANNEL, message: { name: IpcEvent.ContainersChanged, payload: change(7) } },
    ]);
  });
});
