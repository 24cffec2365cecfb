import { Select, Switch, Text, TextInput } from '@mantine/core';

import type { PortProtocol } from '../../../../electron/common/bridge';
import { emptyMountRow, emptyPortRow } from '../run-form';
import classes from '../RunContainerDialog.module.css';
import { RowsFieldset } from './RowsFieldset';
import type { RunFormFieldsState } from './use-run-form';

const PROTOCOLS: PortProtocol[] = ['tcp', 'udp', 'sctp'];

/** `-p`: host address and port, container port, protocol, one row each. */
export function PortsFieldset({ form, errorOf, update, updatePort, portError }: RunFormFieldsState) {
  return (
    <RowsFieldset
      legend="Published ports"
      noun="port"
      addLabel="Add a port"
      rowTestId="port-row"
      errorTestId="ports-error"
      error={errorOf('ports')}
      rows={form.ports}
      onChange={(ports) => update({ ports })}
      onAdd={emptyPortRow}
      renderRow={(row, index) => (
        <>
          <TextInput
            aria-label={`Host IP of port ${index + 1}`}
            placeholder="All addresses"
            className={classes.hostIp}
            value={row.hostIp}
            error={portError(index, 'hostIp')}
            onChange={(event) => updatePort(index, { hostIp: event.currentTarget.value }, 'hostIp')}
          />
          <TextInput
            aria-label={`Host port of port ${index + 1}`}
            placeholder="Any free port"
            className={classes.port}
            value={row.hostPort}
            error={portError(index, 'hostPort')}
            onChange={(event) => updatePort(index, { hostPort: event.currentTarget.value }, 'hostPort')}
          />
          <Text className={classes.arrow} aria-hidden>
            →
          </Text>
          <TextInput
            aria-label={`Container port of port ${index + 1}`}
            placeholder="80 or 8000-8010"
            className={classes.port}
            value={row.containerPort}
            error={portError(index, 'containerPort')}
            onChange={(event) =>
              updatePort(index, { containerPort: event.currentTarget.value }, 'containerPort')
            }
          />
          <Select
            aria-label={`Protocol of port ${index + 1}`}
            className={classes.protocol}
            data={PROTOCOLS}
            allowDeselect={false}
            value={row.protocol}
            onChange={(value) => updatePort(index, { protocol: value ?? 'tcp' }, 'protocol')}
          />
        </>
      )}
    />
  );
}

/** `--mount`: a named volume or a host path, where it goes in the container, read-only or not. */
export function MountsFieldset({ form, errorOf, update, updateMount }: RunFormFieldsState) {
  return (
    <RowsFieldset
      legend="Volumes"
      noun="mount"
      addLabel="Add a volume"
      rowTestId="mount-row"
      error={errorOf('mounts')}
      rows={form.mounts}
      onChange={(mounts) => update({ mounts })}
      onAdd={emptyMountRow}
      renderRow={(row, index) => (
        <>
          <Select
            aria-label={`Kind of mount ${index + 1}`}
            className={classes.mountType}
            data={[
              { value: 'volume', label: 'Named volume' },
              { value: 'bind', label: 'Host path' },
            ]}
            allowDeselect={false}
            value={row.type}
            onChange={(value) => updateMount(index, { type: value === 'bind' ? 'bind' : 'volume' }, 'type')}
          />
          <TextInput
            aria-label={`Source of mount ${index + 1}`}
            placeholder={
              row.type === 'bind' ? '/absolute/path/on/the/host' : 'Volume name (empty: a new one)'
            }
            className={classes.grow}
            value={row.source}
            error={errorOf(`mounts.${index}.source`)}
            onChange={(event) => updateMount(index, { source: event.currentTarget.value }, 'source')}
          />
          <TextInput
            aria-label={`Path in the container of mount ${index + 1}`}
            placeholder="/path/in/the/container"
            className={classes.grow}
            value={row.target}
            error={errorOf(`mounts.${index}.target`)}
            onChange={(event) => updateMount(index, { target: event.currentTarget.value }, 'target')}
          />
          <Switch
            label="Read-only"
            className={classes.readOnly}
            checked={row.readOnly}
            onChange={(event) => updateMount(index, { readOnly: event.currentTarget.checked }, 'readOnly')}
          />
        </>
      )}
    />
  );
}
