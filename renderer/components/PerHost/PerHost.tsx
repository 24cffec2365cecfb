import { Tabs, Text } from '@mantine/core';
import { type ReactNode, useState } from 'react';

import type { EngineId } from '../../../electron/common/bridge';
import { useSelectedEngines } from '../../hooks/use-hosts';
import classes from './PerHost.module.css';

export interface PerHostProps {
  /** The page of one host. */
  children: (engineId: EngineId) => ReactNode;
}

/**
 * A one-host page as the host switcher says: the selected host's page, or under "All hosts" a tab per connected
 * host (each tab is that host's page, so every action goes to the host its rows belong to).
 */
export function PerHost({ children }: PerHostProps) {
  const { all, selection, engineIds, hostName } = useSelectedEngines();
  const [chosen, setChosen] = useState<EngineId | null>(null);
  if (!all) return <>{children(selection)}</>;
  const current = chosen !== null && engineIds.includes(chosen) ? chosen : engineIds[0];
  if (current === undefined) {
    return (
      <Text c="dimmed" p="md" data-testid="per-host-none">
        No host is connected.
      </Text>
    );
  }
  return (
    <Tabs value={current} onChange={setChosen} keepMounted={false} className={classes.tabs}>
      <Tabs.List className={classes.list} aria-label="Hosts">
        {engineIds.map((engineId) => (
          <Tabs.Tab key={engineId} value={engineId}>
            {hostName(engineId)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      <Tabs.Panel value={current} className={classes.panel}>
        {children(current)}
      </Tabs.Panel>
    </Tabs>
  );
}
