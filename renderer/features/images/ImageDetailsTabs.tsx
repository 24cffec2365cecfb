import { Badge, Button, Code, Group, ScrollArea, Table, Text } from '@mantine/core';
import { IconEye, IconEyeOff } from '@tabler/icons-react';
import type { ReactNode } from 'react';

import {
  formatBytes,
  type ImageDetails as ImageDetailsData,
  MASKED_VALUE,
} from '../../../electron/common/bridge';
import { formatCreated, stateColor } from '../containers/presentation';
import classes from './ImagesPage.module.css';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w="10rem">{label}</Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}

/** Names, digests, size, age, platform and the config (entrypoint, command, user, ports, volumes). */
function ConfigTable({ shown, now }: { shown: ImageDetailsData; now: number }) {
  return (
    <Table>
      <Table.Tbody>
        <Field label="Id">
          <Code>{shown.id}</Code>
        </Field>
        <Field label="Names">
          {shown.repoTags.length === 0 ? '—' : shown.repoTags.map((tag) => <div key={tag}>{tag}</div>)}
        </Field>
        {shown.repoDigests.length > 0 && (
          <Field label="Digests">
            {shown.repoDigests.map((digest) => (
              <div key={digest}>
                <Code>{digest}</Code>
              </div>
            ))}
          </Field>
        )}
        <Field label="Size">{formatBytes(shown.size, 'rounded')}</Field>
        <Field label="Created">
          {formatCreated(shown.created, now)} ({new Date(shown.created).toLocaleString()})
        </Field>
        <Field label="Platform">{[shown.os, shown.architecture].filter(Boolean).join('/') || '—'}</Field>
        {shown.entrypoint.length > 0 && (
          <Field label="Entrypoint">
            <Code>{JSON.stringify(shown.entrypoint)}</Code>
          </Field>
        )}
        <Field label="Command">{shown.cmd.length > 0 ? <Code>{JSON.stringify(shown.cmd)}</Code> : '—'}</Field>
        {shown.workingDir !== '' && <Field label="Working dir">{shown.workingDir}</Field>}
        {shown.user !== '' && <Field label="User">{shown.user}</Field>}
        {shown.exposedPorts.length > 0 && <Field label="Ports">{shown.exposedPorts.join(', ')}</Field>}
        {shown.volumes.length > 0 && <Field label="Volumes">{shown.volumes.join(', ')}</Field>}
      </Table.Tbody>
    </Table>
  );
}

/** The environment, values masked until asked. */
function EnvTable({
  shown,
  revealEnv,
  onToggleReveal,
}: {
  shown: ImageDetailsData;
  revealEnv: boolean;
  onToggleReveal: () => void;
}) {
  return (
    <>
      <Group justify="space-between" mt="md">
        <Text fw={600} size="sm">
          Environment
        </Text>
        {shown.env.length > 0 && (
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={revealEnv ? <IconEyeOff size={14} aria-hidden /> : <IconEye size={14} aria-hidden />}
            onClick={onToggleReveal}
          >
            {revealEnv ? 'Hide values' : 'Show values'}
          </Button>
        )}
      </Group>
      {shown.env.length === 0 ? (
        <Text size="sm" c="dimmed">
          None
        </Text>
      ) : (
        <Table data-testid="image-env">
          <Table.Tbody>
            {shown.env.map((variable) => (
              <Table.Tr key={variable.name}>
                <Table.Td ff="monospace">{variable.name}</Table.Td>
                <Table.Td ff="monospace">{revealEnv ? variable.value : MASKED_VALUE}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}

/** The overview tab: config, environment (masked until asked) and labels. */
export function OverviewTab({
  shown,
  now,
  revealEnv,
  onToggleReveal,
}: {
  shown: ImageDetailsData;
  now: number;
  revealEnv: boolean;
  onToggleReveal: () => void;
}) {
  return (
    <>
      <ConfigTable shown={shown} now={now} />
      <EnvTable shown={shown} revealEnv={revealEnv} onToggleReveal={onToggleReveal} />
      <Text fw={600} size="sm" mt="md">
        Labels
      </Text>
      {Object.keys(shown.labels).length === 0 ? (
        <Text size="sm" c="dimmed">
          None
        </Text>
      ) : (
        <Table data-testid="image-labels">
          <Table.Tbody>
            {Object.entries(shown.labels)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([key, value]) => (
                <Table.Tr key={key}>
                  <Table.Td ff="monospace">{key}</Table.Td>
                  <Table.Td>{value}</Table.Td>
                </Table.Tr>
              ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}

/** Each layer's step (its command), size and age. */
export function HistoryTab({ shown, now }: { shown: ImageDetailsData; now: number }) {
  return (
    <Table data-testid="image-history" striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Step</Table.Th>
          <Table.Th>Size</Table.Th>
          <Table.Th>Created</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {shown.history.map((layer, index) => (
          <Table.Tr key={`${layer.id}-${index}`}>
            <Table.Td>
              <Text size="xs" ff="monospace" className={classes.breakAll}>
                {layer.createdBy.replace(/^\/bin\/sh -c #\(nop\)\s+/, '')}
              </Text>
              {layer.comment !== '' && (
                <Text size="xs" c="dimmed">
                  {layer.comment}
                </Text>
              )}
            </Table.Td>
            <Table.Td>{formatBytes(layer.size, 'rounded')}</Table.Td>
            <Table.Td>{formatCreated(layer.created, now)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The containers that use the image, with their state. */
export function ContainersTab({ shown }: { shown: ImageDetailsData }) {
  if (shown.usedBy.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No container uses this image.
      </Text>
    );
  }
  return (
    <Table data-testid="image-users">
      <Table.Tbody>
        {shown.usedBy.map((user) => (
          <Table.Tr key={user.id}>
            <Table.Td>{user.name}</Table.Td>
            <Table.Td>
              <Badge color={stateColor(user.state)}>{user.state}</Badge>
            </Table.Td>
            <Table.Td ff="monospace">{user.id.slice(0, 12)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The raw inspect JSON, environment values masked. */
export function InspectTab({ shown }: { shown: ImageDetailsData }) {
  return (
    <>
      <Text size="xs" c="dimmed" mb="xs">
        Environment values are masked here; the Overview tab shows them on request.
      </Text>
      <ScrollArea.Autosize mah="60vh">
        <Code block data-testid="image-inspect">
          {shown.inspect}
        </Code>
      </ScrollArea.Autosize>
    </>
  );
}
