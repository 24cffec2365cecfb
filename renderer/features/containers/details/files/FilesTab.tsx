import { ActionIcon, Anchor, Breadcrumbs, Button, Group, Table, Text } from '@mantine/core';
import { IconDownload, IconUpload } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';

import {
  type ContainerDirectoryListing,
  type ContainerFileEntry,
  type EngineId,
  formatBytes,
} from '../../../../../electron/common/bridge';
import { toIpcError } from '../../../../lib/api';
import { showErrorNotification } from '../../../../lib/notify';
import { useApi } from '../use-api';

export interface FilesTabProps {
  engineId: EngineId;
  id: string;
}

/** Where a symlink entry leads, as a path to browse. */
function linkDestination(entry: ContainerFileEntry, directory: string): string {
  const target = entry.linkTarget ?? entry.path;
  if (target.startsWith('/')) return target;
  const parts = [...directory.split('/'), ...target.split('/')].filter((part) => part !== '' && part !== '.');
  const resolved: string[] = [];
  for (const part of parts) {
    if (part === '..') resolved.pop();
    else resolved.push(part);
  }
  return `/${resolved.join('/')}`;
}

/** The container's filesystem through the Engine archive API: browse, download, upload. */
export function FilesTab({ engineId, id }: FilesTabProps) {
  const api = useApi();
  const [path, setPath] = useState('/');
  const [listing, setListing] = useState<ContainerDirectoryListing>();
  const [error, setError] = useState<string>();

  const load = useCallback(
    (target: string) => {
      setError(undefined);
      api.containers.listFiles({ engineId, id, path: target }).then(
        (result) => {
          setListing(result);
          setPath(result.path);
        },
        (caught: unknown) => setError(toIpcError(caught).message),
      );
    },
    [api, engineId, id],
  );
  useEffect(() => load('/'), [load]);

  const download = (target: string): void => {
    api.containers.download({ engineId, id, path: target }).catch((caught: unknown) => {
      showErrorNotification(toIpcError(caught), `Could not download ${target}`);
    });
  };
  const upload = (): void => {
    api.containers.upload({ engineId, id, path }).then(
      (result) => result.completed && load(path),
      (caught: unknown) => showErrorNotification(toIpcError(caught), `Could not upload into ${path}`),
    );
  };

  const segments = path.split('/').filter(Boolean);
  return (
    <div data-testid="files-tab">
      <Group justify="space-between" mb="xs">
        <Breadcrumbs>
          <Anchor component="button" onClick={() => load('/')}>
            /
          </Anchor>
          {segments.map((segment, index) => (
            <Anchor
              key={index}
              component="button"
              onClick={() => load(`/${segments.slice(0, index + 1).join('/')}`)}
            >
              {segment}
            </Anchor>
          ))}
        </Breadcrumbs>
        <Group gap="xs">
          <Button
            size="xs"
            variant="light"
            leftSection={<IconDownload size={14} aria-hidden />}
            onClick={() => download(path)}
          >
            Download folder
          </Button>
          <Button
            size="xs"
            variant="light"
            leftSection={<IconUpload size={14} aria-hidden />}
            onClick={upload}
          >
            Upload a file here
          </Button>
        </Group>
      </Group>
      {error !== undefined && <Text c="red">{error}</Text>}
      {listing?.truncated && (
        <Text size="sm" c="dimmed">
          This folder is too big to list whole; only part of it is shown.
        </Text>
      )}
      {listing && (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Size</Table.Th>
              <Table.Th>Mode</Table.Th>
              <Table.Th>Modified</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {listing.entries.map((entry) => (
              <Table.Tr key={entry.path}>
                <Table.Td>
                  {entry.kind === 'directory' || entry.kind === 'symlink' ? (
                    <Anchor
                      component="button"
                      onClick={() =>
                        load(entry.kind === 'symlink' ? linkDestination(entry, listing.path) : entry.path)
                      }
                    >
                      {entry.name}
                      {entry.kind === 'directory' ? '/' : ` → ${entry.linkTarget ?? ''}`}
                    </Anchor>
                  ) : (
                    entry.name
                  )}
                </Table.Td>
                <Table.Td>{entry.kind === 'file' ? formatBytes(entry.size, 'binary') : ''}</Table.Td>
                <Table.Td>{entry.mode.toString(8).padStart(3, '0')}</Table.Td>
                <Table.Td>{new Date(entry.modified).toLocaleString()}</Table.Td>
                <Table.Td>
                  {(entry.kind === 'file' || entry.kind === 'directory') && (
                    <ActionIcon aria-label={`Download ${entry.name}`} onClick={() => download(entry.path)}>
                      <IconDownload size={16} aria-hidden />
                    </ActionIcon>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </div>
  );
}
