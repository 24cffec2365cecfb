import { EVENT_TRANSPORT_CHANNEL, type EventMessage } from '../../common';
import type { Publish } from '../docker/ports';

/** Something events can be delivered to: a window's `webContents`. */
export interface EventTarget {
  send(channel: string, message: unknown): void;
  isDestroyed(): boolean;
}

/**
 * The one way main pushes to windows: one typed channel, behind the `Publish` port. Events published before any window is ready are queued (bounded):
 * a renderer that misses one sees a revision gap and refetches, so dropping the oldest is safe.
 */
export class AppEventBus {
  private readonly targets = new Set<EventTarget>();
  private readonly queue: EventMessage[] = [];

  constructor(private readonly maxQueued = 1000) {}

  /** The `Publish` port every service is given: a bound function, so it can be passed on as it is. */
  readonly publish: Publish = (name, payload) => {
    const message: EventMessage = { name, payload };
    const live = [...this.targets].filter((target) => !target.isDestroyed());
    if (live.length === 0) {
      this.queue.push(message);
      if (this.queue.length > this.maxQueued) this.queue.shift();
      return;
    }
    for (const target of live) target.send(EVENT_TRANSPORT_CHANNEL, message);
  };

  /** Starts delivering to `target` (call once its page has loaded) and flushes what was queued. */
  attach(target: EventTarget): () => void {
    this.targets.add(target);
    const queued = this.queue.splice(0);
    for (const message of queued) target.send(EVENT_TRANSPORT_CHANNEL, message);
    return () => this.targets.delete(target);
  }
}
