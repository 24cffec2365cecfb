import type Dockerode from 'dockerode';

import type { EngineId } from '../../../common';
import type { DockerEvent } from '../engine/events';
import type { ListDemand } from './list-demand';

/** What an event says about one object of a list (see {@link RevisionedListSpec.target}). */
export interface EventTarget<T = unknown> {
  /** The object's key in the list (a container's or network's id, a volume's name). */
  key: string;
  /** The object is gone (`destroy`): its row goes without asking the daemon. */
  gone: boolean;
  /**
   * What the row must show once the daemon's list has caught up with the event. Some events are sent before the
   * list reflects them (20.10 sends `die` and `pause` before it saves the state that `/containers/json` reads):
   * an answer that does not show it yet is asked again, a few times, shortly after.
   */
  expect?: (row: T) => boolean;
}

/**
 * How one resource list is fetched and compared. `R` is one item of the daemon's answer and `J` another source
 * joined into the rows (the images list joins the containers list for its usage counts); both default to "the
 * answer is the rows".
 */
export interface RevisionedListSpec<T, R = T, J = undefined> {
  /** For log lines: `containers`, `volumes`. */
  name: string;
  /** Fetches the whole list of one engine: one daemon request. */
  fetch: (engineId: EngineId, client: Dockerode, signal: AbortSignal) => Promise<R[]>;
  /**
   * Fetches only the objects with these keys: one daemon request with a `filters` of ids or names. Items whose
   * key is not asked for are ignored (a name filter also matches parts of names). Without it, every change but a
   * drop refetches the whole list.
   */
  fetchSome?: (engineId: EngineId, client: Dockerode, keys: string[], signal: AbortSignal) => Promise<R[]>;
  /**
   * The one object an event is about, when refreshing that object alone is enough; `undefined` when the event
   * can change more (then the whole list is refetched). Only asked for events that {@link affects} the list.
   */
  target?: (event: DockerEvent) => EventTarget<T> | undefined;
  /**
   * Loaded alongside each fetch (not inside its deadline), and again by {@link RevisionedList.rejoin} when only it
   * changed, so the rows can be re-joined without asking the daemon again. `fresh` for a
   * {@link RevisionedList.refreshNow} (a change we made, a decision to take): the source must be current too.
   */
  join?: (engineId: EngineId, fresh: boolean) => Promise<J>;
  /** The row of one item of the daemon's answer and the joined source. Required when `R` is not `T`. */
  row?: (engineId: EngineId, item: R, joined: J) => T;
  /** The item's key (a container's or network's id, a volume's name). */
  keyOf: (item: T) => string;
  /** Whether two rows with one key are the same (only changed rows are pushed). Default: structural equality. */
  same?: (a: T, b: T) => boolean;
  /**
   * The row as the event alone says it is now (a container's `die`: exited), without asking the daemon; used while
   * the window is hidden (see ListDemand), the exact row is fetched when it is shown. `undefined`: the event says
   * too little.
   */
  patch?: (row: T, event: DockerEvent) => T | undefined;
  /** Whether an event can change the list. */
  affects: (event: DockerEvent) => boolean;
}

export interface RevisionedListOptions {
  logger?: Pick<Console, 'warn'>;
  /**
   * Keep every engine's list current from its first connect, listed or not (containers and images: the tray,
   * notifications and "All hosts" read them without listing first). Default false: nothing is fetched for an
   * engine until someone lists it.
   */
  eager?: boolean;
  /** Defers event-driven fetches while nobody looks (see ListDemand); always active without it. */
  demand?: ListDemand;
}
