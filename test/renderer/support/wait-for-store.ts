import type { ExternalStore } from '../../../renderer/stores/external-store';

/**
 * Resolves with the store's state once `predicate` holds (now or after a later update). Subscribing also
 * starts the store, as a component would.
 */
export function waitForStore<T>(store: ExternalStore<T>, predicate: (state: T) => boolean): Promise<T> {
  return new Promise((resolve) => {
    // `check` can run inside `subscribe` (the store starts on its first subscriber), before it has returned.
    const subscription: { unsubscribe?: () => void } = {};
    let done = false;
    const check = () => {
      if (done || !predicate(store.getSnapshot())) return;
      done = true;
      subscription.unsubscribe?.();
      resolve(store.getSnapshot());
    };
    subscription.unsubscribe = store.subscribe(check);
    if (done) subscription.unsubscribe();
    check();
  });
}
