import { useEffect, useLayoutEffect, useRef } from 'react';

import {
  type BerthApi,
  type EventName,
  type ExecStarted,
  type IpcError,
  IpcEvent,
  type IpcEventMap,
  type LogsOpened,
  type StatsOpened,
} from '../../electron/common/bridge';
import { toIpcError } from '../lib/api';
import { useStores } from '../stores/StoresProvider';

/**
 * One kind of stream main opens on an engine (a container's log, a terminal session, stats; later Compose and
 * Swarm logs): an invoke opens it and answers with its id, then pushed events carry that id until one says it
 * ended, and an invoke closes it. Adding a kind is one object like those below.
 */
interface EngineStreamKind<Data extends EventName, Ended extends EventName, Opened> {
  /** The event carrying the stream's output. */
  data: Data;
  /** The event saying the stream ended (finished, failed or closed by main); nothing follows it. */
  ended: Ended;
  /** The stream an event belongs to. */
  idOf(payload: IpcEventMap[Data] | IpcEventMap[Ended]): string;
  /** The stream id in the open call's answer. */
  openedId(opened: Opened): string;
  close(api: BerthApi, id: string): Promise<unknown>;
}

export const logsStream: EngineStreamKind<
  typeof IpcEvent.LogsReceived,
  typeof IpcEvent.LogsEnded,
  LogsOpened
> = {
  data: IpcEvent.LogsReceived,
  ended: IpcEvent.LogsEnded,
  idOf: (payload) => payload.streamId,
  openedId: (opened) => opened.streamId,
  close: (api, id) => api.logs.close(id),
};

export const execStream: EngineStreamKind<
  typeof IpcEvent.ExecOutputReceived,
  typeof IpcEvent.ExecEnded,
  ExecStarted
> = {
  data: IpcEvent.ExecOutputReceived,
  ended: IpcEvent.ExecEnded,
  idOf: (payload) => payload.sessionId,
  openedId: (started) => started.sessionId,
  close: (api, id) => api.exec.close(id),
};

export const statsStream: EngineStreamKind<
  typeof IpcEvent.StatsSampled,
  typeof IpcEvent.StatsEnded,
  StatsOpened
> = {
  data: IpcEvent.StatsSampled,
  ended: IpcEvent.StatsEnded,
  idOf: (payload) => payload.streamId,
  openedId: (opened) => opened.streamId,
  close: (api, id) => api.stats.close(id),
};

interface EngineStreamHandlers<Data extends EventName, Ended extends EventName, Opened> {
  /** Output of this stream, in arrival order — including what arrived before its id was known. */
  onData(payload: IpcEventMap[Data], id: string): void;
  /** The stream ended; it is not closed again. */
  onEnded?(payload: IpcEventMap[Ended], id: string): void;
  /** The open call answered (before the early events are replayed). */
  onOpened?(opened: Opened): void;
  /** The open call failed. */
  onFailed?(error: IpcError): void;
  /**
   * The host's connection broke: main resumes the stream by itself, under the same id, once the host is back
   * (from where it stopped: no line lost or repeated). Show that it is reconnecting.
   */
  onInterrupted?(reason: string, id: string): void;
  /** The stream is live again after an interruption: show a short "reconnected" mark where it resumed. */
  onResumed?(id: string): void;
}

type Arrival<Data extends EventName, Ended extends EventName> =
  { ended: false; payload: IpcEventMap[Data] } | { ended: true; payload: IpcEventMap[Ended] };

/**
 * Opens a stream and routes its events to `handlers`; returns the disposer, which closes the stream (at once if
 * its id is known, else as soon as the open call answers). Main may push the first events before the open call's
 * answer reaches the page, so events that arrive while the id is unknown are kept and replayed in order once it
 * is known (events of other streams among them are then dropped).
 */
