import type { ExternalStore } from '../../../renderer/stores/external-store';

/**
 * Resolves with the store's state once `predicate` holds (now or after a later update). Subscribing also
 * starts the store, as a component would.
 */
export function waitForStore<T>(store: ExternalStore<T>, predicate: (state: T) => boolean): Promise<T> {
  return new Promise((resolve) => {
    let unsubscribe: (() => void) | undefined;
    let done = false;
    const check = () => {
      if (done || !predicate(store.getSnapshot())) return;
      done = true;
      unsubscribe?.();
      resolve(store.getSnapshot());
    };
    unsubscribe = store.subscribe(check);
    check();
  });
}
