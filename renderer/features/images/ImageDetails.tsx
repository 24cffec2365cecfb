import { Alert, Button, Drawer, Group, Loader, Menu, Stack, Tabs, Text } from '@mantine/core';
import { IconCloudUpload, IconDownload, IconPlayerPlay, IconTag, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';

import type { ImageDetails as ImageDetailsData, IpcError } from '../../../electron/common/bridge';
import { toIpcError } from '../../lib/api';
import { ContainersTab, HistoryTab, InspectTab, OverviewTab } from './ImageDetailsTabs';
import { shortId } from './presentation';

interface ImageDetailsProps {
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

/** Run, Push (a name), Tag, Save and Remove. */
function ImageActions({
  shown,
  primaryRef,
  onRun,
  onPush,
  onTag,
  onSave,
  onRemove,
}: Pick<ImageDetailsProps, 'onRun' | 'onPush' | 'onTag' | 'onSave' | 'onRemove'> & {
  shown: ImageDetailsData;
  primaryRef: string;
}) {
  return (
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
          <ImageActions
            shown={shown}
            primaryRef={primaryRef}
            onRun={onRun}
            onPush={onPush}
            onTag={onTag}
            onSave={onSave}
            onRemove={onRemove}
          />
          <Tabs value={tab} onChange={(value) => onTabChange?.(value ?? 'overview')} keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="overview">Overview</Tabs.Tab>
              <Tabs.Tab value="history">History ({shown.history.length})</Tabs.Tab>
              <Tabs.Tab value="containers">Containers ({shown.usedBy.length})</Tabs.Tab>
              <Tabs.Tab value="inspect">Inspect</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="overview" pt="sm">
              <OverviewTab
                shown={shown}
                now={now}
                revealEnv={revealEnv}
                onToggleReveal={() => setRevealEnv((value) => !value)}
              />
            </Tabs.Panel>
            <Tabs.Panel value="history" pt="sm">
              <HistoryTab shown={shown} now={now} />
            </Tabs.Panel>
            <Tabs.Panel value="containers" pt="sm">
              <ContainersTab shown={shown} />
            </Tabs.Panel>
            <Tabs.Panel value="inspect" pt="sm">
              <InspectTab shown={shown} />
            </Tabs.Panel>
          </Tabs>
        </Stack>
      )}
    </Drawer>
  );
}
