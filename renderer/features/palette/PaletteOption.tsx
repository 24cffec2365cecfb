import { Group, Text, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';

import classes from './CommandPalette.module.css';
import { ShortcutKeys } from './KeyboardShortcuts';
import type { PaletteEntry } from './presentation';

interface PaletteOptionProps {
  id: string;
  entry: PaletteEntry;
  selected: boolean;
  onHover: () => void;
  onChoose: () => void;
}

/**
 * One result: its title (names as text only), a destructive action marked by colour, an icon and the word
 * "Destructive" (never colour alone), and its shortcut when it has one. The accessible name stays the title.
 */
export function PaletteOption({ id, entry, selected, onHover, onChoose }: PaletteOptionProps) {
  const destructive = entry.destructive !== undefined;
  return (
    <UnstyledButton
      id={id}
      role="option"
      aria-selected={selected}
      aria-label={entry.title}
      aria-description={destructive ? 'Destructive' : undefined}
      aria-keyshortcuts={entry.shortcut?.replace('Mod+', 'Control+')}
      data-palette-kind={entry.kind}
      data-destructive={destructive || undefined}
      className={classes.option}
      tabIndex={-1}
      onMouseEnter={onHover}
      onClick={onChoose}
    >
      <Group gap="xs" wrap="nowrap" justify="space-between">
        <Group gap={6} wrap="nowrap" className={classes.title}>
          {destructive && <IconAlertTriangle size={14} aria-hidden className={classes.danger} />}
          <span className={destructive ? classes.danger : undefined}>{entry.title}</span>
        </Group>
        {destructive && (
          <Text span size="xs" fw={600} className={classes.dangerWord} aria-hidden>
            Destructive
          </Text>
        )}
        {entry.shortcut !== undefined && (
          <span aria-hidden>
            <ShortcutKeys keys={[entry.shortcut]} />
          </span>
        )}
      </Group>
    </UnstyledButton>
  );
}
