import { Paper, SimpleGrid, Text } from '@mantine/core';
import { useEffect, useState } from 'react';

import { type EngineId, IpcEvent, type StatsSample } from '../../../../../electron/common/bridge';
import { toIpcError } from '../../../../lib/api';
import { useApi } from '../use-api';
import { addSample, formatBytes, STATS_HISTORY, type StatsPoint } from './stats-history';

export interface StatsTabProps {
  engineId: EngineId;
  id: string;
}

function usePageVisible(): boolean {
  const [visible, setVisible] = useState(() => document.visibilityState !== 'hidden');
  useEffect(() => {
    const update = () => setVisible(document.visibilityState !== 'hidden');
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, []);
  return visible;
}

interface Series {
  label: string;
  values: number[];
  colour: string;
}

/** A small line chart in SVG: no chart library, no layout work beyond one path per series. */
function Chart({
  title,
  series,
  max,
  format,
}: {
  title: string;
  series: Series[];
  max?: number;
  format: (v: number) => string;
}) {
  const top = Math.max(max ?? 0, ...series.flatMap((item) => item.values), 1e-9);
  const width = 300;
  const height = 80;
  return (
    <Paper withBorder p="xs">
      <Text size="sm" fw={600}>
        {title}
      </Text>
      <Text size="xs" c="dimmed">
        {series.map((item) => `${item.label} ${format(item.values.at(-1) ?? 0)}`).join(' · ')}
      </Text>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        height={height}
        role="img"
        aria-label={title}
        preserveAspectRatio="none"
      >
        {series.map((item) => (
          <polyline
            key={item.label}
            fill="none"
            stroke={item.colour}
            strokeWidth={1.5}
            points={item.values
              .map(
                (value, index) =>
                  `${(index / (STATS_HISTORY - 1)) * width},${height - (value / top) * (height - 2) - 1}`,
              )
              .join(' ')}
          />
        ))}
      </svg>
    </Paper>
  );
}

/** Live CPU, memory, network and block I/O over the last five minutes; one stats stream, only while visible. */
export function StatsTab({ engineId, id }: StatsTabProps) {
  const api = useApi();
  const visible = usePageVisible();
  const [points, setPoints] = useState<StatsPoint[]>([]);
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (!visible) return;
    let streamId: string | undefined;
    let closed = false;
    let previous: StatsSample | undefined;
    const off = api.events.on(IpcEvent.StatsSampled, ({ streamId: from, sample }) => {
      if (from !== streamId) return;
      setPoints((current) => addSample(current, previous, sample));
      previous = sample;
    });
    const offEnded = api.events.on(IpcEvent.StatsEnded, (ended) => {
      if (ended.streamId === streamId && ended.error) setError(ended.error.message);
    });
    api.stats.open({ engineId, id }).then(
      (opened) => {
        if (closed) void api.stats.close(opened.streamId).catch(() => undefined);
        else streamId = opened.streamId;
      },
      (caught: unknown) => setError(toIpcError(caught).message),
    );
    return () => {
      closed = true;
      off();
      offEnded();
      if (streamId !== undefined) void api.stats.close(streamId).catch(() => undefined);
    };
  }, [api, engineId, id, visible]);

  const last = points.at(-1);
  const rate = (value: number) => `${formatBytes(value)}/s`;
  return (
    <div data-testid="stats-tab">
      {error !== undefined && (
        <Text c="red" size="sm" role="alert">
          {error}
        </Text>
      )}
      {last === undefined && error === undefined && <Text c="dimmed">Waiting for the first sample…</Text>}
      {last !== undefined && (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Chart
            title="CPU"
            series={[
              {
                label: 'CPU',
                values: points.map((p) => p.cpuPercent),
                colour: 'var(--mantine-color-blue-6)',
              },
            ]}
            max={100}
            format={(v) => `${v.toFixed(1)} %`}
          />
          <Chart
            title={`Memory (limit ${formatBytes(last.memoryLimit)})`}
            series={[
              {
                label: 'Used',
                values: points.map((p) => p.memoryUsage),
                colour: 'var(--mantine-color-grape-6)',
              },
            ]}
            format={formatBytes}
          />
          <Chart
            title="Network"
            series={[
              {
                label: 'rx',
                values: points.map((p) => p.networkRxRate),
                colour: 'var(--mantine-color-teal-6)',
              },
              {
                label: 'tx',
                values: points.map((p) => p.networkTxRate),
                colour: 'var(--mantine-color-orange-6)',
              },
            ]}
            format={rate}
          />
          <Chart
            title="Block I/O"
            series={[
              {
                label: 'read',
                values: points.map((p) => p.blockReadRate),
                colour: 'var(--mantine-color-cyan-6)',
              },
              {
                label: 'write',
                values: points.map((p) => p.blockWriteRate),
                colour: 'var(--mantine-color-red-6)',
              },
            ]}
            format={rate}
          />
        </SimpleGrid>
      )}
    </div>
  );
}
