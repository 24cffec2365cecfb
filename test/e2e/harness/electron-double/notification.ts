import { EventEmitter } from 'node:events';

import type { NotificationConstructorOptions } from 'electron';

import type { NotificationRecord } from './control-protocol.js';
import { createEvent } from './events.js';

const shown: { record: NotificationRecord; notification: NotificationDouble }[] = [];

/** `Notification` (main process): `show()` records it for the harness, which can also click it. */
export class NotificationDouble extends EventEmitter {
  title: string;
  subtitle: string;
  body: string;
  silent: boolean;
  urgency: string;
  private record: NotificationRecord | undefined;

  constructor(options: NotificationConstructorOptions = {}) {
    super();
    this.title = options.title ?? '';
    this.subtitle = options.subtitle ?? '';
    this.body = options.body ?? '';
    this.silent = options.silent ?? false;
    this.urgency = options.urgency ?? 'normal';
  }

  static isSupported(): boolean {
    return true;
  }

  show(): void {
    if (this.record === undefined) {
      this.record = {
        title: this.title,
        subtitle: this.subtitle,
        body: this.body,
        silent: this.silent,
        urgency: this.urgency,
        shown: true,
        closed: false,
      };
      shown.push({ record: this.record, notification: this });
    }
    this.emit('show', createEvent());
  }

  close(): void {
    if (this.record === undefined || this.record.closed) return;
    this.record.closed = true;
    this.emit('close', createEvent());
  }
}

export function notificationRecords(): NotificationRecord[] {
  return shown.map((entry) => ({ ...entry.record }));
}

/** A user clicks the n-th notification shown (0-based). */
export function clickNotification(index: number): void {
  const entry = shown[index];
  if (entry === undefined) throw new Error(`No notification #${index} was shown (${shown.length} were)`);
  entry.notification.emit('click', createEvent());
}
