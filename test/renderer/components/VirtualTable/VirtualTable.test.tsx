import { fireEvent, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';

import {
  type TableColumn,
  type TableHeading,
  tableMinimumWidth,
  type TableSelection,
  VirtualTable,
} from '../../../../renderer/components/VirtualTable/VirtualTable';
import { render } from '../../render';

interface Item {
  name: string;
}

const columns: TableColumn<Item, 'name'>[] = [
  { id: 'name', label: 'Name', width: '1fr', sortKey: 'name', render: (item) => item.name },
  {
    id: 'actions',
    label: 'Actions',
    width: '4rem',
    interactive: true,
    render: (item) => <button type="button">Act on {item.name}</button>,
  },
];

const items: Item[] = [{ name: 'a' }, { name: 'b' }, { name: 'c' }];

/** What every table here shares: the columns, keys, a fixed sort and the name. */
const tableProps = {
  columns,
  getKey: (item: Item) => item.name,
  sort: { key: 'name', direction: 'asc' },
  onSortChange: () => undefined,
  label: 'Things',
  minWidth: '10rem',
} as const;

/** The table with the page's usual selection state around it. */
function Selectable({ onActivate, shown = items }: { onActivate: (item: Item) => void; shown?: Item[] }) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const selection: TableSelection<Item> = {
    selected,
    onToggle: (item) =>
      setSelected((current) => {
        const next = new Set(current);
        if (next.has(item.name)) next.delete(item.name);
        else next.add(item.name);
        return next;
      }),
    onToggleAll: () =>
      setSelected((current) =>
        shown.every((item) => current.has(item.name)) ? new Set() : new Set(shown.map((item) => item.name)),
      ),
    itemLabel: (item) => `Select ${item.name}`,
    allLabel: 'Select all',
  };
  return (
    <VirtualTable
      {...tableProps}
      items={shown}
      onRowActivate={onActivate}
      rowData={(item) => ({ name: item.name, pending: item.name === 'c' ? 'true' : undefined })}
      selection={selection}
      rowTestId="thing"
    />
  );
}

const rowOf = (name: string) =>
  screen.getAllByTestId('thing').find((row) => row.dataset.name === name) ?? screen.getByText('no row');

describe('tableMinimumWidth', () => {
  it.each<[string[], string]>([
    [['6rem'], 'calc(6rem + 2 * var(--mantine-spacing-sm))'],
    [['2.25rem', 'minmax(7rem, 1fr)', '9.5rem'], 'calc(18.75rem + 4 * var(--mantine-spacing-sm))'],
    // A track without a rem minimum (fr, auto, px) counts for nothing but its gap.
    [['1fr', 'auto', '120px', 'minmax( 3rem ,2fr)'], 'calc(3rem + 5 * var(--mantine-spacing-sm))'],
  ])('%j → %s', (tracks, expected) => {
    expect(tableMinimumWidth(tracks)).toBe(expected);
  });
});

