import { Anchor, Breadcrumbs, Button, Group, Text } from '@mantine/core';
import { IconDownload, IconUpload } from '@tabler/icons-react';
import { useCallback, useState } from 'react';

import { type ContainerFileEntry, type EngineId, formatBytes } from '../../../../../electron/common/bridge';
import { FileEntriesTable } from '../../../../components/FileEntriesTable/FileEntriesTable';
import { type ListingRequest, useDirectoryListing } from '../../../../hooks/use-directory-listing';
import { toIpcError } from '../../../../lib/api';
import { showErrorNotification } from '../../../../lib/notify';
import { useApi } from '../use-api';

interface FilesTabProps {
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

/** `/`, then one crumb per folder of `path`. */
function PathCrumbs({ path, onOpen }: { path: string; onOpen: (path: string) => void }) {
  const segments = path.split('/').filter(Boolean);
  return (
    <Breadcrumbs>
      <Anchor component="button" onClick={() => onOpen('/')}>
        /
      </Anchor>
      {segments.map((segment, index) => (
        <Anchor
          key={index}
          component="button"
          onClick={() => onOpen(`/${segments.slice(0, index + 1).join('/')}`)}
        >
          {segment}
        </Anchor>
      ))}
    </Breadcrumbs>
  );
}

/** The container's filesystem through the Engine archive API: browse, download, upload. */
export function FilesTab({ engineId, id }: FilesTabProps) {
  const api = useApi();
  const [request, setRequest] = useState<ListingRequest>({ path: '/' });
  const read = useCallback(
    (path: string) => api.containers.listFiles({ engineId, id, path }),
    [api, engineId, id],
  );
  // A folder that cannot be read leaves the last one on screen, under the error.
  const { listing, failure } = useDirectoryListing(read, request, { keepOnFailure: true });
  /** The folder shown, as main normalised it. */
  const path = listing?.path ?? '/';
  const open = (target: string): void => setRequest({ path: target });

  const download = (target: string): void => {
    api.containers.download({ engineId, id, path: target }).catch((caught: unknown) => {
      showErrorNotification(toIpcError(caught), `Could not download ${target}`);
    });
  };
  const upload = (): void => {
    api.containers.upload({ engineId, id, path }).then(
      (result) => result.completed && open(path),
      (caught: unknown) => showErrorNotification(toIpcError(caught), `Could not upload into ${path}`),
    );
  };

  return (
    <div data-testid="files-tab">
      <Group justify="space-between" mb="xs">
        <PathCrumbs path={path} onOpen={open} />
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
      {failure !== null && <Text c="red">{failure.message}</Text>}
      {listing?.truncated && (
        <Text size="sm" c="dimmed">
          This folder is too big to list whole; only part of it is shown.
        </Text>
      )}
      {listing && (
        <FileEntriesTable
          entries={listing.entries}
          renderName={(entry) =>
            entry.kind === 'directory' || entry.kind === 'symlink' ? (
              <Anchor
                component="button"
                onClick={() =>
                  open(entry.kind === 'symlink' ? linkDestination(entry, listing.path) : entry.path)
                }
              >
                {entry.name}
                {entry.kind === 'directory' ? '/' : ` → ${entry.linkTarget ?? ''}`}
              </Anchor>
            ) : (
              entry.name
            )
          }
          formatSize={(bytes) => formatBytes(bytes, 'binary')}
          formatMode={(entry) => entry.mode.toString(8).padStart(3, '0')}
          onDownload={(entry) => download(entry.path)}
        />
      )}
    </div>
  );
}