export function subscribeEngineStream<Data extends EventName, Ended extends EventName, Opened>(
  api: BerthApi,
  kind: EngineStreamKind<Data, Ended, Opened>,
  open: () => Promise<Opened>,
  handlers: EngineStreamHandlers<Data, Ended, Opened>,
): () => void {
  let id: string | undefined;
  let disposed = false;
  let ended = false;
  const early: Array<Arrival<Data, Ended>> = [];
  const receive = (arrival: Arrival<Data, Ended>): void => {
    if (disposed || ended) return;
    if (id === undefined) {
      early.push(arrival);
      return;
    }
    if (kind.idOf(arrival.payload) !== id) return;
    if (!arrival.ended) {
      handlers.onData(arrival.payload, id);
      return;
    }
    ended = true;
    handlers.onEnded?.(arrival.payload, id);
  };
  const offData = api.events.on(kind.data, (payload) => receive({ ended: false, payload }));
  const offEnded = api.events.on(kind.ended, (payload) => receive({ ended: true, payload }));
  // Interruptions come only after the open call answered and its data (main sends them in order).
  const current = (streamId: string): boolean => !disposed && !ended && id !== undefined && streamId === id;
  const offInterrupted = api.events.on(IpcEvent.StreamInterrupted, (payload) => {
    if (current(payload.streamId)) handlers.onInterrupted?.(payload.reason, payload.streamId);
  });
  const offResumed = api.events.on(IpcEvent.StreamResumed, (payload) => {
    if (current(payload.streamId)) handlers.onResumed?.(payload.streamId);
  });
  open().then(
    (opened) => {
      const openedId = kind.openedId(opened);
      if (disposed) {
        void kind.close(api, openedId).catch(() => undefined);
        return;
      }
      id = openedId;
      handlers.onOpened?.(opened);
      for (const arrival of early.splice(0)) receive(arrival);
    },
    (caught: unknown) => {
      if (!disposed) handlers.onFailed?.(toIpcError(caught));
    },
  );
  return () => {
    disposed = true;
    offData();
    offEnded();
    offInterrupted();
    offResumed();
    // An ended stream is already gone in main.
    if (id !== undefined && !ended) void kind.close(api, id).catch(() => undefined);
  };
}

/** What `useEngineStream` tells its caller. */
interface EngineStreamState {
  /** The open stream's id: undefined until the open call answered, and once it ended or was closed. */
  readonly current: string | undefined;
}

/**
 * Keeps one engine stream open while the component is mounted and `open` is defined: `open` is called in an
 * effect, so a new `open` (memoise it with `useCallback` over what the stream depends on) closes the stream and
 * opens another; unmounting closes it. The handlers of the latest render receive the events.
 */
export function useEngineStream<Data extends EventName, Ended extends EventName, Opened>(
  kind: EngineStreamKind<Data, Ended, Opened>,
  open: (() => Promise<Opened>) | undefined,
  handlers: EngineStreamHandlers<Data, Ended, Opened>,
): EngineStreamState {
  const { api } = useStores();
  const handlersRef = useRef(handlers);
  const live = useRef<string | undefined>(undefined);
  useLayoutEffect(() => {
    handlersRef.current = handlers;
  });
  useEffect(() => {
    if (open === undefined) return;
    const dispose = subscribeEngineStream(api, kind, open, {
      onData: (payload, id) => handlersRef.current.onData(payload, id),
      onEnded: (payload, id) => {
        live.current = undefined;
        handlersRef.current.onEnded?.(payload, id);
      },
      onOpened: (opened) => {
        live.current = kind.openedId(opened);
        handlersRef.current.onOpened?.(opened);
      },
      onFailed: (error) => handlersRef.current.onFailed?.(error),
      onInterrupted: (reason, id) => handlersRef.current.onInterrupted?.(reason, id),
      onResumed: (id) => handlersRef.current.onResumed?.(id),
    });
    return () => {
      live.current = undefined;
      dispose();
    };
  }, [api, kind, open]);
  return live;
}
