import type { IpcMainInvokeEvent } from 'electron';
import { type z } from 'zod';

import {
  ErrorCode,
  type InvokeArgs,
  type InvokeChannel,
  invokeContract,
  type InvokeResult,
  type IpcEnvelope,
  IpcError,
} from '../../common';

/** The part of `ipcMain` the router needs; tests pass a double. */
export interface InvokeRegistrar {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export type InvokeHandler<C extends InvokeChannel> = (
  ...args: InvokeArgs<C>
) => Promise<InvokeResult<C>> | InvokeResult<C>;

/** One handler per channel of the contract: a missing or extra channel is a compile error. */
export type InvokeHandlers = { [C in InvokeChannel]: InvokeHandler<C> };

interface InvokeRouterOptions {
  /** Decides whether an event comes from a frame we trust (our window's main frame on our origin). */
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean;
  /** Receives unexpected failures (never the payload, which may hold secrets). */
  onUnexpectedError?: (channel: InvokeChannel, error: unknown) => void;
}

/**
 * Registers every invoke channel through one gate: sender first, then the payload against the channel's zod
 * schema, then the service. Errors become data with stable codes, because only an error's message survives
 * `ipcMain.handle`.
 *
 * @returns a function that removes every handler it registered.
 */
export function registerInvokeHandlers(
  registrar: InvokeRegistrar,
  handlers: InvokeHandlers,
  options: InvokeRouterOptions,
): () => void {
  const channels = Object.keys(invokeContract) as InvokeChannel[];
  for (const channel of channels) {
    registrar.handle(channel, (event, ...args) => dispatch(channel, handlers, options, event, args));
  }
  return () => {
    for (const channel of channels) registrar.removeHandler(channel);
  };
}

async function dispatch<C extends InvokeChannel>(
  channel: C,
  handlers: InvokeHandlers,
  options: InvokeRouterOptions,
  event: IpcMainInvokeEvent,
  rawArgs: unknown[],
): Promise<IpcEnvelope<InvokeResult<C>>> {
  try {
    if (!options.isTrustedSender(event)) {
      throw new IpcError(ErrorCode.Forbidden, 'This request did not come from a Berth window.');
    }
    const schema: z.ZodTuple = invokeContract[channel].args;
    const parsed = schema.safeParse(rawArgs);
    if (!parsed.success) {
      throw new IpcError(
        ErrorCode.Validation,
        `Invalid request to ${channel}: ${describeIssues(parsed.error)}`,
      );
    }
    const handler = handlers[channel] as (...args: unknown[]) => Promise<InvokeResult<C>> | InvokeResult<C>;
    const value = await handler(...(parsed.data as unknown[]));
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: toErrorData(channel, error, options) };
  }
}

function toErrorData(channel: InvokeChannel, error: unknown, options: InvokeRouterOptions) {
  if (error instanceof IpcError) return error.toData();
  options.onUnexpectedError?.(channel, error);
  return { code: ErrorCode.Internal, message: 'Berth hit an unexpected error; details are in its log.' };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
