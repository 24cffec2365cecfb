import { ActionIcon, Button, Group, Text, Title, Tooltip } from '@mantine/core';
import {
  IconArrowLeft,
  IconCheck,
  IconCopy,
  IconExternalLink,
  IconPlayerPause,
  IconPlayerPlay,
  IconPlayerStop,
  IconRefresh,
  IconTrash,
} from '@tabler/icons-react';
import { useState } from 'react';

import type { ContainerSummary } from '../../../../electron/common/bridge';
import { useNow } from '../../../hooks/use-now';
import { copyText } from '../../../lib/clipboard';
import layout from '../../../styles/page.module.css';
import type { PendingAction } from '../containers-store';
import { PinToTrayButton } from '../PinToTray';
import { canPause, canRestart, canStart, canStop, canUnpause, formatPort, portUrl } from '../presentation';
import { StateBadges } from '../StateBadges';
import classes from './ContainerDetails.module.css';
import { formatUptime, type InspectFacts } from './uptime';

/** What the header's buttons ask for. */
export type HeaderAction = 'start' | 'stop' | 'restart' | 'pause' | 'unpause' | 'remove';

interface DetailsHeaderProps {
  /** The container as the live list has it; absent until listed (or once removed). */
  summary: ContainerSummary | undefined;
  /** The id the route names, shown until the list answers. */
  id: string;
  /** From the last inspect: start time (for the ticking uptime) and restart count. */
  facts: InspectFacts | undefined;
  /** The host's address, so port links point at it. */
  engineAddress: string | undefined;
  pending: PendingAction | undefined;
  /** The host does not answer: actions wait. */
  stale: boolean;
  onBack: () => void;
  onAction: (action: HeaderAction) => void;
  onOpenUrl: (url: string) => void;
}

/** Up for how long, ticking each second; for a stopped container nothing (its badge says it). */
function Uptime({ startedAt }: { startedAt: number }) {
  const now = useNow(1000);
  return (
    <Text size="sm" c="dimmed" data-testid="uptime" title={new Date(startedAt).toLocaleString()}>
      Up {formatUptime(now - startedAt)}
    </Text>
  );
}

function PortLinks({
  summary,
  engineAddress,
  onOpenUrl,
}: Pick<DetailsHeaderProps, 'engineAddress' | 'onOpenUrl'> & { summary: ContainerSummary }) {
  const links = summary.ports.flatMap((port) => {
    const url = portUrl(port, engineAddress);
    return url === undefined ? [] : [{ url, text: formatPort(port) }];
  });
  // IPv4 and IPv6 bindings of one port open the same page: one button each URL.
  const unique = [...new Map(links.map((link) => [link.url, link])).values()];
  return unique.map((link) => (
    <Button
      key={link.url}
      size="compact-sm"
      variant="light"
      leftSection={<IconExternalLink size={14} aria-hidden />}
      title={`Open ${link.url} in the browser`}
      aria-label={`Open ${link.url}`}
      data-testid="header-port"
      onClick={() => onOpenUrl(link.url)}
    >
      {link.text}
    </Button>
  ));
}