describe('VirtualTable', () => {
  it('without a selection, has no checkbox column (Volumes, Networks and Events keep their columns)', () => {
    render(
      <VirtualTable
        {...tableProps}
        items={items}
        rowData={(item) => ({ name: item.name })}
        rowTestId="thing"
      />,
    );
    expect(screen.queryAllByRole('checkbox')).toEqual([]);
    expect(screen.getAllByRole('columnheader').map((header) => header.textContent)).toEqual([
      'Name',
      'Actions',
    ]);
    expect(rowOf('a')).not.toHaveAttribute('aria-selected');
    expect(screen.getByRole('table', { name: 'Things' }).style.getPropertyValue('--table-columns')).toBe(
      '1fr 4rem',
    );
    // The page's minimum is raised to what the columns, their gaps and the row padding need.
    expect(screen.getByRole('table', { name: 'Things' }).style.getPropertyValue('--table-min-width')).toBe(
      'max(10rem, calc(4rem + 3 * var(--mantine-spacing-sm)))',
    );
  });

  it('checks rows one by one and all at once, with an indeterminate header in between', () => {
    const onActivate = vi.fn();
    render(<Selectable onActivate={onActivate} />);
    const table = screen.getByRole('table', { name: 'Things' });
    expect(table.style.getPropertyValue('--table-columns')).toBe('2.25rem 1fr 4rem');
    const all = screen.getByRole('checkbox', { name: 'Select all' });
    expect(all).not.toBeChecked();

    fireEvent.click(screen.getByRole('checkbox', { name: 'Select b' }));
    expect(rowOf('b')).toHaveAttribute('aria-selected', 'true');
    expect(rowOf('a')).toHaveAttribute('aria-selected', 'false');
    expect(all).not.toBeChecked();
    expect(all).toHaveAttribute('data-indeterminate', 'true');
    // Checking a row does not open it.
    expect(onActivate).not.toHaveBeenCalled();

    fireEvent.click(all);
    expect(screen.getAllByRole('checkbox', { checked: true })).toHaveLength(4);
    expect(all).toBeChecked();
    fireEvent.click(all);
    expect(screen.queryAllByRole('checkbox', { checked: true })).toEqual([]);
  });

  it('activates a row on click and Enter, but not from an interactive cell; marks pending rows', () => {
    const onActivate = vi.fn();
    render(<Selectable onActivate={onActivate} />);
    fireEvent.click(within(rowOf('a')).getByRole('button', { name: 'Act on a' }));
    expect(onActivate).not.toHaveBeenCalled();
    fireEvent.click(within(rowOf('a')).getByText('a'));
    expect(onActivate).toHaveBeenLastCalledWith({ name: 'a' });
    fireEvent.keyDown(rowOf('b'), { key: 'Enter' });
    expect(onActivate).toHaveBeenLastCalledWith({ name: 'b' });
    expect(rowOf('c')).toHaveAttribute('data-pending', 'true');
    expect(rowOf('a')).not.toHaveAttribute('data-pending');
  });

  it('an empty table has an unchecked select-all', () => {
    render(<Selectable onActivate={vi.fn()} shown={[]} />);
    const all = screen.getByRole('checkbox', { name: 'Select all' });
    expect(all).not.toBeChecked();
    expect(all).not.toHaveAttribute('data-indeterminate');
  });

  it('renders heading rows that fold their group, check its rows, and count what the page says', () => {
    const headed = [{ name: '#stack' }, { name: 'a' }, { name: 'b' }];
    const onToggle = vi.fn();
    const onCheck = vi.fn();
    const heading = (item: Item): TableHeading | undefined =>
      item.name.startsWith('#')
        ? {
            title: 'stack',
            meta: '2 rows',
            collapsed: false,
            toggleLabel: 'Hide stack',
            onToggle,
            check: { label: 'Select stack', selected: 1, total: 2, onChange: onCheck },
            actions: <button type="button">Stack actions</button>,
            data: { group: 'stack' },
            testId: 'group',
          }
        : undefined;
    render(
      <VirtualTable
        {...tableProps}
        items={headed}
        rowTestId="thing"
        heading={heading}
        selection={{
          selected: new Set(['a']),
          onToggle: vi.fn(),
          onToggleAll: vi.fn(),
          itemLabel: (item) => `Select ${item.name}`,
          allLabel: 'Select all',
          counts: { selected: 1, total: 1 },
        }}
      />,
    );
    const group = screen.getByTestId('group');
    expect(group).toHaveAttribute('aria-expanded', 'true');
    expect(group).toHaveAttribute('data-group', 'stack');
    expect(group).toHaveTextContent('stack2 rows');
    expect(screen.getAllByTestId('thing')).toHaveLength(2);
    // The heading spans the columns between the checkbox and the last one, where its actions sit.
    expect(screen.getByRole('table').style.getPropertyValue('--table-heading-columns')).toBe(
      '2.25rem 1fr 4rem',
    );

    const check = within(group).getByRole('checkbox', { name: 'Select stack' });
    expect(check).toHaveAttribute('data-indeterminate', 'true');
    fireEvent.click(check);
    expect(onCheck).toHaveBeenCalledWith(true);
    fireEvent.click(within(group).getByRole('button', { name: 'Hide stack' }));
    expect(onToggle).toHaveBeenCalledOnce();
    within(group).getByRole('button', { name: 'Stack actions' });
    // The page's counts, not the items (the heading is not selectable): all are checked.
    expect(screen.getByRole('checkbox', { name: 'Select all' })).toBeChecked();
  });

  it('reports the items on screen when they change, and none once unmounted', () => {
    const onVisible = vi.fn();
    const table = (shown: Item[]) => (
      <VirtualTable {...tableProps} items={shown} onVisibleItemsChange={onVisible} />
    );
    const { rerender, unmount } = render(table(items));
    expect(onVisible).toHaveBeenLastCalledWith(items);
    const calls = onVisible.mock.calls.length;
    rerender(table(items));
    expect(onVisible).toHaveBeenCalledTimes(calls);
    const fewer = items.slice(1);
    rerender(table(fewer));
    expect(onVisible).toHaveBeenLastCalledWith(fewer);
    unmount();
    expect(onVisible).toHaveBeenLastCalledWith([]);
  });
});
