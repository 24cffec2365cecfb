import { ActionIcon, Group, Tabs, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useEffect, useState } from 'react';

import type { EngineId } from '../../../../electron/common/bridge';
import { useContainers, useNavigation } from '../../../stores/hooks';
import layout from '../../../styles/page.module.css';
import { ContainerNetworks } from '../../networks/ContainerNetworks';
import { PinToTrayButton } from '../PinToTray';
import classes from './ContainerDetails.module.css';
import { FilesTab } from './files/FilesTab';
import { InspectTab } from './inspect/InspectTab';
import { LogsTab } from './logs/LogsTab';
import { ProcessesTab } from './processes/ProcessesTab';
import { StatsTab } from './stats/StatsTab';
import { TerminalTab } from './terminal/TerminalTab';
import { useApi } from './use-api';

interface ContainerDetailsProps {
  engineId: EngineId;
  /** The container's id (or name). */
  id: string;
  /** The tab to show; `logs` when absent or unknown. */
  tab?: string;
}

const detailTabs = ['logs', 'terminal', 'stats', 'inspect', 'files', 'processes', 'networks'] as const;
type DetailTab = (typeof detailTabs)[number];

function isDetailTab(value: string | null | undefined): value is DetailTab {
  return detailTabs.includes(value as DetailTab);
}

/**
 * One container's details: logs, terminal, stats, inspect, files, processes and networks. Only the visible tab is mounted,
 * so leaving a tab closes its streams (a stats stream lives only while the Stats tab shows).
 */
export function ContainerDetails({ engineId, id, tab }: ContainerDetailsProps) {
  const api = useApi();
  const { navigate } = useNavigation();
  const containers = useContainers(engineId);
  const summary = containers.snapshot?.items.find((item) => item.id === id || item.name === id);
  const current: DetailTab = isDetailTab(tab) ? tab : 'logs';
  const [tty, setTty] = useState(false);

  useEffect(() => {
    let live = true;
    api.containers.inspect({ engineId, id }).then(
      (view) => live && setTty(view.tty),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, engineId, id]);

  return (
    <div className={layout.page} data-testid="container-details">
      <Group gap="xs" className={layout.heading} wrap="nowrap">
        <ActionIcon aria-label="Back to containers" onClick={() => navigate({ page: 'containers' })}>
          <IconArrowLeft size={18} aria-hidden />
        </ActionIcon>
        <Title order={2} className={classes.title}>
          {summary?.name ?? id.slice(0, 12)}
        </Title>
        {summary !== undefined && (
          <Text size="sm" c="dimmed" truncate>
            {summary.image} · {summary.status}
          </Text>
        )}
        {summary !== undefined && <PinToTrayButton engineId={engineId} name={summary.name} />}
      </Group>
      <Tabs
        value={current}
        onChange={(value) => {
          if (isDetailTab(value))
            navigate({ page: 'containers', detail: { kind: 'container', engineId, id, tab: value } });
        }}
        keepMounted={false}
        className={layout.tabs}
      >
        <Tabs.List>
          <Tabs.Tab value="logs">Logs</Tabs.Tab>
          <Tabs.Tab value="terminal">Terminal</Tabs.Tab>
          <Tabs.Tab value="stats">Stats</Tabs.Tab>
          <Tabs.Tab value="inspect">Inspect</Tabs.Tab>
          <Tabs.Tab value="files">Files</Tabs.Tab>
          <Tabs.Tab value="processes">Processes</Tabs.Tab>
          <Tabs.Tab value="networks">Networks</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="logs" className={layout.panel}>
          <LogsTab engineId={engineId} id={id} />
        </Tabs.Panel>
        <Tabs.Panel value="terminal" className={layout.panel}>
          <TerminalTab engineId={engineId} id={id} tty={tty} />
        </Tabs.Panel>
        <Tabs.Panel value="stats" className={layout.panel}>
          <StatsTab engineId={engineId} id={id} />
        </Tabs.Panel>
        <Tabs.Panel value="inspect" className={layout.panel}>
          <InspectTab engineId={engineId} id={id} />
        </Tabs.Panel>
        <Tabs.Panel value="files" className={layout.panel}>
          <FilesTab engineId={engineId} id={id} />
        </Tabs.Panel>
        <Tabs.Panel value="processes" className={layout.panel}>
          <ProcessesTab engineId={engineId} id={id} />
        </Tabs.Panel>
        <Tabs.Panel value="networks" className={layout.panel}>
          <ContainerNetworks
            engineId={engineId}
            containerId={summary?.id ?? id}
            containerName={summary?.name ?? id}
          />
        </Tabs.Panel>
      </Tabs>
    </div>
  );
}
