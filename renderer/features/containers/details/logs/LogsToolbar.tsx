import { ActionIcon, Badge, Button, Group, Select, Switch, Text, TextInput, Tooltip } from '@mantine/core';
import { IconArrowDown, IconChevronDown, IconChevronUp, IconCopy, IconDownload } from '@tabler/icons-react';

import classes from './LogsTab.module.css';
import type { LogSearch } from './use-log-search';
import type { LogPhase } from './use-log-stream';

/** What the toolbar shows and changes; the Logs tab owns the state. */
interface LogsToolbarProps {
  search: LogSearch;
  onGoToMatch: (step: 1 | -1) => void;
  showTimestamps: boolean;
  onShowTimestamps: (show: boolean) => void;
  wrap: boolean;
  onWrap: (wrap: boolean) => void;
  sinceInput: string;
  onSinceInput: (value: string) => void;
  untilInput: string;
  onUntilInput: (value: string) => void;
  capacity: number;
  onCapacity: (capacity: number) => void;
  onCopy: () => void;
  onSave: () => void;
  phase: LogPhase;
  following: boolean;
  onResumeFollowing: () => void;
}

const CAPACITIES = ['10000', '100000', '500000', '1000000'].map((value) => ({
  value,
  label: `${Number(value).toLocaleString()} lines`,
}));

function stateLabel(phase: LogPhase, following: boolean): string {
  if (phase === 'opening') return 'Opening…';
  if (phase === 'failed') return 'Failed';
  if (phase === 'reconnecting') return 'Reconnecting…';
  if (phase === 'ended') return 'Ended';
  return following ? 'Following' : 'Paused';
}

function SearchControls({ search, onGoToMatch }: Pick<LogsToolbarProps, 'search' | 'onGoToMatch'>) {
  const { query, matchIndex, matchCount } = search;
  return (
    <>
      <TextInput
        size="xs"
        placeholder="Search"
        aria-label="Search the log"
        value={query}
        onChange={(event) => search.setQuery(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') onGoToMatch(event.shiftKey ? -1 : 1);
        }}
      />
      <ActionIcon aria-label="Previous match" onClick={() => onGoToMatch(-1)} disabled={query === ''}>
        <IconChevronUp size={16} aria-hidden />
      </ActionIcon>
      <ActionIcon aria-label="Next match" onClick={() => onGoToMatch(1)} disabled={query === ''}>
        <IconChevronDown size={16} aria-hidden />
      </ActionIcon>
      {query !== '' && matchIndex !== undefined && (
        <Text size="xs" c="dimmed" data-testid="log-match-count">
          {matchCount.toLocaleString()} lines match
        </Text>
      )}
      {query !== '' && matchIndex === undefined && matchCount === 0 && (
        <Text size="xs" c="dimmed">
          Enter finds the next match
        </Text>
      )}
    </>
  );
}

/** The Logs tab's toolbar: search, display switches, time window, lines kept, copy/save and the stream state. */
export function LogsToolbar(props: LogsToolbarProps) {
  const { phase, following } = props;
  return (
    <Group gap="xs" className={classes.toolbar} wrap="wrap">
      <SearchControls search={props.search} onGoToMatch={props.onGoToMatch} />
      <Switch
        size="xs"
        label="Timestamps"
        checked={props.showTimestamps}
        onChange={(e) => props.onShowTimestamps(e.currentTarget.checked)}
      />
      <Switch
        size="xs"
        label="Wrap"
        checked={props.wrap}
        onChange={(e) => props.onWrap(e.currentTarget.checked)}
      />
      <TextInput
        size="xs"
        type="datetime-local"
        aria-label="Since"
        value={props.sinceInput}
        onChange={(e) => props.onSinceInput(e.currentTarget.value)}
      />
      <TextInput
        size="xs"
        type="datetime-local"
        aria-label="Until"
        value={props.untilInput}
        onChange={(e) => props.onUntilInput(e.currentTarget.value)}
      />
      <Select
        size="xs"
        w={130}
        aria-label="Lines kept"
        value={String(props.capacity)}
        onChange={(value) => value !== null && props.onCapacity(Number(value))}
        data={CAPACITIES}
        allowDeselect={false}
      />
      <Tooltip label="Copy the lines shown">
        <ActionIcon aria-label="Copy log" onClick={props.onCopy}>
          <IconCopy size={16} aria-hidden />
        </ActionIcon>
      </Tooltip>
      <Tooltip label="Save the log to a file">
        <ActionIcon aria-label="Save log" onClick={props.onSave}>
          <IconDownload size={16} aria-hidden />
        </ActionIcon>
      </Tooltip>
      <Badge
        color={
          phase === 'failed'
            ? 'red'
            : phase === 'reconnecting'
              ? 'orange'
              : following && phase === 'live'
                ? 'green'
                : 'gray'
        }
        data-testid="log-state"
      >
        {stateLabel(phase, following)}
      </Badge>
      {!following && phase !== 'opening' && (
        <Button
          size="xs"
          variant="light"
          leftSection={<IconArrowDown size={14} aria-hidden />}
          onClick={props.onResumeFollowing}
        >
          Back to the end
        </Button>
      )}
    </Group>
  );
}
