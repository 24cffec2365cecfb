import { Notification } from 'electron';

import type { AppRoute } from '../../common';
import type { DesktopNotification } from '../notifications/notification-service';

/**
 * Shows native notifications. Each one is kept until it is clicked or closed, because Electron drops the click
 * handler of a notification that has been garbage-collected.
 */
export function createNotifier(open: (route: AppRoute) => void): (notification: DesktopNotification) => void {
  const alive = new Set<Notification>();
  return (notification) => {
    if (!Notification.isSupported()) return;
    const native = new Notification({ title: notification.title, body: notification.body });
    alive.add(native);
    native.on('click', () => {
      alive.delete(native);
      open(notification.route);
    });
    native.on('close', () => alive.delete(native));
    native.show();
  };
}
