import { EVENT_TRANSPORT_CHANNEL, type EventMessage, type EventName, type IpcEventMap } from '../../common';

/** Something events can be delivered to: a window's `webContents`. */
export interface EventTarget {
  send(channel: string, message: unknown): void;
  isDestroyed(): boolean;
}

/**
 * Main → renderer push on one typed channel. Events published before any window is ready are queued (bounded):
 * a renderer that misses one sees a revision gap and refetches, so dropping the oldest is safe.
 */
export class AppEventBus {
  private readonly targets = new Set<EventTarget>();
  private readonly queue: EventMessage[] = [];

  constructor(private readonly maxQueued = 1000) {}

  publish<E extends EventName>(name: E, payload: IpcEventMap[E]): void {
    const message: EventMessage<E> = { name, payload };
    const live = [...this.targets].filter((target) => !target.isDestroyed());
    if (live.length === 0) {
      this.queue.push(message);
      if (this.queue.length > this.maxQueued) this.queue.shift();
      return;
    }
    for (const target of live) target.send(EVENT_TRANSPORT_CHANNEL, message);
  }

  /** Starts delivering to `target` (call once its page has loaded) and flushes what was queued. */
  attach(target: EventTarget): () => void {
    this.targets.add(target);
    const queued = this.queue.splice(0);
    for (const message of queued) target.send(EVENT_TRANSPORT_CHANNEL, message);
    return () => this.targets.delete(target);
  }
}
