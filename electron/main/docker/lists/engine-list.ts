import type { EngineId } from '../../../common';

/** What a RevisionedList keeps per engine: its rows and what is wanted, in flight and expected. */
export interface EngineList<T, R> {
  engineId: EngineId;
  revision: number;
  items: Map<string, T>;
  /** The daemon's answer behind each row, for re-joining without a request. */
  raws: Map<string, R>;
  /** The engine was removed: a fetch still in flight must push nothing. */
  removed?: boolean;
  /** Someone listed it since the engine (re)connected: events keep it current from then on. */
  watched: boolean;
  /** The whole list was fetched since the engine (re)connected. */
  loaded: boolean;
  /** The whole list must be fetched again: a (re)connect, a change we made, an event naming no one object. */
  wantAll: boolean;
  /** Objects named by events since the fetch that will cover them started. */
  wantKeys: Set<string>;
  /** Objects dropped while a fetch was in flight: its answer, older than their `destroy`, may still hold them. */
  droppedInFlight: Set<string>;
  /** The last background fetch failed: the next event (or list) tries again, not a loop. */
  failed: boolean;
  running?: Promise<void>;
  /** The fetch in flight is of the whole list. */
  runningWhole: boolean;
  /** The next fetch is for {@link RevisionedList.refreshNow}: its joined source must be current too. */
  wantFresh: boolean;
  /** A fetch is about to start (after the events read so far). */
  scheduled: boolean;
  /** What rows must show once the daemon's list has caught up with their last event (see EventTarget.expect). */
  expected: Map<string, { check: (row: T) => boolean; retries: number }>;
  /** One more fetch to run after `running`, with its waiters. */
  queued?: { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void };
}

/** The state of an engine not listed yet. */
export function emptyEngineList<T, R>(engineId: EngineId, watched: boolean): EngineList<T, R> {
  return {
    engineId,
    revision: 0,
    items: new Map(),
    raws: new Map(),
    watched,
    loaded: false,
    wantAll: false,
    wantKeys: new Set(),
    droppedInFlight: new Set(),
    failed: false,
    runningWhole: false,
    wantFresh: false,
    scheduled: false,
    expected: new Map(),
  };
}
