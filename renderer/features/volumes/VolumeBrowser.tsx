import {
  ActionIcon,
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Group,
  Loader,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { IconDownload, IconFile, IconFolder, IconLink, IconRefresh } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';

import { formatBytes, type VolumeEntry } from '../../../electron/common/bridge';
import { FileEntriesTable } from '../../components/FileEntriesTable/FileEntriesTable';
import { type ListingRequest, useDirectoryListing } from '../../hooks/use-directory-listing';
import { breadcrumbs, formatMode } from './presentation';
import classes from './VolumeBrowser.module.css';
import type { VolumesStore } from './volumes-store';

interface VolumeBrowserProps {
  volume: string;
  store: VolumesStore;
}

function EntryIcon({ entry }: { entry: VolumeEntry }) {
  if (entry.kind === 'directory') return <IconFolder size={16} aria-hidden />;
  if (entry.kind === 'symlink') return <IconLink size={16} aria-hidden />;
  return <IconFile size={16} aria-hidden />;
}

/** An entry's icon and name: folders open on click, links show where they point. */
function EntryName({ entry, onOpen }: { entry: VolumeEntry; onOpen: (path: string) => void }) {
  return (
    <Group gap={6} wrap="nowrap">
      <EntryIcon entry={entry} />
      {entry.kind === 'directory' ? (
        <UnstyledButton className={classes.entryButton} onClick={() => onOpen(entry.path)}>
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
  );
}

/**
 * The files of a volume, one folder at a time, read through a helper container in main. Files and folders
 * can be downloaded: main asks where, then copies them there.
 */
export function VolumeBrowser({ volume, store }: VolumeBrowserProps) {
  const [request, setRequest] = useState<ListingRequest>({ path: '' });
  const { path } = request;
  const setPath = (next: string): void => setRequest({ path: next });
  const read = useCallback((target: string) => store.browse(volume, target), [store, volume]);
  const { listing, failure, loading } = useDirectoryListing(read, request);

  // Another volume opens at its root (reading again is `read`'s business: it changes with the volume).
  useEffect(() => {
    setRequest((current) => (current.path === '' ? current : { path: '' }));
  }, [volume]);

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
          <ActionIcon variant="subtle" aria-label="Reload the folder" onClick={() => setRequest({ path })}>
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
          <FileEntriesTable
            entries={listing.entries}
            tableProps={{ verticalSpacing: 4, fz: 'sm', 'aria-label': `Files in ${volume}` }}
            rowProps={(entry) => ({
              'data-testid': 'volume-entry',
              'data-kind': entry.kind,
              'data-path': entry.path,
            })}
            renderName={(entry) => <EntryName entry={entry} onOpen={setPath} />}
            formatSize={(bytes) => formatBytes(bytes)}
            formatMode={formatMode}
            classNames={{ mode: classes.mono, modified: classes.dimmed }}
            onDownload={download}
          />
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
