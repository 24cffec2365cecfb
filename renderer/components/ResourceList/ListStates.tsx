import { Button, EmptyState, Loader, Text } from '@mantine/core';
import type { ReactNode } from 'react';

import layout from '../../styles/page.module.css';

/** What a list page shows instead of its table (empty, no match, failed, no list yet), with at most one action. */
export function ListMessage({
  testId,
  icon,
  title,
  description,
  action,
}: {
  testId: string;
  icon: ReactNode;
  title: string;
  description: string | undefined;
  action?: { label: string; onClick: () => void } | undefined;
}) {
  return (
    <EmptyState
      className={layout.state}
      data-testid={testId}
      icon={icon}
      withIndicatorBackground
      title={title}
      description={description}
    >
      {action !== undefined && (
        <EmptyState.Actions>
          <Button variant="light" onClick={action.onClick}>
            {action.label}
          </Button>
        </EmptyState.Actions>
      )}
    </EmptyState>
  );
}

/** A list page while its first list is on the way: `containers-loading`, "Loading containers…". */
export function ListLoading({ plural }: { plural: string }) {
  return (
    <div className={layout.state} data-testid={`${plural}-loading`} role="status">
      <Loader />
      <Text c="dimmed">Loading {plural}…</Text>
    </div>
  );
}

/** A list page over no host at all. */
export function NoHost() {
  return (
    <Text className={layout.state} c="dimmed" data-testid="no-host">
      No host is connected.
    </Text>
  );
}
