import { ActionIcon, Button, Fieldset, Group, Stack, Text } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import type { ReactNode } from 'react';

import classes from '../RunContainerDialog.module.css';

interface RowsFieldsetProps<R> {
  legend: string;
  /** Names a row in its remove button: `Remove port 2`. */
  noun: string;
  addLabel: string;
  rowTestId: string;
  /** A problem of the list as a whole. */
  error: string | undefined;
  errorTestId?: string;
  rows: readonly R[];
  onChange: (rows: R[]) => void;
  onAdd: () => R;
  renderRow: (row: R, index: number) => ReactNode;
}

/** A fieldset of repeatable rows (ports, mounts): each with its remove button, the list's error, and "Add". */
export function RowsFieldset<R>({
  legend,
  noun,
  addLabel,
  rowTestId,
  error,
  errorTestId,
  rows,
  onChange,
  onAdd,
  renderRow,
}: RowsFieldsetProps<R>) {
  return (
    <Fieldset legend={legend} className={classes.fieldset}>
      <Stack gap="xs">
        {rows.map((row, index) => (
          <Group key={index} gap="xs" align="flex-start" wrap="nowrap" data-testid={rowTestId}>
            {renderRow(row, index)}
            <ActionIcon
              aria-label={`Remove ${noun} ${index + 1}`}
              className={classes.removeRow}
              onClick={() => onChange(rows.filter((_, at) => at !== index))}
            >
              <IconX size={16} aria-hidden />
            </ActionIcon>
          </Group>
        ))}
        {error !== undefined && (
          <Text size="xs" c="red" data-testid={errorTestId}>
            {error}
          </Text>
        )}
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconPlus size={14} aria-hidden />}
          className={classes.addButton}
          onClick={() => onChange([...rows, onAdd()])}
        >
          {addLabel}
        </Button>
      </Stack>
    </Fieldset>
  );
}
