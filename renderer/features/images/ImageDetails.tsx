import {
  Alert,
  Badge,
  Button,
  Code,
  Drawer,
  Group,
  Loader,
  Menu,
  ScrollArea,
  Stack,
  Table,
  Tabs,
  Text,
} from '@mantine/core';
import {
  IconCloudUpload,
  IconDownload,
  IconEye,
  IconEyeOff,
  IconPlayerPlay,
  IconTag,
  IconTrash,
} from '@tabler/icons-react';
import { useEffect, useState } from 'react';

import {
  formatBytes,
  type ImageDetails as ImageDetailsData,
  type IpcError,
  MASKED_VALUE,
} from '../../../electron/common/bridge';
import { toIpcError } from '../../lib/api';
import { formatCreated, stateColor } from '../containers/presentation';
import classes from './ImagesPage.module.css';
import { shortId } from './presentation';

export interface ImageDetailsProps {
  /** The image to show; `undefined` keeps the drawer closed. */
  imageId: string | undefined;
  /** Bumps when the image changed (a new list), so the details are read again. */
  version: unknown;
  load: (id: string) => Promise<ImageDetailsData>;
  onClose: () => void;
  now: number;
  onRun: (ref: string) => void;
  onPush: (ref: string) => void;
  onTag: (details: ImageDetailsData) => void;
  onSave: (details: ImageDetailsData) => void;
  onRemove: (details: ImageDetailsData) => void;
  /** The tab to open on (`overview`, `history`, `inspect`). */
  tab?: string;
  onTabChange?: (tab: string) => void;
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w="10rem">{label}</Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}

/**
 * One image: its names, config, labels, environment (values masked until asked), history with each step's
 * command and size, the raw inspect JSON (masked), and the containers that use it; plus Run, Push, Tag, Save and
 * Remove. Everything from the daemon is rendered as text.
 */
