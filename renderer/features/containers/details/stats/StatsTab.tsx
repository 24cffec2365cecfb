import { Paper, SimpleGrid, Text } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';

import { type EngineId, formatBytes, type StatsSample } from '../../../../../electron/common/bridge';
import { statsStream, useEngineStream } from '../../../../hooks/use-engine-stream';
import { useApi } from '../use-api';
import { addSample, STATS_HISTORY, type StatsPoint } from './stats-history';

interface StatsTabProps {
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

/** A chart: each series draws one field of the points, in a Mantine colour. */
interface ChartDefinition {
  name: string;
  /** A title that says more than the name, from the last point. */
  title?: (last: StatsPoint) => string;
  series: Array<{ label: string; key: Exclude<keyof StatsPoint, 'time'>; colour: string }>;
  max?: number;
  format: (v: number) => string;
}

const binary = (value: number) => formatBytes(value, 'binary');
const rate = (value: number) => `${binary(value)}/s`;

const CHARTS: readonly ChartDefinition[] = [
  {
    name: 'CPU',
    series: [{ label: 'CPU', key: 'cpuPercent', colour: 'blue' }],
    max: 100,
    format: (v) => `${v.toFixed(1)} %`,
  },
  {
    name: 'Memory',
    // A stopped container reports a limit of 0: no limit to speak of, so none is written.
    title: (last) => (last.memoryLimit > 0 ? `Memory (limit ${binary(last.memoryLimit)})` : 'Memory'),
    series: [{ label: 'Used', key: 'memoryUsage', colour: 'grape' }],
    format: binary,
  },
  {
    name: 'Network',
    series: [
      { label: 'rx', key: 'networkRxRate', colour: 'teal' },
      { label: 'tx', key: 'networkTxRate', colour: 'orange' },
    ],
    format: rate,
  },
  {
    name: 'Block I/O',
    series: [
      { label: 'read', key: 'blockReadRate', colour: 'cyan' },
      { label: 'write', key: 'blockWriteRate', colour: 'red' },
    ],
    format: rate,
  },
];

/** Live CPU, memory, network and block I/O over the last five minutes; one stats stream, only while visible. */
export function StatsTab({ engineId, id }: StatsTabProps) {
  const api = useApi();
  const visible = usePageVisible();
  const [points, setPoints] = useState<StatsPoint[]>([]);
  const [error, setError] = useState<string>();
  /** While the host is away: why; after it came back: the "reconnected" mark. */
  const [link, setLink] = useState<{ reconnecting: boolean; reason?: string }>();

  const previous = useRef<StatsSample | undefined>(undefined);
  // One stats stream, only while the page is visible: every stream costs the daemon CPU.
  const open = useMemo(
    () =>
      visible
        ? () => {
            previous.current = undefined;
            return api.stats.open({ engineId, id });
          }
        : undefined,
    [api, engineId, id, visible],
  );
  useEngineStream(statsStream, open, {
    onData: ({ sample }) => {
      // The updater may run after the next sample arrived: it must see this sample's predecessor.
      const before = previous.current;
      setPoints((current) => addSample(current, before, sample));
      previous.current = sample;
    },
    onInterrupted: (reason) => setLink({ reconnecting: true, reason }),
    onResumed: () => {
      // No rate across the gap: the next sample starts afresh.
      previous.current = undefined;
      setLink({ reconnecting: false });
    },
    onEnded: (ended) => {
      setLink(undefined);
      if (ended.error) setError(ended.error.message);
    },
    onFailed: (error) => setError(error.message),
  });

  const last = points.at(-1);
  return (
    <div data-testid="stats-tab">
      {error !== undefined && (
        <Text c="red" size="sm" role="alert">
          {error}
        </Text>
      )}
      {link !== undefined && (
        <Text c="orange" size="xs" role="status" data-testid="stats-link">
          {link.reconnecting
            ? `Reconnecting — the stats resume once the host is back. ${link.reason ?? ''}`
            : 'Reconnected — live again.'}
        </Text>
      )}
      {last === undefined && error === undefined && <Text c="dimmed">Waiting for the first sample…</Text>}
      {last !== undefined && (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {CHARTS.map((chart) => (
            <Chart
              key={chart.name}
              title={chart.title?.(last) ?? chart.name}
              series={chart.series.map(({ label, key, colour }) => ({
                label,
                values: points.map((point) => point[key]),
                colour: `var(--mantine-color-${colour}-6)`,
              }))}
              {...(chart.max === undefined ? {} : { max: chart.max })}
              format={chart.format}
            />
          ))}
        </SimpleGrid>
      )}
    </div>
  );
}
