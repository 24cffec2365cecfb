import { Group, Select, Tabs } from '@mantine/core';

import { useEngines, useNavigation } from '../../stores/hooks';
import layout from '../../styles/page.module.css';
import { SystemPage } from '../system/SystemPage';
import { HostsPage } from './HostsPage';
import { useSelectedEngines } from './use-hosts';

/**
 * The Hosts page: the list of hosts, and one host's own page (engine, configuration, disk usage, clean-up,
 * events). A `host` detail route (`{ page: 'hosts', detail: { kind: 'host', engineId } }`) opens that host's
 * page directly; otherwise the details are the host switcher's host.
 */
export function HostsView() {
  const { route, navigate } = useNavigation();
  const { engines } = useEngines();
  const { all, selection } = useSelectedEngines();
  const detail = route.detail?.kind === 'host' ? route.detail : undefined;
  // The host switcher's host unless a route names one.
  const engineId = detail?.engineId ?? (all ? (engines[0]?.id ?? 'local') : selection);

  return (
    <Tabs
      value={detail !== undefined ? 'host' : 'list'}
      onChange={(value) =>
        navigate(
          value === 'host'
            ? { page: 'hosts', detail: { kind: 'host', engineId, id: engineId } }
            : { page: 'hosts' },
        )
      }
      keepMounted={false}
      className={layout.tabs}
    >
      <Group justify="space-between" px="md" pt="xs">
        <Tabs.List>
          <Tabs.Tab value="list">All hosts</Tabs.Tab>
          <Tabs.Tab value="host">Host details</Tabs.Tab>
        </Tabs.List>
        {detail !== undefined && (
          <Select
            aria-label="Host"
            size="xs"
            allowDeselect={false}
            data={engines.map((engine) => ({ value: engine.id, label: engine.name }))}
            value={engineId}
            onChange={(value) => {
              if (value !== null)
                navigate({ page: 'hosts', detail: { kind: 'host', engineId: value, id: value } });
            }}
          />
        )}
      </Group>
      <Tabs.Panel value="list" className={layout.tabs}>
        <HostsPage />
      </Tabs.Panel>
      <Tabs.Panel value="host" className={layout.tabs}>
        <SystemPage key={engineId} engineId={engineId} />
      </Tabs.Panel>
    </Tabs>
  );
}
