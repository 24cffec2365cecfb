import { Group, Paper, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
import { lazy, Suspense, useMemo, useState, useSyncExternalStore } from 'react';

import { type EngineId, formatBytes } from '../../../../../electron/common/bridge';
import { statsStream, useEngineStream } from '../../../../hooks/use-engine-stream';
import { useApi } from '../use-api';
import {
  addSample,
  emptyHistory,
  inWindow,
  limitLabel,
  niceMax,
  peak,
  STATS_WINDOWS,
  type StatsHistory,
  type StatsKey,
  type StatsPoint,
  type StatsWindow,
} from './stats-history';

// uPlot is loaded when a Stats tab first opens, not with the window.
const StatsChart = lazy(() => import('./StatsChart'));

interface StatsTabProps {
  engineId: EngineId;
  id: string;
  /** Kept by the details page, so leaving the tab keeps what was drawn; a fresh one when absent. */
  history?: StatsHistory;
}

function subscribeVisibility(onChange: () => void): () => void {
  document.addEventListener('visibilitychange', onChange);
  return () => document.removeEventListener('visibilitychange', onChange);
}

const pageVisible = () => document.visibilityState !== 'hidden';

/** A chart: each series draws one field of the points, in a Mantine colour. */
interface ChartDefinition {
  name: string;
  series: Array<{ label: string; key: StatsKey; colour: string }>;
  bytes: boolean;
  /** A fixed top (CPU % of one core is 100; more cores go above it). */
  max?: number;
  format: (v: number) => string;
}

const binary = (value: number) => formatBytes(value, 'binary');
const rate = (value: number) => `${binary(value)}/s`;
const percent = (value: number) => `${value.toFixed(1)} %`;

const CHARTS: readonly ChartDefinition[] = [
  {
    name: 'CPU',
    series: [{ label: 'CPU', key: 'cpuPercent', colour: 'blue' }],
    bytes: false,
    max: 100,
    format: percent,
  },
  {
    name: 'Memory',
    series: [{ label: 'Used', key: 'memoryUsage', colour: 'grape' }],
    bytes: true,
    format: binary,
  },
  {
    name: 'Network',
    series: [
      { label: 'rx', key: 'networkRxRate', colour: 'teal' },
      { label: 'tx', key: 'networkTxRate', colour: 'orange' },
    ],
    bytes: true,
    format: rate,
  },
  {
    name: 'Block I/O',
    series: [
      { label: 'read', key: 'blockReadRate', colour: 'cyan' },
      { label: 'write', key: 'blockWriteRate', colour: 'red' },
    ],
    bytes: true,
    format: rate,
  },
];

function ChartPanel({
  chart,
  points,
  windowSeconds,
  now,
}: {
  chart: ChartDefinition;
  points: readonly StatsPoint[];
  windowSeconds: number;
  now: number;
}) {
  const last = points.at(-1);
  const top = Math.max(...chart.series.map((item) => peak(points, item.key)));
  const yMax = Math.max(chart.max ?? 0, niceMax(top, chart.bytes));
  return (
    <Paper withBorder p="sm" data-testid={`stats-${chart.name}`}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text size="sm" fw={600}>
          {chart.name}
          {chart.name === 'Memory' && last !== undefined && (
            <Text span size="xs" c="dimmed" ml={6}>
              {limitLabel(last.memoryLimit)}
            </Text>
          )}
        </Text>
        <Text size="xs" c="dimmed">
          peak {chart.series.map((item) => chart.format(peak(points, item.key))).join(' / ')}
        </Text>
      </Group>
      <Group gap="lg" mb={4}>
        {chart.series.map((item) => (
          <Text key={item.key} fz={22} fw={600} lh={1.3} data-testid={`stats-current-${item.key}`}>
            {chart.series.length > 1 && (
              <Text span size="xs" c="dimmed" mr={4}>
                {item.label}
              </Text>
            )}
            {chart.format(last?.[item.key] ?? 0)}
          </Text>
        ))}
      </Group>
      <Suspense fallback={<div style={{ height: 160 }} />}>
        <StatsChart
          label={chart.name}
          points={points}
          series={chart.series}
          windowSeconds={windowSeconds}
          now={now}
          yMax={yMax}
          format={chart.format}
        />
      </Suspense>
    </Paper>
  );
}

/** Live CPU, memory, network and block I/O over a rolling window; one stats stream, only while visible. */
export function StatsTab({ engineId, id, history: kept }: StatsTabProps) {
  const api = useApi();
  const visible = useSyncExternalStore(subscribeVisibility, pageVisible);
  const [history] = useState(() => kept ?? emptyHistory());
  const [points, setPoints] = useState<StatsPoint[]>(history.points);
  const [windowSeconds, setWindowSeconds] = useState<StatsWindow>(STATS_WINDOWS[0]);
  const [error, setError] = useState<string>();
  /** While the host is away: why; after it came back: the "reconnected" mark. */
  const [link, setLink] = useState<{ reconnecting: boolean; reason?: string }>();

  // One stats stream, only while the page is visible: every stream costs the daemon CPU.
  const open = useMemo(
    () => (visible ? () => api.stats.open({ engineId, id }) : undefined),
    [api, engineId, id, visible],
  );
  useEngineStream(statsStream, open, {
    onData: ({ sample }) => {
      history.points = addSample(history.points, history.previous, sample);
      history.previous = sample;
      setPoints(history.points);
    },
    onInterrupted: (reason) => setLink({ reconnecting: true, reason }),
    onResumed: () => {
      // No rate across the gap: the next sample starts afresh.
      history.previous = undefined;
      setLink({ reconnecting: false });
    },
    onEnded: (ended) => {
      setLink(undefined);
      if (ended.error) setError(ended.error.message);
    },
    onFailed: (error) => setError(error.message),
  });

  const now = points.at(-1)?.time ?? 0;
  const shown = inWindow(points, windowSeconds, now);
  return (
    <Stack data-testid="stats-tab" gap="sm">
      <Group justify="space-between">
        {error !== undefined ? (
          <Text c="red" size="sm" role="alert">
            {error}
          </Text>
        ) : (
          <Text c="dimmed" size="sm">
            {points.length === 0 ? 'Waiting for the first sample…' : 'Live, one sample a second'}
          </Text>
        )}
        {link !== undefined && (
          <Text c="orange" size="xs" role="status" data-testid="stats-link">
            {link.reconnecting
              ? `Reconnecting — the stats resume once the host is back. ${link.reason ?? ''}`
              : 'Reconnected — live again.'}
          </Text>
        )}
        <SegmentedControl
          size="xs"
          aria-label="Window"
          value={String(windowSeconds)}
          onChange={(value) => setWindowSeconds(Number(value) as StatsWindow)}
          data={STATS_WINDOWS.map((seconds) => ({ value: String(seconds), label: `${seconds / 60} min` }))}
        />
      </Group>
      {points.length > 0 && (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {CHARTS.map((chart) => (
            <ChartPanel
              key={chart.name}
              chart={chart}
              points={shown}
              windowSeconds={windowSeconds}
              now={now}
            />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
