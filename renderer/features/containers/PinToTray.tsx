import { Button, Menu } from '@mantine/core';
import { IconPin, IconPinnedOff } from '@tabler/icons-react';

import type { EngineId } from '../../../electron/common/bridge';
import { useSettings } from '../../stores/hooks';
import { isPinned, togglePinned } from './pinning';

interface PinToTrayProps {
  engineId: EngineId;
  /** Pins go by name, so a re-created container stays pinned. */
  name: string;
}

/** Whether the container is pinned, and the toggle writing `settings.pinnedContainers`. */
function usePin({ engineId, name }: PinToTrayProps): { pinned: boolean; toggle: () => void } {
  const { settings, update } = useSettings();
  return {
    pinned: isPinned(settings.pinnedContainers, engineId, name),
    toggle: () => void update({ pinnedContainers: togglePinned(settings.pinnedContainers, engineId, name) }),
  };
}

/** "Pin to tray" / "Unpin from tray" as a button (a container's details heading). */
export function PinToTrayButton(props: PinToTrayProps) {
  const { pinned, toggle } = usePin(props);
  return (
    <Button
      size="xs"
      variant="default"
      leftSection={pinned ? <IconPinnedOff size={14} aria-hidden /> : <IconPin size={14} aria-hidden />}
      onClick={toggle}
    >
      {pinned ? 'Unpin from tray' : 'Pin to tray'}
    </Button>
  );
}

/** "Pin to tray" / "Unpin from tray" as an item of a row's menu. */
export function PinToTrayMenuItem(props: PinToTrayProps) {
  const { pinned, toggle } = usePin(props);
  return (
    <Menu.Item
      leftSection={pinned ? <IconPinnedOff size={14} aria-hidden /> : <IconPin size={14} aria-hidden />}
      onClick={toggle}
    >
      {pinned ? 'Unpin from tray' : 'Pin to tray'}
    </Menu.Item>
  );
}
