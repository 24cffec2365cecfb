import type { IpcError } from '../../electron/common/bridge';

/**
 * How stores tell the user an action failed. Injected, so stores stay free of UI code; the app passes
 * one that shows a notification.
 */
export type ReportError = (error: IpcError, title: string) => void;
