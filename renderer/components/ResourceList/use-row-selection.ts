import { useCallback, useMemo, useRef, useState } from 'react';

import { itemKey, type PerEngine } from '../../lib/merge';
import type { TableSelection } from '../VirtualTable/VirtualTable';

/**
 * A row's key from its id in its host, per engine as the table's (`itemKey`). Make it once, outside the
 * component: the selection's callbacks change with it.
 */
export function perEngineKey<T extends PerEngine>(idOf: (item: T) => string): (item: T) => string {
  return (item) => itemKey({ engineId: item.engineId, id: idOf(item) });
}

interface RowSelectionOptions<T> {
  /** The row's key, as the table's `getKey` (`perEngineKey(idOf)` for rows keyed by engine and id). */
  keyOf: (item: T) => string;
  /** Every row of the listed hosts: what is checked but gone drops out of `chosen`. */
  items: readonly T[];
  /** The rows shown (filtered): what the header checkbox checks. */
  shown: readonly T[];
  /** A row checkbox's accessible name, e.g. `Select web on rig`. */
  itemLabel: (item: T) => string;
  allLabel: string;
  /** Rows the header checkbox leaves alone (they can never be acted on, e.g. predefined networks). */
  selectable?: (item: T) => boolean;
}

export interface RowSelection<T> {
  /** For `ResourceListPage`'s `selection`. */
  table: TableSelection<T>;
  /** The checked rows that still exist, in list order, of any host. */
  chosen: readonly T[];
  /** Checks or unchecks rows by key (a Compose project's rows, a removed row). */
  setChecked: (keys: Iterable<string>, checked: boolean) => void;
  /** Unchecks rows by key (`itemKey`), e.g. once they are removed. */
  drop: (keys: ReadonlySet<string>) => void;
  clear: () => void;
}

/** Checkboxes over the rows of every listed host (every list page): the selection spans hosts. */
export function useRowSelection<T>(options: RowSelectionOptions<T>): RowSelection<T> {
  const { items, shown, itemLabel, allLabel, selectable, keyOf } = options;
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const chosen = useMemo(() => items.filter((item) => selected.has(keyOf(item))), [items, selected, keyOf]);
  const candidates = useMemo(
    () => (selectable === undefined ? shown : shown.filter(selectable)).map(keyOf),
    [shown, selectable, keyOf],
  );
  const setChecked = useCallback(
    (keys: Iterable<string>, checked: boolean) =>
      setSelected((current) => {
        const next = new Set(current);
        for (const key of keys) {
          if (checked) next.add(key);
          else next.delete(key);
        }
        return next;
      }),
    [],
  );
  const drop = useCallback((keys: ReadonlySet<string>) => setChecked(keys, false), [setChecked]);
  const clear = useCallback(() => setSelected(new Set()), []);
  // The label is read when a row renders: callers may pass a new function each render without changing the table.
  const labelRef = useRef(itemLabel);
  labelRef.current = itemLabel;
  // Memoised so that rows (memoised on their props) do not all render again when the page does.
  const table = useMemo<TableSelection<T>>(
    () => ({
      selected,
      onToggle: (item) =>
        setSelected((current) => {
          const next = new Set(current);
          if (!next.delete(keyOf(item))) next.add(keyOf(item));
          return next;
        }),
      // Checks every shown row (of every host), or unchecks them when they all are; hidden rows keep their state.
      onToggleAll: () =>
        setSelected((current) => {
          const next = new Set(current);
          const check = !candidates.every((key) => current.has(key));
          for (const key of candidates) {
            if (check) next.add(key);
            else next.delete(key);
          }
          return next;
        }),
      itemLabel: (item) => labelRef.current(item),
      allLabel,
      ...(selectable === undefined ? {} : { canSelect: selectable }),
      counts: { selected: candidates.filter((key) => selected.has(key)).length, total: candidates.length },
    }),
    [selected, candidates, keyOf, allLabel, selectable],
  );
  return { table, chosen, setChecked, drop, clear };
}
