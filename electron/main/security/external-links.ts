import { ErrorCode, IpcError } from '../../common';
import { isSafeExternalUrl } from './policy';

/**
 * The one way the renderer can hand a URL to the operating system (published ports open in the system
 * browser). Only plain http(s) URLs with a host and no credentials pass; `javascript:`, `file:`, custom schemes
 * and anything that does not parse are refused before the opener is called.
 */
export class ExternalLinks {
  /** @param open the system opener (`shell.openExternal`, injected by the composition root). */
  constructor(private readonly open: (url: string) => Promise<void>) {}

  async openExternal(url: string): Promise<void> {
    if (!isSafeExternalUrl(url)) {
      throw new IpcError(ErrorCode.Validation, 'Berth opens only http and https links in the browser.');
    }
    // What the OS gets is the URL as the check parsed it, so no parser disagreement can slip through.
    const normalised = new URL(url).href;
    try {
      await this.open(normalised);
    } catch (error) {
      throw new IpcError(ErrorCode.Internal, `The system could not open ${normalised}.`, { cause: error });
    }
  }
}
