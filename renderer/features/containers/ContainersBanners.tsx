import { Alert, Button, Group, Text } from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';

import { HostDownAlert, RefreshFailedAlert } from '../../components/ResourceList/HostAlerts';
import { useEngineActions } from '../../stores/hooks';
import { useStores } from '../../stores/StoresProvider';
import layout from '../../styles/page.module.css';
import type { ContainersList } from './use-containers-list';

/** "All hosts": every listed host that is down, each with Reconnect. */
function HostsDownAlert({ list }: { list: ContainersList }) {
  const { reconnect } = useEngineActions();
  const { down, stale } = list.lists;
  return (
    <Alert
      color="red"
      icon={<IconPlugConnectedX size={20} aria-hidden />}
      title={down.length === 1 ? 'A host does not answer' : 'Some hosts do not answer'}
      data-testid="engine-unreachable"
      className={layout.banner}
    >
      {down.map((engine) => (
        <Group key={engine.id} gap="xs" wrap="nowrap">
          <Text size="sm" data-testid="engine-unreachable-reason">
            {list.scope.hostName(engine.id)}: {engine.status.lastError ?? 'unreachable'}
            {stale.has(engine.id) && ' (its last known containers are shown, without actions)'}
          </Text>
          <Button size="compact-xs" variant="light" color="red" onClick={() => void reconnect(engine.id)}>
            Reconnect
          </Button>
        </Group>
      ))}
    </Alert>
  );
}

/** The hosts that are down, and the lists that could not be refreshed (their last list stays). */
export function ContainersBanners({ list }: { list: ContainersList }) {
  const stores = useStores();
  const { scope, lists, unreachable } = list;
  const [own] = lists.down;
  const downIds = new Set(lists.down.map((engine) => engine.id));
  const refreshFailures = lists.states.filter(
    (state) => state.snapshot !== undefined && state.error !== undefined && !downIds.has(state.engineId),
  );
  return (
    <>
      {!scope.all && unreachable && own !== undefined && (
        <HostDownAlert engine={own} stale={lists.stale.has(own.id)} plural="containers" />
      )}
      {scope.all && lists.down.length > 0 && <HostsDownAlert list={list} />}
      {refreshFailures.map((state) => (
        <RefreshFailedAlert
          key={state.engineId}
          title={
            scope.all
              ? `Could not refresh the list of ${scope.hostName(state.engineId)}`
              : 'Could not refresh the list'
          }
          message={state.error?.message}
          onRetry={() => void stores.containers(state.engineId).refresh()}
        />
      ))}
    </>
  );
}
