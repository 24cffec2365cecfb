import { Button, Group, Text } from '@mantine/core';
import type { Virtualizer } from '@tanstack/react-virtual';
import type { RefObject } from 'react';

import type { LogRing } from './log-ring';
import { LogLineView, RENDER_CHUNK } from './LogLineView';
import classes from './LogsTab.module.css';
import type { LogSearch } from './use-log-search';

/** Height of an unwrapped row, in pixels. */
export const ROW_HEIGHT = 18;

interface LogViewportProps {
  viewportRef: RefObject<HTMLDivElement | null>;
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  onScroll: () => void;
  buffer: LogRing;
  capacity: number;
  wrap: boolean;
  showTimestamps: boolean;
  search: Pick<LogSearch, 'lowerQuery' | 'matchIndex'>;
  /** Characters shown of each long line the user expanded, by the line's `seq`. */
  limits: ReadonlyMap<number, number>;
  onShowMore: (seq: number) => void;
  loadingEarlier: boolean;
  noEarlier: boolean;
  onLoadEarlier: () => void;
}

/** The scrolling log: a "load earlier" bar, then only the rows in view (virtualised) of the buffer. */
export function LogViewport(props: LogViewportProps) {
  const { virtualizer, buffer, wrap, capacity } = props;
  return (
    <div
      ref={props.viewportRef}
      className={classes.viewport}
      data-wrap={wrap || undefined}
      onScroll={props.onScroll}
      data-testid="log-viewport"
      data-received={buffer.received}
      role="log"
      aria-live="off"
    >
      <Group justify="center" py={4}>
        {/* An empty log has nothing earlier to load; a log read from its first line says so. */}
        {buffer.length === 0 ? (
          <Text size="xs" c="dimmed" data-testid="log-empty">
            No output yet: new lines show here as the container writes them.
          </Text>
        ) : props.noEarlier ? (
          <Text size="xs" c="dimmed" data-testid="log-start">
            Start of the log
          </Text>
        ) : (
          <Button
            size="compact-xs"
            variant="subtle"
            loading={props.loadingEarlier}
            onClick={props.onLoadEarlier}
          >
            Load earlier lines
          </Button>
        )}
        {buffer.dropped > 0 && (
          <Text size="xs" c="dimmed">
            {buffer.dropped.toLocaleString()} older lines dropped (keeping {capacity.toLocaleString()})
          </Text>
        )}
      </Group>
      <div className={classes.canvas} style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const line = buffer.at(item.index);
          if (!line) return null;
          const resumed = buffer.resumedAt(item.index);
          return (
            <div
              key={item.key}
              data-index={item.index}
              data-row
              data-resumed={resumed || undefined}
              title={resumed ? 'Reconnected: the log resumed here, with no line lost or repeated' : undefined}
              ref={wrap ? virtualizer.measureElement : undefined}
              className={classes.row}
              style={{ transform: `translateY(${item.start}px)`, height: wrap ? undefined : ROW_HEIGHT }}
            >
              <LogLineView
                line={line}
                showTimestamp={props.showTimestamps}
                query={props.search.lowerQuery}
                current={item.index === props.search.matchIndex}
                limit={props.limits.get(line.seq) ?? RENDER_CHUNK}
                onShowMore={props.onShowMore}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
}
