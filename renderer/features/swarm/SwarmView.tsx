import { Badge, Group, Tabs, Text, Title } from '@mantine/core';
import { IconTopologyStar3 } from '@tabler/icons-react';

import type { EngineId, SwarmState } from '../../../electron/common/bridge';
import { useHostScope } from '../../components/ResourceList/host-scope';
import { ListLoading, ListMessage, NoHost } from '../../components/ResourceList/ListStates';
import layout from '../../styles/page.module.css';
import { NodesTab } from './NodesTab';
import { ObjectsTab } from './ObjectsTab';
import { ServicesTab } from './ServicesTab';
import { StacksTab } from './StacksTab';
import { NotInSwarm, WorkerHost } from './SwarmSetup';
import { useStoreValue, useSwarmStore } from './use-swarm';

/** The Swarm page of the host switcher's host (under "All hosts", the active one): a swarm is managed per manager. */
export function SwarmView() {
  const scope = useHostScope();
  if (scope.engineIds.length === 0) return <NoHost />;
  const engineId = scope.defaultEngineId;
  return <SwarmPage key={engineId} engineId={engineId} hostName={scope.hostName(engineId)} />;
}

function SwarmPage({ engineId, hostName }: { engineId: EngineId; hostName: string }) {
  const store = useSwarmStore(engineId);
  const view = useStoreValue(store.state);
  const state = view.state;
  return (
    <div className={layout.page} data-testid="swarm-page">
      <Group justify="space-between" align="baseline" className={layout.heading} wrap="nowrap">
        <Title order={2}>Swarm</Title>
        <Text size="sm" c="dimmed" truncate data-testid="swarm-summary">
          {state === undefined ? hostName : summary(state, hostName)}
        </Text>
      </Group>
      {view.phase === 'failed' && state === undefined ? (
        <ListMessage
          testId="swarm-failed"
          icon={<IconTopologyStar3 aria-hidden />}
          title={`Could not read the swarm state of ${hostName}`}
          description={view.error?.message}
          action={{ label: 'Try again', onClick: () => void store.refreshState() }}
        />
      ) : state === undefined ? (
        <ListLoading plural="swarm state" />
      ) : state.localState !== 'active' ? (
        <NotInSwarm engineId={engineId} hostName={hostName} state={state} />
      ) : !state.controlAvailable ? (
        <WorkerHost engineId={engineId} hostName={hostName} state={state} />
      ) : (
        <ManagerTabs engineId={engineId} />
      )}
    </div>
  );
}

function summary(state: SwarmState, hostName: string): string {
  if (state.localState !== 'active') return `${hostName} · not in a swarm`;
  const role = state.controlAvailable ? 'manager' : 'worker';
  const counts =
    state.nodes === undefined
      ? ''
      : ` · ${state.nodes} node${state.nodes === 1 ? '' : 's'}, ${state.managers ?? 0} manager${state.managers === 1 ? '' : 's'}`;
  return `${hostName} · ${role}${counts}`;
}

function ManagerTabs({ engineId }: { engineId: EngineId }) {
  return (
    <Tabs defaultValue="nodes" className={layout.tabs} keepMounted={false}>
      <Tabs.List>
        <Tabs.Tab value="nodes">Nodes</Tabs.Tab>
        <Tabs.Tab value="services">Services</Tabs.Tab>
        <Tabs.Tab value="stacks">Stacks</Tabs.Tab>
        <Tabs.Tab value="secrets">Secrets</Tabs.Tab>
        <Tabs.Tab value="configs">Configs</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="nodes" className={layout.panel}>
        <NodesTab engineId={engineId} />
      </Tabs.Panel>
      <Tabs.Panel value="services" className={layout.panel}>
        <ServicesTab engineId={engineId} />
      </Tabs.Panel>
      <Tabs.Panel value="stacks" className={layout.panel}>
        <StacksTab engineId={engineId} />
      </Tabs.Panel>
      <Tabs.Panel value="secrets" className={layout.panel}>
        <ObjectsTab engineId={engineId} kind="secret" />
      </Tabs.Panel>
      <Tabs.Panel value="configs" className={layout.panel}>
        <ObjectsTab engineId={engineId} kind="config" />
      </Tabs.Panel>
    </Tabs>
  );
}

/** A small coloured state word (ready/down, running/failed…). */
export function StateBadge({ value, good }: { value: string; good: boolean }) {
  return (
    <Badge variant="light" color={good ? 'green' : value === 'down' || value === 'failed' ? 'red' : 'gray'}>
      {value}
    </Badge>
  );
}
