import {
  type BerthApi,
  type BerthBridge,
  ErrorCode,
  type EventName,
  groupByDomain,
  type InvokeChannel,
  type IpcEnvelope,
  IpcError,
  type IpcEventMap,
  isErrorCode,
  splitChannel,
} from '../../electron/common/bridge';

declare global {
  interface Window {
    /** Exposed by the preload script; only `renderer/lib/api.ts` may touch it. */
    berth: BerthBridge;
  }
}

type BridgeMethod = (...args: unknown[]) => Promise<IpcEnvelope<unknown>>;
type ApiMethod = (...args: unknown[]) => Promise<unknown>;

/** Turns an envelope into its value, or throws the `IpcError` it carries. */
export function unwrapEnvelope<T>(envelope: IpcEnvelope<T>): T {
  if (envelope.ok) return envelope.value;
  const { code, message } = envelope.error;
  throw new IpcError(isErrorCode(code) ? code : ErrorCode.Internal, message);
}

/** Anything thrown on the way (a closed bridge, a preload bug) becomes an `IpcError`, so callers see one type. */
export function toIpcError(error: unknown): IpcError {
  if (error instanceof IpcError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new IpcError(ErrorCode.Internal, message, { cause: error });
}

/** The bridge's function for one channel, looked up by name (the bridge is whatever preload exposed). */
function bridgeMethod(bridge: BerthBridge, channel: InvokeChannel): BridgeMethod | undefined {
  const { domain, verb } = splitChannel(channel);
  const domains: Record<string, unknown> = bridge;
  const group = domains[domain];
  const method: unknown =
    typeof group === 'object' && group !== null ? (group as Record<string, unknown>)[verb] : undefined;
  return isBridgeMethod(method) ? method : undefined;
}

function isBridgeMethod(value: unknown): value is BridgeMethod {
  return typeof value === 'function';
}

/**
 * Builds the renderer-side API from a bridge, one method per invoke channel of the contract.
 * `getBridge` is read on every call so the page never holds a bridge that tests or reloads replaced.
 */
export function createApi(getBridge: () => BerthBridge | undefined): BerthApi {
  const bridge = (): BerthBridge => {
    const current = getBridge();
    if (current === undefined) {
      throw new IpcError(ErrorCode.Internal, 'Berth’s bridge to the main process is missing (no preload).');
    }
    return current;
  };

  const domains = groupByDomain<ApiMethod>((channel) => async (...args: unknown[]) => {
    let envelope: IpcEnvelope<unknown>;
    try {
      const method = bridgeMethod(bridge(), channel);
      if (method === undefined) {
        throw new IpcError(ErrorCode.Internal, `The bridge does not offer ${channel}.`);
      }
      envelope = await method(...args);
    } catch (error) {
      throw toIpcError(error);
    }
    return unwrapEnvelope(envelope);
  });

  const events = {
    on<E extends EventName>(name: E, listener: (payload: IpcEventMap[E]) => void): () => void {
      return bridge().events.on(name, listener);
    },
  };

  // An assertion, not a proof: the methods come from a loop over the channel list (see createBridge).
  return { ...domains, events } as BerthApi;
}

/** The API over `window.berth`, for the app's composition root; components reach it only through stores. */
export const api: BerthApi = createApi(() => (typeof window === 'undefined' ? undefined : window.berth));
