import { ActionIcon, Group, Kbd, Modal, Table, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconKeyboard } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';

import { appViews } from '../../../electron/common/bridge';
import { useNavigation } from '../../stores/hooks';
import { isShortcutsKey, shortcutLabel, shortcutRows } from './shortcuts';

/** A shortcut's keys as key caps, e.g. `Ctrl+2` or `⌘2`. */
export function ShortcutKeys({ keys }: { keys: readonly string[] }) {
  return (
    <Group gap={4} wrap="nowrap" component="span">
      {keys.map((key, index) => (
        <span key={key}>
          {index > 0 && (
            <Text span size="xs" c="dimmed" mr={4}>
              or
            </Text>
          )}
          <Kbd size="xs">{shortcutLabel(key)}</Kbd>
        </span>
      ))}
    </Group>
  );
}

/**
 * The Keyboard shortcuts sheet: a small modal listing every shortcut. Opens on `?` (outside a text field),
 * Ctrl/Cmd+/, the header's keyboard button or the palette's "Keyboard shortcuts".
 */
export function KeyboardShortcutsSheet() {
  const [opened, setOpened] = useState(false);
  const { shortcutsRequests } = useNavigation();
  const seen = useRef(shortcutsRequests);

  useEffect(() => {
    if (shortcutsRequests !== seen.current) {
      seen.current = shortcutsRequests;
      setOpened(true);
    }
  }, [shortcutsRequests]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isShortcutsKey(event)) return;
      event.preventDefault();
      setOpened(true);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <Modal
      opened={opened}
      onClose={() => setOpened(false)}
      title="Keyboard shortcuts"
      size="md"
      data-testid="shortcuts-sheet"
    >
      <Table verticalSpacing={4} striped>
        <Table.Tbody>
          {shortcutRows(appViews).map((row) => (
            <Table.Tr key={row.label}>
              <Table.Td w={130}>
                <ShortcutKeys keys={row.keys} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{row.label}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}

/** The header's hint: "Ctrl K  Commands" (opens the palette) and a keyboard button (opens the shortcuts sheet). */
export function ShortcutsHint({ compact = false }: { compact?: boolean }) {
  const { request } = useNavigation();
  return (
    <Group gap={4} wrap="nowrap">
      <Tooltip label="Command palette: find anything, go anywhere">
        <UnstyledButton
          onClick={() => request('palette')}
          aria-label="Open the command palette"
          data-testid="palette-hint"
        >
          <Group gap={6} wrap="nowrap">
            <Kbd size="xs">{shortcutLabel('Mod+K')}</Kbd>
            {!compact && (
              <Text size="xs" c="dimmed">
                Commands
              </Text>
            )}
          </Group>
        </UnstyledButton>
      </Tooltip>
      <Tooltip label="Keyboard shortcuts (?)">
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label="Keyboard shortcuts"
          onClick={() => request('shortcuts')}
        >
          <IconKeyboard size={18} aria-hidden />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
