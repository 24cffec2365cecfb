import { Alert, Button, Group, Text } from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';

import { HostDownAlert, RefreshFailedAlert } from '../../components/ResourceList/HostAlerts';
import { useEngineActions } from '../../stores/hooks';
import { useStores } from '../../stores/StoresProvider';
import layout from '../../styles/page.module.css';
import type { ImagesList } from './use-images-list';

/** "All hosts": one banner for every host that is down or could not list, each with Reconnect or Try again. */
function TroubledHostsAlert({ list }: { list: ImagesList }) {
  const stores = useStores();
  const { reconnect } = useEngineActions();
  const { down, states } = list.lists;
  const downOf = (engineId: string) => down.find((engine) => engine.id === engineId);
  const troubled = states.filter(
    (state) => downOf(state.engineId) !== undefined || state.error !== undefined,
  );
  if (troubled.length === 0) return null;
  return (
    <Alert
      color="red"
      icon={<IconPlugConnectedX size={20} aria-hidden />}
      title="Some hosts do not answer"
      className={layout.banner}
      data-testid="hosts-troubled"
    >
      {troubled.map((state) => {
        const engine = downOf(state.engineId);
        return (
          <Group key={state.engineId} gap="xs" wrap="nowrap">
            <Text size="sm">
              <strong>{list.nameOf(state.engineId)}</strong>:{' '}
              {engine !== undefined
                ? (engine.status.lastError ?? 'The daemon did not answer.')
                : `could not list the images: ${state.error?.message ?? ''}`}
            </Text>
            <Button
              size="compact-xs"
              variant="light"
              color="red"
              onClick={() =>
                void (engine !== undefined
                  ? reconnect(state.engineId)
                  : stores.images(state.engineId).refresh())
              }
            >
              {engine !== undefined ? 'Reconnect now' : 'Try again'}
            </Button>
          </Group>
        );
      })}
    </Alert>
  );
}

/** The one host down or its list not refreshed; under "All hosts" every troubled host in one banner. */
export function ImagesBanners({ list }: { list: ImagesList }) {
  const stores = useStores();
  const { scope, lists, engineId, unreachable } = list;
  if (scope.all) return <TroubledHostsAlert list={list} />;
  const [own] = lists.down;
  const single = lists.stateOf(engineId);
  if (unreachable && own !== undefined) {
    return <HostDownAlert engine={own} stale={single?.snapshot !== undefined} plural="images" />;
  }
  if (!unreachable && single?.snapshot !== undefined && single.error !== undefined) {
    return (
      <RefreshFailedAlert
        title="Could not refresh the list"
        message={single.error.message}
        onRetry={() => void stores.images(engineId).refresh()}
      />
    );
  }
  return null;
}
