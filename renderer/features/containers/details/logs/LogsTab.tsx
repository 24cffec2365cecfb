import { Text } from '@mantine/core';
import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';

import type { EngineId } from '../../../../../electron/common/bridge';
import { toIpcError } from '../../../../lib/api';
import { showErrorNotification } from '../../../../lib/notify';
import { useApi } from '../use-api';
import { stripAnsi } from './ansi';
import { DEFAULT_LOG_CAPACITY } from './log-ring';
import { localInputToUnix } from './log-time';
import { RENDER_CHUNK } from './LogLineView';
import classes from './LogsTab.module.css';
import { LogsToolbar } from './LogsToolbar';
import { LogViewport, ROW_HEIGHT } from './LogViewport';
import { useLoadEarlier } from './use-load-earlier';
import { useLogSearch } from './use-log-search';
import { useLogStream } from './use-log-stream';

interface LogsTabProps {
  engineId: EngineId;
  id: string;
  /** Lines kept in memory. @default 100,000 */
  capacity?: number;
}

/** Why the log is reconnecting (it resumes by itself), or why it failed. */
function StreamMessages({ interruption, error }: { interruption?: string; error?: string }) {
  return (
    <>
      {interruption !== undefined && (
        <Text size="sm" c="orange" role="status" data-testid="log-interruption">
          Reconnecting — the log resumes where it stopped once the host is back. {interruption}
        </Text>
      )}
      {error !== undefined && (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      )}
    </>
  );
}

interface Following {
  following: boolean;
  onScroll: () => void;
  pause: () => void;
  resume: () => void;
}

/** Follow: stay at the bottom as lines arrive, unless the user scrolled up; resume at the bottom. */
function useFollowing(
  viewportRef: RefObject<HTMLDivElement | null>,
  virtualizer: Virtualizer<HTMLDivElement, Element>,
  count: number,
  revision: number,
): Following {
  const [following, setFollowing] = useState(true);
  const followingRef = useRef(true);
  useEffect(() => {
    if (followingRef.current && count > 0) virtualizer.scrollToIndex(count - 1, { align: 'end' });
  }, [revision, count, virtualizer]);
  const set = (next: boolean): void => {
    followingRef.current = next;
    setFollowing(next);
  };
  return {
    following,
    onScroll: () => {
      const element = viewportRef.current;
      if (!element) return;
      const atBottom = element.scrollHeight - element.scrollTop - element.clientHeight <= ROW_HEIGHT;
      if (atBottom !== followingRef.current) set(atBottom);
    },
    pause: () => set(false),
    resume: () => {
      set(true);
      if (count > 0) virtualizer.scrollToIndex(count - 1, { align: 'end' });
    },
  };
}

/**
 * A container's log: opens with one screen's worth of its last lines (then up to 1,000 in the background) and follows; stdout and stderr told apart; ANSI colours as
 * styling; timestamps, wrap, since/until, search with next/previous, copy, save, load earlier. Rows are
 * virtualised over a bounded buffer, and re-rendering is paced by animation frames, so a fast producer or a
 * 1 MB line never freezes the view. Following pauses when the user scrolls up and resumes at the bottom.
 */
export function LogsTab({ engineId, id, capacity: initialCapacity = DEFAULT_LOG_CAPACITY }: LogsTabProps) {
  const api = useApi();
  const [capacity, setCapacity] = useState(initialCapacity);
  const [showTimestamps, setShowTimestamps] = useState(false);
  const [wrap, setWrap] = useState(false);
  const [sinceInput, setSinceInput] = useState('');
  const [untilInput, setUntilInput] = useState('');
  const [limits, setLimits] = useState(() => new Map<number, number>());
  const viewportRef = useRef<HTMLDivElement>(null);
  const since = localInputToUnix(sinceInput);
  const until = localInputToUnix(untilInput);
  const stream = useLogStream({ engineId, id, capacity, since, until });
  const { buffer } = stream;
  const count = buffer.length;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => viewportRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  const follow = useFollowing(viewportRef, virtualizer, count, stream.revision);
  const search = useLogSearch(buffer);

  const goToMatch = (step: 1 | -1): void => {
    const next = search.goToMatch(step);
    if (next === undefined) return;
    follow.pause();
    virtualizer.scrollToIndex(next, { align: 'center' });
  };
  const showMore = useCallback((seq: number) => {
    setLimits((current) => new Map(current).set(seq, (current.get(seq) ?? RENDER_CHUNK) + 10 * RENDER_CHUNK));
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
  const { loadingEarlier, loadEarlier } = useLoadEarlier({
    engineId,
    id,
    since,
    stream,
    following: follow.following,
    pauseFollowing: follow.pause,
    virtualizer,
    viewportRef,
  });

  return (
    <div className={classes.root} data-testid="logs-tab">
      <LogsToolbar
        search={search}
        onGoToMatch={goToMatch}
        showTimestamps={showTimestamps}
        onShowTimestamps={setShowTimestamps}
        wrap={wrap}
        onWrap={setWrap}
        sinceInput={sinceInput}
        onSinceInput={setSinceInput}
        untilInput={untilInput}
        onUntilInput={setUntilInput}
        capacity={capacity}
        onCapacity={setCapacity}
        onCopy={copyAll}
        onSave={save}
        phase={stream.phase}
        following={follow.following}
        onResumeFollowing={follow.resume}
      />
      <StreamMessages interruption={stream.interruption} error={stream.error} />
      <LogViewport
        viewportRef={viewportRef}
        virtualizer={virtualizer}
        onScroll={follow.onScroll}
        buffer={buffer}
        capacity={capacity}
        wrap={wrap}
        showTimestamps={showTimestamps}
        search={search}
        limits={limits}
        onShowMore={showMore}
        loadingEarlier={loadingEarlier}
        noEarlier={stream.noEarlier}
        onLoadEarlier={() => void loadEarlier()}
      />
    </div>
  );
}
