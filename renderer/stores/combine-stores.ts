import type { ExternalStore } from './external-store';

/**
 * One store over two: its snapshot is `combine(a, b)`, rebuilt only when either side's snapshot changes, so
 * `useSyncExternalStore` sees a stable value between changes.
 */
export function combineStores<A, B, C>(
  a: ExternalStore<A>,
  b: ExternalStore<B>,
  combine: (a: A, b: B) => C,
): ExternalStore<C> {
  let lastA: A | undefined;
  let lastB: B | undefined;
  let last: C | undefined;
  const getSnapshot = (): C => {
    const nextA = a.getSnapshot();
    const nextB = b.getSnapshot();
    if (last === undefined || !Object.is(nextA, lastA) || !Object.is(nextB, lastB)) {
      lastA = nextA;
      lastB = nextB;
      last = combine(nextA, nextB);
    }
    return last;
  };
  return {
    getSnapshot,
    subscribe(listener) {
      const offA = a.subscribe(listener);
      const offB = b.subscribe(listener);
      return () => {
        offA();
        offB();
      };
    },
  };
}
