import { Alert, Button, Group, Loader, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';

import type { EngineId } from '../../../electron/common/bridge';
import { useEngine } from '../../stores/hooks';
import { useSystem } from '../../stores/resource-hooks';
import layout from '../../styles/page.module.css';
import { ComposeToolFact } from '../compose/ComposeToolFact';
import { CleanupView } from './CleanupView';
import { DiskUsageView } from './DiskUsageView';
import { EventsTimeline } from './EventsTimeline';
import { SystemOverview } from './SystemOverview';
import classes from './SystemPage.module.css';

interface SystemPageProps {
  /** The Docker host shown. @default 'local' */
  engineId?: EngineId;
}

const TABS = ['overview', 'disk', 'cleanup', 'events'] as const;
type HostTab = (typeof TABS)[number];
const isTab = (value: string | null): value is HostTab => TABS.includes(value as HostTab);

/** One Docker host: its engine and configuration, disk usage, clean-up, and the live event timeline. */
export function SystemPage({ engineId = 'local' }: SystemPageProps) {
  const engine = useEngine(engineId);
  const { state, store } = useSystem(engineId);
  const [tab, setTab] = useState<HostTab>('overview');
  const info = state.info;

  return (
    <div className={layout.page} data-testid="host-page">
      <Group justify="space-between" align="baseline">
        <Title order={2}>{engine?.name ?? engineId}</Title>
        <Text size="sm" c="dimmed">
          {engine?.address}
        </Text>
      </Group>
      <Tabs
        value={tab}
        onChange={(value) => isTab(value) && setTab(value)}
        keepMounted={false}
        className={layout.tabs}
      >
        <Tabs.List>
          <Tabs.Tab value="overview">Overview</Tabs.Tab>
          <Tabs.Tab value="disk">Disk usage</Tabs.Tab>
          <Tabs.Tab value="cleanup">Clean up</Tabs.Tab>
          <Tabs.Tab value="events">Events</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview" className={classes.panel}>
          {info.error !== undefined && (
            <Alert color="red" title="Could not describe the host">
              {info.error.message}
              <Button mt="xs" size="xs" variant="light" color="red" onClick={() => void store.loadInfo()}>
                Try again
              </Button>
            </Alert>
          )}
          {info.value === undefined && info.phase !== 'failed' && (
            <Group gap="xs" role="status">
              <Loader size="sm" />
              <Text size="sm">Asking the daemon…</Text>
            </Group>
          )}
          {info.value !== undefined && <SystemOverview host={info.value} />}
          <ComposeToolFact />
        </Tabs.Panel>
        <Tabs.Panel value="disk" className={classes.panel}>
          <DiskUsageView state={state} store={store} />
        </Tabs.Panel>
        <Tabs.Panel value="cleanup" className={classes.panel}>
          <CleanupView store={store} />
        </Tabs.Panel>
        <Tabs.Panel value="events" className={`${classes.panel} ${classes.timelinePanel}`}>
          <EventsTimeline engineId={engineId} />
        </Tabs.Panel>
      </Tabs>
    </div>
  );
}
