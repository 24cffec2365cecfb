import type Dockerode from 'dockerode';

import { type DockerEvent, toDockerEvent, toSinceParam } from './events';
import { NdjsonParser } from './ndjson';

/** Runs one step of connecting under the connect deadline (and the attempt's and the registry's signals). */
export type ConnectStep = <T>(call: (signal: AbortSignal) => Promise<T>) => Promise<T>;

/**
 * Opens `/events` (from just after `lastEventNano` after a reconnect, so nothing is missed). The stream lives as
 * long as the connection, so its signal is `events`, not the step's: only the wait for the response headers has
 * a deadline.
 */
export function openEventStream(
  client: Dockerode,
  events: AbortController,
  lastEventNano: bigint | undefined,
  step: ConnectStep,
): Promise<NodeJS.ReadableStream> {
  const query: Dockerode.GetEventsOptions = { abortSignal: events.signal };
  if (lastEventNano !== undefined) Object.assign(query, { since: toSinceParam(lastEventNano + 1n) });
  return step(async (signal) => {
    const abortOpen = (): void => events.abort(signal.reason);
    signal.addEventListener('abort', abortOpen, { once: true });
    try {
      return await client.getEvents(query);
    } finally {
      signal.removeEventListener('abort', abortOpen);
    }
  });
}

interface EventStreamHandlers {
  onEvent(event: DockerEvent): void;
  /** A line that is not JSON: skipped. */
  onUnreadable(error: Error): void;
  /** The stream has ended or failed (once); `error` is absent when the daemon ended it. */
  onClosed(error?: unknown): void;
}

/** Parses the `/events` stream; resolves when it has closed (for whatever reason). */
export function watchEventStream(
  stream: NodeJS.ReadableStream,
  now: () => number,
  handlers: EventStreamHandlers,
): Promise<void> {
  const parser = new NdjsonParser({
    onValue: (value, line) => {
      const event = toDockerEvent(value, line, now);
      if (event) handlers.onEvent(event);
    },
    onError: (error) => handlers.onUnreadable(error),
  });
  return new Promise<void>((resolve) => {
    let ended = false;
    const finish = (error?: unknown): void => {
      if (ended) return;
      ended = true;
      resolve();
      handlers.onClosed(error);
    };
    stream.on('data', (chunk: Buffer | string) => parser.push(chunk));
    stream.on('error', (error: unknown) => finish(error ?? new Error('stream error')));
    stream.on('end', () => {
      parser.end();
      finish();
    });
    stream.on('close', () => finish());
  });
}