/** Start/Stop, Restart, Pause/Resume and Remove, each allowed by the state (and waiting while one is under way). */
function ActionButtons({
  summary,
  pending,
  stale,
  onAction,
}: Pick<DetailsHeaderProps, 'pending' | 'stale' | 'onAction'> & { summary: ContainerSummary }) {
  const busy = pending !== undefined || stale;
  const { state } = summary;
  const running = canStop(state);
  return (
    <Group gap={6} wrap="nowrap" data-testid="header-actions">
      {running ? (
        <Button
          size="compact-sm"
          variant="light"
          color="orange"
          leftSection={<IconPlayerStop size={14} aria-hidden />}
          disabled={busy}
          loading={pending === 'stopping'}
          onClick={() => onAction('stop')}
        >
          Stop
        </Button>
      ) : (
        <Button
          size="compact-sm"
          variant="light"
          color="green"
          leftSection={<IconPlayerPlay size={14} aria-hidden />}
          disabled={busy || !canStart(state)}
          loading={pending === 'starting'}
          onClick={() => onAction('start')}
        >
          Start
        </Button>
      )}
      <Button
        size="compact-sm"
        variant="light"
        leftSection={<IconRefresh size={14} aria-hidden />}
        disabled={busy || !canRestart(state)}
        loading={pending === 'restarting'}
        onClick={() => onAction('restart')}
      >
        Restart
      </Button>
      {canUnpause(state) ? (
        <Button
          size="compact-sm"
          variant="light"
          color="yellow"
          leftSection={<IconPlayerPlay size={14} aria-hidden />}
          disabled={busy}
          loading={pending === 'unpausing'}
          onClick={() => onAction('unpause')}
        >
          Resume
        </Button>
      ) : (
        <Button
          size="compact-sm"
          variant="light"
          color="yellow"
          leftSection={<IconPlayerPause size={14} aria-hidden />}
          disabled={busy || !canPause(state)}
          loading={pending === 'pausing'}
          onClick={() => onAction('pause')}
        >
          Pause
        </Button>
      )}
      <Button
        size="compact-sm"
        variant="light"
        color="red"
        leftSection={<IconTrash size={14} aria-hidden />}
        disabled={busy}
        loading={pending === 'removing'}
        onClick={() => onAction('remove')}
      >
        Remove
      </Button>
    </Group>
  );
}

/** The short id; a click copies the full one. */
function CopyId({ id }: { id: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Tooltip label={copied ? 'Copied' : `Copy ${id}`}>
      <Button
        size="compact-sm"
        variant="subtle"
        color="gray"
        ff="monospace"
        leftSection={copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}
        aria-label="Copy the container id"
        data-testid="copy-id"
        onClick={() => void copyText(id).then(setCopied)}
      >
        {id.slice(0, 12)}
      </Button>
    </Tooltip>
  );
}

/**
 * The details page's header: name, state and health, ticking uptime and restarts, the image, the published
 * ports as links, the id to copy, and the actions one would take from here.
 */
export function DetailsHeader(props: DetailsHeaderProps) {
  const { summary, id, facts, onBack } = props;
  const restarts = facts?.restartCount ?? summary?.restartCount ?? 0;
  const fullId = summary?.id ?? id;
  return (
    <div className={layout.heading} data-testid="details-header">
      <Group gap="xs" wrap="nowrap" className={classes.titleRow}>
        <ActionIcon aria-label="Back to containers" onClick={onBack}>
          <IconArrowLeft size={18} aria-hidden />
        </ActionIcon>
        <Title order={2} className={classes.title} title={summary?.name}>
          {summary?.name ?? id.slice(0, 12)}
        </Title>
        {summary !== undefined && <StateBadges container={{ ...summary, restartCount: restarts }} />}
        {summary?.state === 'running' && facts?.startedAt !== undefined && (
          <Uptime startedAt={facts.startedAt} />
        )}
        {restarts > 0 && (
          <Text size="sm" c="orange" data-testid="restart-count">
            restarted {restarts}×
          </Text>
        )}
      </Group>
      {summary !== undefined && (
        <Group gap="xs" className={classes.metaRow}>
          <ActionButtons
            summary={summary}
            pending={props.pending}
            stale={props.stale}
            onAction={props.onAction}
          />
          <PortLinks summary={summary} engineAddress={props.engineAddress} onOpenUrl={props.onOpenUrl} />
          <Text size="sm" c="dimmed" className={classes.image} title={summary.image}>
            {summary.image}
          </Text>
          <CopyId id={fullId} />
          <PinToTrayButton engineId={summary.engineId} name={summary.name} />
        </Group>
      )}
    </div>
  );
}