export function ImageDetails({
  imageId,
  version,
  load,
  onClose,
  now,
  onRun,
  onPush,
  onTag,
  onSave,
  onRemove,
  tab = 'overview',
  onTabChange,
}: ImageDetailsProps) {
  const [details, setDetails] = useState<ImageDetailsData | undefined>();
  const [error, setError] = useState<IpcError | undefined>();
  const [revealEnv, setRevealEnv] = useState(false);

  useEffect(() => {
    if (imageId === undefined) return;
    let current = true;
    setError(undefined);
    load(imageId).then(
      (answer) => {
        if (current) setDetails(answer);
      },
      (failure: unknown) => {
        if (current) setError(toIpcError(failure));
      },
    );
    return () => {
      current = false;
    };
  }, [imageId, version, load]);

  useEffect(() => {
    setRevealEnv(false);
    setDetails((previous) => (previous?.id === imageId ? previous : undefined));
  }, [imageId]);

  const shown = details !== undefined && details.id === imageId ? details : undefined;
  const primaryRef = shown?.repoTags[0] ?? (shown !== undefined ? shown.id : '');

  return (
    <Drawer
      opened={imageId !== undefined}
      onClose={onClose}
      position="right"
      size="xl"
      title={shown !== undefined ? (shown.repoTags[0] ?? shortId(shown.id)) : 'Image'}
      data-testid="image-details"
    >
      {error !== undefined ? (
        <Alert color="red" title="Could not read this image">
          {error.message}
        </Alert>
      ) : shown === undefined ? (
        <Group gap="xs">
          <Loader />
          <Text size="sm">Loading…</Text>
        </Group>
      ) : (
        <Stack gap="md">
          <Group gap="xs">
            <Button
              size="xs"
              color="green"
              leftSection={<IconPlayerPlay size={14} aria-hidden />}
              onClick={() => onRun(primaryRef)}
            >
              Run
            </Button>
            {shown.repoTags.length > 0 && (
              <Menu position="bottom-start">
                <Menu.Target>
                  <Button size="xs" variant="default" leftSection={<IconCloudUpload size={14} aria-hidden />}>
                    Push
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  {shown.repoTags.map((tag) => (
                    <Menu.Item key={tag} onClick={() => onPush(tag)}>
                      {tag}
                    </Menu.Item>
                  ))}
                </Menu.Dropdown>
              </Menu>
            )}
            <Button
              size="xs"
              variant="default"
              leftSection={<IconTag size={14} aria-hidden />}
              onClick={() => onTag(shown)}
            >
              Tag
            </Button>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconDownload size={14} aria-hidden />}
              onClick={() => onSave(shown)}
            >
              Save…
            </Button>
            <Button
              size="xs"
              color="red"
              variant="light"
              leftSection={<IconTrash size={14} aria-hidden />}
              onClick={() => onRemove(shown)}
            >
              Remove
            </Button>
          </Group>
          <Tabs value={tab} onChange={(value) => onTabChange?.(value ?? 'overview')} keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="overview">Overview</Tabs.Tab>
              <Tabs.Tab value="history">History ({shown.history.length})</Tabs.Tab>
              <Tabs.Tab value="containers">Containers ({shown.usedBy.length})</Tabs.Tab>
              <Tabs.Tab value="inspect">Inspect</Tabs.Tab>
            </Tabs.List>

            <Tabs.Panel value="overview" pt="sm">
              <Table>
                <Table.Tbody>
                  <Field label="Id">
                    <Code>{shown.id}</Code>
                  </Field>
                  <Field label="Names">
                    {shown.repoTags.length === 0
                      ? '—'
                      : shown.repoTags.map((tag) => <div key={tag}>{tag}</div>)}
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
                  <Field label="Platform">
                    {[shown.os, shown.architecture].filter(Boolean).join('/') || '—'}
                  </Field>
                  {shown.entrypoint.length > 0 && (
                    <Field label="Entrypoint">
                      <Code>{JSON.stringify(shown.entrypoint)}</Code>
                    </Field>
                  )}
                  <Field label="Command">
                    {shown.cmd.length > 0 ? <Code>{JSON.stringify(shown.cmd)}</Code> : '—'}
                  </Field>
                  {shown.workingDir !== '' && <Field label="Working dir">{shown.workingDir}</Field>}
                  {shown.user !== '' && <Field label="User">{shown.user}</Field>}
                  {shown.exposedPorts.length > 0 && (
                    <Field label="Ports">{shown.exposedPorts.join(', ')}</Field>
                  )}
                  {shown.volumes.length > 0 && <Field label="Volumes">{shown.volumes.join(', ')}</Field>}
                </Table.Tbody>
              </Table>
              <Group justify="space-between" mt="md">
                <Text fw={600} size="sm">
                  Environment
                </Text>
                {shown.env.length > 0 && (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    leftSection={
                      revealEnv ? <IconEyeOff size={14} aria-hidden /> : <IconEye size={14} aria-hidden />
                    }
                    onClick={() => setRevealEnv((value) => !value)}
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
            </Tabs.Panel>

            <Tabs.Panel value="history" pt="sm">
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
            </Tabs.Panel>

            <Tabs.Panel value="containers" pt="sm">
              {shown.usedBy.length === 0 ? (
                <Text size="sm" c="dimmed">
                  No container uses this image.
                </Text>
              ) : (
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
              )}
            </Tabs.Panel>

            <Tabs.Panel value="inspect" pt="sm">
              <Text size="xs" c="dimmed" mb="xs">
                Environment values are masked here; the Overview tab shows them on request.
              </Text>
              <ScrollArea.Autosize mah="60vh">
                <Code block data-testid="image-inspect">
                  {shown.inspect}
                </Code>
              </ScrollArea.Autosize>
            </Tabs.Panel>
          </Tabs>
        </Stack>
      )}
    </Drawer>
  );
}
