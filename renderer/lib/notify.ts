import { notifications } from '@mantine/notifications';

import type { IpcError } from '../../electron/common/bridge';

/**
 * Shows a failed action as a notification: the title says what failed, the message is the error's own
 * sentence, and the stable code rides along as `data-error-code` for tests and support.
 */
export function showErrorNotification(error: IpcError, title: string): void {
  notifications.show({
    color: 'red',
    title,
    message: error.message,
    autoClose: 8000,
    'data-error-code': error.code,
    'data-testid': 'error-notification',
  });
}
