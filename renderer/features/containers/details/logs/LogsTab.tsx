import { ActionIcon, Badge, Button, Group, Select, Switch, Text, TextInput, Tooltip } from '@mantine/core';
import { IconArrowDown, IconChevronDown, IconChevronUp, IconCopy, IconDownload } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';

import {
  type EngineId,
  IpcEvent,
  type LogLine,
  type LogsBatch,
  type LogsEnded,
} from '../../../../../electron/common/bridge';
import { toIpcError } from '../../../../lib/api';
import { showErrorNotification } from '../../../../lib/notify';
import { useApi } from '../use-api';
import { stripAnsi } from './ansi';
import { DEFAULT_LOG_CAPACITY, LogBuffer } from './log-buffer';
import { localInputToUnix, timestampToUnix } from './log-time';
import { LogLineView, RENDER_CHUNK } from './LogLineView';
import classes from './LogsTab.module.css';

export interface LogsTabProps {
  engineId: EngineId;
  id: string;
  /** Lines kept in memory. @default 100,000 */
  capacity?: number;
}

const TAIL = 1000;
const ROW_HEIGHT = 18;
/** Windows "load earlier" tries, in seconds before the oldest line, until it finds a page of lines. */
const EARLIER_WINDOWS = [10, 120, 1800, 21_600, 259_200];

type Phase = 'opening' | 'live' | 'ended' | 'failed';

/**
 * A container's log: opens with the last 1,000 lines and follows; stdout and stderr told apart; ANSI colours as
 * styling; timestamps, wrap, since/until, search with next/previous, copy, save, load earlier. Rows are
 * virtualised over a bounded buffer, and re-rendering is paced by animation frames, so a fast producer or a
 * 1 MB line never freezes the view. Following pauses when the user scrolls up and resumes at the bottom.
 */
