import { describe, expect, it } from 'vitest';

import { fitColumns, minimumWidthPx } from '../../../../renderer/components/VirtualTable/fit-columns';

const metrics = { remPx: 16, gapPx: 12 };
// The containers list's shape: name and actions pinned, the rest by priority.
const columns = [
  { id: 'name', width: 'minmax(9rem, 2fr)' },
  { id: 'image', width: 'minmax(9rem, 2fr)', priority: 3 },
  { id: 'state', width: '10rem' },
  { id: 'status', width: 'minmax(6rem, 1fr)', priority: 4 },
  { id: 'cpu', width: '4rem', priority: 6 },
  { id: 'memory', width: '5rem', priority: 7 },
  { id: 'ports', width: 'minmax(7rem, 1fr)', priority: 5 },
  { id: 'created', width: '6rem', priority: 8 },
  { id: 'actions', width: '8rem' },
];
const ids = (shown: readonly { id: string }[]) => shown.map((column) => column.id);

describe('fitColumns', () => {
  it('shows every column when they fit, or before the table is measured', () => {
    const all = minimumWidthPx(
      columns.map((column) => column.width),
      metrics,
    );
    expect(fitColumns(columns, all, metrics)).toBe(columns);
    expect(fitColumns(columns, undefined, metrics)).toBe(columns);
  });

  it('hides created, then memory, then CPU, then ports as the table narrows; never name, state or actions', () => {
    const widthWithout = (hidden: string[]) =>
      minimumWidthPx(
        columns.filter((column) => !hidden.includes(column.id)).map((column) => column.width),
        metrics,
      );
    expect(ids(fitColumns(columns, widthWithout(['created']), metrics))).not.toContain('created');
    expect(ids(fitColumns(columns, widthWithout(['created']), metrics))).toContain('memory');
    expect(ids(fitColumns(columns, widthWithout(['created', 'memory']) + 1, metrics))).toEqual([
      'name',
      'image',
      'state',
      'status',
      'cpu',
      'ports',
      'actions',
    ]);
    expect(ids(fitColumns(columns, widthWithout(['created', 'memory', 'cpu', 'ports']), metrics))).toEqual([
      'name',
      'image',
      'state',
      'status',
      'actions',
    ]);
    // Narrower than the pinned columns alone: only those are left (the table then scrolls).
    expect(ids(fitColumns(columns, 100, metrics))).toEqual(['name', 'state', 'actions']);
  });

  it('counts the checkbox track in front of the columns', () => {
    const exact = minimumWidthPx(
      columns.map((column) => column.width),
      metrics,
    );
    expect(fitColumns(columns, exact, { ...metrics, extraTracks: ['2.25rem'] })).not.toBe(columns);
  });
});
