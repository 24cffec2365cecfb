import { describe, expect, it } from 'vitest';

import { groupByHost } from '../../../../renderer/components/ResourceList/presentation';

describe('groupByHost', () => {
  it.each([
    { items: [], groups: [] },
    {
      items: [
        { engineId: 'local', id: 'a' },
        { engineId: 'context:rig', id: 'b' },
        { engineId: 'local', id: 'c' },
      ],
      groups: [
        ['local', ['a', 'c']],
        ['context:rig', ['b']],
      ],
    },
  ])('keeps the hosts and their items in order ($items.length items)', ({ items, groups }) => {
    const grouped = [...groupByHost(items)].map(([host, group]) => [host, group.map((item) => item.id)]);
    expect(grouped).toEqual(groups);
  });
});
