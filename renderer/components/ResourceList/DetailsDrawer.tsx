import { Badge, Drawer, Group, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export interface DetailsDrawerProps {
  /** The object's name; nothing (closed) while there is no object. */
  title: string | undefined;
  /** The object's host, shown under "All hosts". */
  host?: string;
  onClose: () => void;
  testId: string;
  children: ReactNode;
}

/** The details of one object of a list (a volume, a network), in a drawer on the right. */
export function DetailsDrawer({ title, host, onClose, testId, children }: DetailsDrawerProps) {
  return (
    <Drawer
      opened={title !== undefined}
      onClose={onClose}
      position="right"
      size="xl"
      title={
        title === undefined ? (
          ''
        ) : (
          <Group gap="xs">
            <Title order={3}>{title}</Title>
            {host !== undefined && (
              <Badge variant="light" color="gray" data-testid="details-host">
                {host}
              </Badge>
            )}
          </Group>
        )
      }
      data-testid={testId}
    >
      {title !== undefined && children}
    </Drawer>
  );
}
