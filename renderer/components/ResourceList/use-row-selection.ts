import { useCallback, useMemo, useState } from 'react';

import { itemKey, type PerEngine } from '../../lib/merge';
import type { TableSelection } from '../VirtualTable/VirtualTable';

export interface RowSelectionOptions<T extends PerEngine> {
  /** Every row of the listed hosts: what is checked but gone drops out of `chosen`. */
  items: readonly T[];
  /** The rows shown (filtered): what the header checkbox checks. */
  shown: readonly T[];
  /** The row's id in its host (the list's `idOf`); the key is per engine, as the table's. */
  idOf: (item: T) => string;
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
  /** Unchecks rows by key (`itemKey`), e.g. once they are removed. */
  drop: (keys: ReadonlySet<string>) => void;
}

/** Checkboxes over the rows of every listed host (volumes, networks): the selection spans hosts. */
export function useRowSelection<T extends PerEngine>({
  items,
  shown,
  idOf,
  itemLabel,
  allLabel,
  selectable,
}: RowSelectionOptions<T>): RowSelection<T> {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const keyOf = useCallback((item: T) => itemKey({ engineId: item.engineId, id: idOf(item) }), [idOf]);
  const chosen = useMemo(() => items.filter((item) => selected.has(keyOf(item))), [items, selected, keyOf]);
  const candidates = useMemo(
    () => (selectable === undefined ? shown : shown.filter(selectable)).map(keyOf),
    [shown, selectable, keyOf],
  );
  const drop = useCallback(
    (keys: ReadonlySet<string>) =>
      setSelected((current) => new Set([...current].filter((key) => !keys.has(key)))),
    [],
  );
  const table: TableSelection<T> = {
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
        if (candidates.every((key) => current.has(key))) for (const key of candidates) next.delete(key);
        else for (const key of candidates) next.add(key);
        return next;
      }),
    itemLabel,
    allLabel,
    ...(selectable === undefined
      ? {}
      : {
          canSelect: selectable,
          counts: {
            selected: candidates.filter((key) => selected.has(key)).length,
            total: candidates.length,
          },
        }),
  };
  return { table, chosen, drop };
}
