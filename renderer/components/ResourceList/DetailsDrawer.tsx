import { Badge, Drawer } from '@mantine/core';
import type { ReactNode } from 'react';

interface DetailsDrawerProps {
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
      // The drawer's title is already a heading: phrasing content only inside it.
      title={
        title === undefined ? (
          ''
        ) : (
          <>
            {title}
            {host !== undefined && (
              <Badge
                component="span"
                variant="light"
                color="gray"
                ml="xs"
                tt="none"
                data-testid="details-host"
              >
                {host}
              </Badge>
            )}
          </>
        )
      }
      data-testid={testId}
    >
      {title !== undefined && children}
    </Drawer>
  );
}