export function LogsTab({ engineId, id, capacity: initialCapacity = DEFAULT_LOG_CAPACITY }: LogsTabProps) {
  const api = useApi();
  const [capacity, setCapacity] = useState(initialCapacity);
  const bufferRef = useRef(new LogBuffer(initialCapacity));
  const [revision, setRevision] = useState(0);
  const [phase, setPhase] = useState<Phase>('opening');
  const [error, setError] = useState<string>();
  const [following, setFollowing] = useState(true);
  const [showTimestamps, setShowTimestamps] = useState(false);
  const [wrap, setWrap] = useState(false);
  const [sinceInput, setSinceInput] = useState('');
  const [untilInput, setUntilInput] = useState('');
  const [query, setQuery] = useState('');
  const [matchIndex, setMatchIndex] = useState<number>();
  const [matchCount, setMatchCount] = useState(0);
  const [limits, setLimits] = useState(() => new Map<LogLine, number>());
  const [loadingEarlier, setLoadingEarlier] = useState(false);
  const [noEarlier, setNoEarlier] = useState(false);
  const viewportRef = useRef<HTMLDivElement>(null);
  const frame = useRef<number | undefined>(undefined);
  /** Acknowledges the batches the next frame draws (set by the open stream). */
  const acknowledgeRef = useRef<(() => void) | undefined>(undefined);
  const followingRef = useRef(true);
  const since = localInputToUnix(sinceInput);
  const until = localInputToUnix(untilInput);

  const scheduleRender = useCallback(() => {
    if (frame.current !== undefined) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = undefined;
      setRevision(bufferRef.current.revision);
      // Main sends the next batches only once these are taken in: a producer faster than this view delays the
      // log (main pauses the daemon stream) instead of flooding the page and freezing it.
      const acknowledge = acknowledgeRef.current;
      acknowledgeRef.current = undefined;
      acknowledge?.();
    });
  }, []);
  useEffect(
    () => () => {
      if (frame.current !== undefined) cancelAnimationFrame(frame.current);
    },
    [],
  );

  // One stream per (container, window, capacity); closing it is what destroys the daemon's follow request.
  useEffect(() => {
    const buffer = new LogBuffer(capacity);
    bufferRef.current = buffer;
    setRevision(buffer.revision);
    setPhase('opening');
    setError(undefined);
    setNoEarlier(false);
    let streamId: string | undefined;
    let closed = false;
    let unacknowledged = 0;
    const acknowledge = (): void => {
      if (closed || streamId === undefined) return;
      for (; unacknowledged > 0; unacknowledged -= 1) void api.logs.ack(streamId).catch(() => undefined);
    };
    const early: Array<LogsBatch | LogsEnded> = [];
    const onBatch = (batch: LogsBatch): void => {
      if (streamId === undefined) early.push(batch);
      else if (batch.streamId === streamId) {
        buffer.append(batch.lines);
        unacknowledged += 1;
        acknowledgeRef.current = acknowledge;
        scheduleRender();
      }
    };
    const onEnded = (ended: LogsEnded): void => {
      if (streamId === undefined) early.push(ended);
      else if (ended.streamId === streamId) {
        setPhase(ended.error ? 'failed' : 'ended');
        if (ended.error) setError(ended.error.message);
      }
    };
    const offBatch = api.events.on(IpcEvent.LogsReceived, onBatch);
    const offEnded = api.events.on(IpcEvent.LogsEnded, onEnded);
    api.logs
      .open({ engineId, id, tail: TAIL, since, until, follow: until === undefined, acknowledge: true })
      .then((opened) => {
        if (closed) {
          void api.logs.close(opened.streamId).catch(() => undefined);
          return;
        }
        streamId = opened.streamId;
        setPhase('live');
        for (const message of early.splice(0)) {
          if ('lines' in message) onBatch(message);
          else onEnded(message);
        }
      })
      .catch((caught: unknown) => {
        if (closed) return;
        setPhase('failed');
        setError(toIpcError(caught).message);
      });
    return () => {
      closed = true;
      if (acknowledgeRef.current === acknowledge) acknowledgeRef.current = undefined;
      offBatch();
      offEnded();
      if (streamId !== undefined) void api.logs.close(streamId).catch(() => undefined);
    };
  }, [api, engineId, id, since, until, capacity, scheduleRender]);

  const buffer = bufferRef.current;
  const count = buffer.length;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => viewportRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });

  // Follow: stay at the bottom as lines arrive, unless the user scrolled up.
  useEffect(() => {
    if (followingRef.current && count > 0) virtualizer.scrollToIndex(count - 1, { align: 'end' });
  }, [revision, count, virtualizer]);

  const onScroll = (): void => {
    const element = viewportRef.current;
    if (!element) return;
    const atBottom = element.scrollHeight - element.scrollTop - element.clientHeight <= ROW_HEIGHT;
    if (atBottom !== followingRef.current) {
      followingRef.current = atBottom;
      setFollowing(atBottom);
    }
  };
  const resumeFollowing = (): void => {
    followingRef.current = true;
    setFollowing(true);
    if (count > 0) virtualizer.scrollToIndex(count - 1, { align: 'end' });
  };

  const lowerQuery = query.toLowerCase();
  const findMatch = (from: number, step: 1 | -1): number | undefined => {
    if (lowerQuery === '' || count === 0) return undefined;
    for (let offset = 1; offset <= count; offset++) {
      const index = (((from + step * offset) % count) + count) % count;
      const line = buffer.at(index);
      if (line && stripAnsi(line.text).toLowerCase().includes(lowerQuery)) return index;
    }
    return undefined;
  };
  const countMatches = (): number => {
    if (lowerQuery === '') return 0;
    let matches = 0;
    for (let index = 0; index < count; index++) {
      const line = buffer.at(index);
      if (line && stripAnsi(line.text).toLowerCase().includes(lowerQuery)) matches += 1;
    }
    return matches;
  };
  const goToMatch = (step: 1 | -1): void => {
    const start = matchIndex ?? (step === 1 ? -1 : count);
    const next = findMatch(start, step);
    setMatchCount(countMatches());
    setMatchIndex(next);
    if (next !== undefined) {
      followingRef.current = false;
      setFollowing(false);
      virtualizer.scrollToIndex(next, { align: 'center' });
    }
  };

  const showMore = useCallback((line: LogLine) => {
    setLimits((current) =>
      new Map(current).set(line, (current.get(line) ?? RENDER_CHUNK) + 10 * RENDER_CHUNK),
    );
  }, []);

  const copyAll = (): void => {
    const text = buffer
      .toArray()
      .map((line) => `${showTimestamps && line.ts ? `${line.ts} ` : ''}${stripAnsi(line.text)}`)
      .join('\n');
    void navigator.clipboard.writeText(text).catch((caught: unknown) => {
      showErrorNotification(toIpcError(caught), 'Could not copy the log');
    });
  };
  const save = (): void => {
    api.logs
      .save({ engineId, id, tail: 'all', since, until, timestamps: showTimestamps })
      .catch((caught: unknown) => {
        showErrorNotification(toIpcError(caught), 'Could not save the log');
      });
  };

  const loadEarlier = async (): Promise<void> => {
    const first = buffer.first();
    const firstUntil = first?.ts === undefined ? undefined : timestampToUnix(first.ts, -1);
    if (firstUntil === undefined) return;
    setLoadingEarlier(true);
    try {
      let lines: LogLine[] = [];
      for (const window of [...EARLIER_WINDOWS, undefined]) {
        const windowSince =
          window === undefined
            ? since
            : String(Math.max(Number(since ?? 0), Math.floor(Number(firstUntil)) - window));
        lines = await readOnce(api, { engineId, id, tail: 'all', since: windowSince, until: firstUntil });
        if (lines.length >= TAIL) break;
      }
      const page = lines.slice(-TAIL);
      if (page.length === 0) {
        setNoEarlier(true);
        return;
      }
      followingRef.current = false;
      setFollowing(false);
      buffer.prepend(page);
      setRevision(buffer.revision);
      virtualizer.scrollToIndex(page.length, { align: 'start' });
    } catch (caught) {
      showErrorNotification(toIpcError(caught), 'Could not load earlier lines');
    } finally {
      setLoadingEarlier(false);
    }
  };

  const items = virtualizer.getVirtualItems();
  return (
    <div className={classes.root} data-testid="logs-tab">
      <Group gap="xs" className={classes.toolbar} wrap="wrap">
        <TextInput
          size="xs"
          placeholder="Search"
          aria-label="Search the log"
          value={query}
          onChange={(event) => {
            setQuery(event.currentTarget.value);
            setMatchIndex(undefined);
            setMatchCount(0);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') goToMatch(event.shiftKey ? -1 : 1);
          }}
        />
        <ActionIcon aria-label="Previous match" onClick={() => goToMatch(-1)} disabled={query === ''}>
          <IconChevronUp size={16} aria-hidden />
        </ActionIcon>
        <ActionIcon aria-label="Next match" onClick={() => goToMatch(1)} disabled={query === ''}>
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
        <Switch
          size="xs"
          label="Timestamps"
          checked={showTimestamps}
          onChange={(e) => setShowTimestamps(e.currentTarget.checked)}
        />
        <Switch size="xs" label="Wrap" checked={wrap} onChange={(e) => setWrap(e.currentTarget.checked)} />
        <TextInput
          size="xs"
          type="datetime-local"
          aria-label="Since"
          value={sinceInput}
          onChange={(e) => setSinceInput(e.currentTarget.value)}
        />
        <TextInput
          size="xs"
          type="datetime-local"
          aria-label="Until"
          value={untilInput}
          onChange={(e) => setUntilInput(e.currentTarget.value)}
        />
        <Select
          size="xs"
          w={130}
          aria-label="Lines kept"
          value={String(capacity)}
          onChange={(value) => value !== null && setCapacity(Number(value))}
          data={['10000', '100000', '500000', '1000000'].map((value) => ({
            value,
            label: `${Number(value).toLocaleString()} lines`,
          }))}
          allowDeselect={false}
        />
        <Tooltip label="Copy the lines shown">
          <ActionIcon aria-label="Copy log" onClick={copyAll}>
            <IconCopy size={16} aria-hidden />
          </ActionIcon>
        </Tooltip>
        <Tooltip label="Save the log to a file">
          <ActionIcon aria-label="Save log" onClick={save}>
            <IconDownload size={16} aria-hidden />
          </ActionIcon>
        </Tooltip>
        <Badge
          color={phase === 'failed' ? 'red' : following && phase === 'live' ? 'green' : 'gray'}
          data-testid="log-state"
        >
          {phase === 'opening'
            ? 'Opening…'
            : phase === 'failed'
              ? 'Failed'
              : phase === 'ended'
                ? 'Ended'
                : following
                  ? 'Following'
                  : 'Paused'}
        </Badge>
        {!following && phase !== 'opening' && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconArrowDown size={14} aria-hidden />}
            onClick={resumeFollowing}
          >
            Back to the end
          </Button>
        )}
      </Group>
      {error !== undefined && (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      )}
      <div
        ref={viewportRef}
        className={classes.viewport}
        data-wrap={wrap || undefined}
        onScroll={onScroll}
        data-testid="log-viewport"
        role="log"
        aria-live="off"
      >
        <Group justify="center" py={4}>
          <Button
            size="compact-xs"
            variant="subtle"
            loading={loadingEarlier}
            disabled={noEarlier || count === 0}
            onClick={() => void loadEarlier()}
          >
            {noEarlier ? 'No earlier lines' : 'Load earlier lines'}
          </Button>
          {buffer.dropped > 0 && (
            <Text size="xs" c="dimmed">
              {buffer.dropped.toLocaleString()} older lines dropped (keeping {capacity.toLocaleString()})
            </Text>
          )}
        </Group>
        <div className={classes.canvas} style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const line = buffer.at(item.index);
            if (!line) return null;
            return (
              <div
                key={item.key}
                data-index={item.index}
                data-row
                ref={wrap ? virtualizer.measureElement : undefined}
                className={classes.row}
                style={{ transform: `translateY(${item.start}px)`, height: wrap ? undefined : ROW_HEIGHT }}
              >
                <LogLineView
                  line={line}
                  showTimestamp={showTimestamps}
                  query={lowerQuery}
                  current={item.index === matchIndex}
                  limit={limits.get(line) ?? RENDER_CHUNK}
                  onShowMore={showMore}
                />
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

/** Reads one window of the log without following and resolves with its lines. */
function readOnce(
  api: ReturnType<typeof useApi>,
  query: { engineId: EngineId; id: string; tail: 'all'; since?: string; until?: string },
): Promise<LogLine[]> {
  return new Promise((resolve, reject) => {
    const lines: LogLine[] = [];
    let streamId: string | undefined;
    const pending: Array<LogsBatch | LogsEnded> = [];
    const handle = (message: LogsBatch | LogsEnded): void => {
      if (message.streamId !== streamId) return;
      if ('lines' in message) {
        lines.push(...message.lines);
        return;
      }
      offBatch();
      offEnded();
      if (message.error) reject(new Error(message.error.message));
      else resolve(lines);
    };
    const receive = (message: LogsBatch | LogsEnded): void => {
      if (streamId === undefined) pending.push(message);
      else handle(message);
    };
    const offBatch = api.events.on(IpcEvent.LogsReceived, receive);
    const offEnded = api.events.on(IpcEvent.LogsEnded, receive);
    api.logs.open({ ...query, follow: false }).then(
      (opened) => {
        streamId = opened.streamId;
        for (const message of pending.splice(0)) handle(message);
      },
      (caught: unknown) => {
        offBatch();
        offEnded();
        reject(caught instanceof Error ? caught : new Error(String(caught)));
      },
    );
  });
}
