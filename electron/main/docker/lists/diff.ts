// How two lists of rows differ, and how the revisioned lists compare rows by default.

/** Structural equality of plain DTO data (strings, numbers, booleans, arrays, plain objects). */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => sameData(item, b[index]));
  }
  const aRecord = a as Record<string, unknown>;
  const bRecord = b as Record<string, unknown>;
  const keys = Object.keys(aRecord).filter((key) => aRecord[key] !== undefined);
  if (keys.length !== Object.keys(bRecord).filter((key) => bRecord[key] !== undefined).length) return false;
  return keys.every((key) => Object.hasOwn(bRecord, key) && sameData(aRecord[key], bRecord[key]));
}

/** The items that differ between two lists of one engine. */
export function diffByKey<T>(
  previous: ReadonlyMap<string, T>,
  next: readonly T[],
  keyOf: (item: T) => string,
  same: (a: T, b: T) => boolean = sameData,
): { upserted: T[]; removed: string[] } {
  const nextKeys = new Set(next.map(keyOf));
  const upserted = next.filter((item) => {
    const before = previous.get(keyOf(item));
    return before === undefined || !same(before, item);
  });
  const removed = [...previous.keys()].filter((key) => !nextKeys.has(key));
  return { upserted, removed };
}
