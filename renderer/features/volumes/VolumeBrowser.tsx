import {
  ActionIcon,
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Group,
  Loader,
  Table,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { IconDownload, IconFile, IconFolder, IconLink, IconRefresh } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';

import {
  formatBytes,
  type IpcError,
  type VolumeDirectoryListing,
  type VolumeEntry,
} from '../../../electron/common/bridge';
import { breadcrumbs, formatMode } from './presentation';
import classes from './VolumeBrowser.module.css';
import type { VolumesStore } from './volumes-store';

export interface VolumeBrowserProps {
  volume: string;
  store: VolumesStore;
}

function EntryIcon({ entry }: { entry: VolumeEntry }) {
  if (entry.kind === 'directory') return <IconFolder size={16} aria-hidden />;
  if (entry.kind === 'symlink') return <IconLink size={16} aria-hidden />;
  return <IconFile size={16} aria-hidden />;
}

/**
 * The files of a volume, one folder at a time, read through a helper container in main. Files and folders
 * can be downloaded: main asks where, then copies them there.
 */
export function VolumeBrowser({ volume, store }: VolumeBrowserProps) {
  const [path, setPath] = useState('');
  const [listing, setListing] = useState<VolumeDirectoryListing | null>(null);
  const [failure, setFailure] = useState<IpcError | null>(null);
  const [loading, setLoading] = useState(false);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    setPath('');
  }, [volume]);

  useEffect(() => {
    let current = true;
    setLoading(true);
    setFailure(null);
    store.browse(volume, path).then(
      (result) => {
        if (!current) return;
        setListing(result);
        setLoading(false);
      },
      (error: unknown) => {
        if (!current) return;
        setListing(null);
        setFailure(error as IpcError);
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [store, volume, path, reloads]);

  const download = useCallback(
    (entry: VolumeEntry) =>
      void store.download(volume, entry.path, entry.kind === 'directory' ? 'directory' : 'file'),
    [store, volume],
  );

  return (
    <div data-testid="volume-browser" data-path={path}>
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Breadcrumbs separatorMargin={4}>
          {breadcrumbs(volume, path).map((crumb) => (
            <Anchor
              component="button"
              type="button"
              size="sm"
              key={crumb.path}
              onClick={() => setPath(crumb.path)}
            >
              {crumb.label}
            </Anchor>
          ))}
        </Breadcrumbs>
        <Group gap={4} wrap="nowrap">
          {path !== '' && (
            <Button
              size="compact-xs"
              variant="light"
              leftSection={<IconDownload size={14} aria-hidden />}
              onClick={() => void store.download(volume, path, 'directory')}
            >
              Download folder
            </Button>
          )}
          <ActionIcon
            variant="subtle"
            aria-label="Reload the folder"
            onClick={() => setReloads((count) => count + 1)}
          >
            <IconRefresh size={16} aria-hidden />
          </ActionIcon>
        </Group>
      </Group>
      {loading && listing === null && (
        <Group gap="xs" role="status">
          <Loader size="xs" />
          <Text size="sm">Reading the folder…</Text>
        </Group>
      )}
      {failure !== null && (
        <Alert color="red" title="Could not read the folder" data-testid="volume-browser-error">
          {failure.message}
        </Alert>
      )}
      {listing !== null && listing.entries.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="volume-browser-empty">
          This folder is empty.
        </Text>
      )}
      {listing !== null && listing.entries.length > 0 && (
        <div className={classes.entries}>
          <Table striped highlightOnHover verticalSpacing={4} fz="sm" aria-label={`Files in ${volume}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Size</Table.Th>
                <Table.Th>Mode</Table.Th>
                <Table.Th>Modified</Table.Th>
                <Table.Th aria-label="Actions" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {listing.entries.map((entry) => (
                <Table.Tr
                  key={entry.path}
                  data-testid="volume-entry"
                  data-kind={entry.kind}
                  data-path={entry.path}
                >
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <EntryIcon entry={entry} />
                      {entry.kind === 'directory' ? (
                        <UnstyledButton className={classes.entryButton} onClick={() => setPath(entry.path)}>
                          {entry.name}
                        </UnstyledButton>
                      ) : (
                        <Text size="sm" span>
                          {entry.name}
                          {entry.linkTarget !== undefined && (
                            <Text span c="dimmed" size="xs">
                              {' '}
                              → {entry.linkTarget}
                            </Text>
                          )}
                        </Text>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{entry.kind === 'file' ? formatBytes(entry.size) : ''}</Table.Td>
                  <Table.Td className={classes.mono}>{formatMode(entry)}</Table.Td>
                  <Table.Td className={classes.dimmed}>{new Date(entry.modified).toLocaleString()}</Table.Td>
                  <Table.Td>
                    {(entry.kind === 'file' || entry.kind === 'directory') && (
                      <ActionIcon
                        variant="subtle"
                        aria-label={`Download ${entry.name}`}
                        onClick={() => download(entry)}
                      >
                        <IconDownload size={16} aria-hidden />
                      </ActionIcon>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
      {listing?.truncated === true && (
        <Text size="xs" c="dimmed" mt="xs" data-testid="volume-browser-truncated">
          Only part of this folder is listed: it holds too much to read at once. Export the volume to see
          everything.
        </Text>
      )}
    </div>
  );
}
