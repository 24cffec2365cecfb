/** A minimal observable value shaped for `useSyncExternalStore`. */
export interface ExternalStore<T> {
  getSnapshot: () => T;
  subscribe: (listener: () => void) => () => void;
}

/** The writable side of an {@link ExternalStore}; kept inside the store modules. */
export interface WritableStore<T> extends ExternalStore<T> {
  set: (next: T) => void;
  update: (producer: (current: T) => T) => void;
}

/**
 * Creates a store holding one immutable value. `onFirstSubscribe` runs once, when the first component
 * subscribes, so a store starts its IPC work only when something shows it.
 */
export function createExternalStore<T>(initial: T, onFirstSubscribe?: () => void): WritableStore<T> {
  let value = initial;
  let started = false;
  const listeners = new Set<() => void>();

  const set = (next: T): void => {
    if (Object.is(next, value)) return;
    value = next;
    for (const listener of [...listeners]) listener();
  };

  return {
    getSnapshot: () => value,
    subscribe(listener) {
      listeners.add(listener);
      if (!started) {
        started = true;
        onFirstSubscribe?.();
      }
      return () => {
        listeners.delete(listener);
      };
    },
    set,
    update: (producer) => set(producer(value)),
  };
}
