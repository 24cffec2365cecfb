import { NativeSelect } from '@mantine/core';
import { IconServer } from '@tabler/icons-react';

import { ALL_HOSTS } from '../../features/hosts/host-selection';
import { stateLabel } from '../../features/hosts/presentation';
import { useSelectedEngines } from '../../features/hosts/use-hosts';
import { useEngines } from '../../stores/hooks';

/**
 * The host switcher of the shell: one host, or "All hosts" (lists merge every connected host with a Host column).
 * Each option says the host's state, so a glance shows which are down. A native select: keyboard and screen
 * readers work as everywhere else on the system.
 */
export function HostSwitcher() {
  const { selection, select, hostName } = useSelectedEngines();
  const { engines } = useEngines();
  const connected = engines.filter((engine) => engine.status.state === 'connected').length;
  const data = [
    { value: ALL_HOSTS, label: `All hosts (${connected} of ${engines.length} connected)` },
    ...engines.map((engine) => ({
      value: engine.id,
      label:
        engine.status.state === 'connected'
          ? hostName(engine.id)
          : `${hostName(engine.id)} — ${stateLabel[engine.status.state].toLowerCase()}`,
    })),
  ];
  return (
    <NativeSelect
      size="xs"
      aria-label="Host"
      data-testid="host-switcher"
      leftSection={<IconServer size={14} aria-hidden />}
      data={data}
      value={selection}
      onChange={(event) => select(event.currentTarget.value)}
      w={260}
    />
  );
}
