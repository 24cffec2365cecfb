import type { BerthApi } from '../../electron/common/bridge';
import { toIpcError } from '../lib/api';
import type { ReportError } from './report-error';

/** Hand-offs to the operating system. */
export interface ShellActions {
  /** Opens an http(s) URL in the system browser (main refuses anything else); a failure is reported. */
  openExternal: (url: string) => Promise<void>;
}

export function createShellActions(api: BerthApi, reportError: ReportError): ShellActions {
  return {
    async openExternal(url) {
      try {
        await api.shell.openExternal(url);
      } catch (error) {
        reportError(toIpcError(error), `Could not open ${url}`);
      }
    },
  };
}
