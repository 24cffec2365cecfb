import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { isPinned, togglePinned } from '../../../../renderer/features/containers/pinning';
import { PinToTrayButton } from '../../../../renderer/features/containers/PinToTray';
import { render } from '../../render';
import { FakeBerth } from '../../support/fake-bridge';

describe('pinning', () => {
  const pins = [
    { engineId: 'local', name: 'web' },
    { engineId: 'staging', name: 'db' },
  ];

  it.each([
    ['local', 'web', true],
    ['staging', 'web', false], // same name, other host
    ['staging', 'db', true],
    ['local', 'db', false],
  ])('isPinned(%s, %s) is %s', (engineId, name, expected) => {
    expect(isPinned(pins, engineId, name)).toBe(expected);
  });

  it('togglePinned appends a new pin and removes an existing one, keeping the others in order', () => {
    expect(togglePinned(pins, 'local', 'cache')).toEqual([...pins, { engineId: 'local', name: 'cache' }]);
    expect(togglePinned(pins, 'local', 'web')).toEqual([{ engineId: 'staging', name: 'db' }]);
  });
});

describe('PinToTrayButton', () => {
  it('pins and unpins through settings.pinnedContainers', async () => {
    const berth = new FakeBerth();
    berth.settings = { ...berth.settings, pinnedContainers: [{ engineId: 'other', name: 'x' }] };
    const { stores } = render(<PinToTrayButton engineId="local" name="web" />, { berth });
    await waitFor(() => expect(stores!.settings.getSnapshot().phase).toBe('ready'));

    fireEvent.click(screen.getByRole('button', { name: 'Pin to tray' }));
    await waitFor(() =>
      expect(berth.settings.pinnedContainers).toEqual([
        { engineId: 'other', name: 'x' },
        { engineId: 'local', name: 'web' },
      ]),
    );

    fireEvent.click(await screen.findByRole('button', { name: 'Unpin from tray' }));
    await waitFor(() => expect(berth.settings.pinnedContainers).toEqual([{ engineId: 'other', name: 'x' }]));
    expect(screen.getByRole('button', { name: 'Pin to tray' })).toBeInTheDocument();
  });
});
