import 'uplot/dist/uPlot.min.css';

import { useComputedColorScheme, useMantineTheme } from '@mantine/core';
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';

import type { StatsKey, StatsPoint } from './stats-history';

export interface StatsChartProps {
  label: string;
  points: readonly StatsPoint[];
  series: ReadonlyArray<{ label: string; key: StatsKey; colour: string }>;
  /** The visible window, seconds; it ends at `now`, so the line fills from the right. */
  windowSeconds: number;
  now: number;
  yMax: number;
  format: (value: number) => string;
}

const HEIGHT = 160;

/** Canvas charts need a 2D context; jsdom (the renderer tests) has none, so there the chart is left out. */
const canDraw = (() => {
  try {
    return /jsdom/i.test(navigator.userAgent)
      ? false
      : document.createElement('canvas').getContext('2d') !== null;
  } catch {
    return false;
  }
})();

function toData(points: readonly StatsPoint[], keys: readonly StatsKey[]): uPlot.AlignedData {
  return [points.map((point) => point.time / 1000), ...keys.map((key) => points.map((point) => point[key]))];
}

/** One uPlot line chart with time and value axes, coloured from the Mantine theme; rebuilt only on theme changes. */
export function StatsChart({ label, points, series, windowSeconds, now, yMax, format }: StatsChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const theme = useMantineTheme();
  const scheme = useComputedColorScheme('light');
  const latest = useRef({ points, windowSeconds, now, yMax, format });
  latest.current = { points, windowSeconds, now, yMax, format };
  const keys = series.map((item) => item.key);
  const signature = series.map((item) => `${item.key}:${item.colour}`).join(',');

  useEffect(() => {
    const element = host.current;
    if (!canDraw || element === null) return undefined;
    const dark = scheme === 'dark';
    const axisColour = dark ? theme.colors.dark[1] : theme.colors.gray[7];
    const gridColour = dark ? theme.colors.dark[4] : theme.colors.gray[3];
    const axis: uPlot.Axis = {
      stroke: axisColour,
      grid: { stroke: gridColour, width: 1 },
      ticks: { stroke: gridColour, width: 1 },
      font: `11px ${theme.fontFamily ?? 'sans-serif'}`,
    };
    const made = new uPlot(
      {
        width: Math.max(200, element.clientWidth),
        height: HEIGHT,
        legend: { show: false },
        cursor: { show: true, drag: { x: false, y: false } },
        scales: {
          x: {
            time: true,
            range: () => [
              latest.current.now / 1000 - latest.current.windowSeconds,
              latest.current.now / 1000,
            ],
          },
          y: { range: () => [0, latest.current.yMax] },
        },
        axes: [
          { ...axis, space: 60 },
          { ...axis, size: 72, values: (_plot, ticks) => ticks.map((tick) => latest.current.format(tick)) },
        ],
        series: [
          {},
          ...series.map((item) => ({
            label: item.label,
            stroke: theme.colors[item.colour]?.[dark ? 4 : 6] ?? item.colour,
            width: 1.5,
            points: { show: false },
          })),
        ],
      },
      toData(latest.current.points, keys),
      element,
    );
    plot.current = made;
    // Follow the panel's width; the height stays readable.
    const observer = new ResizeObserver(() =>
      made.setSize({ width: Math.max(200, element.clientWidth), height: HEIGHT }),
    );
    observer.observe(element);
    return () => {
      observer.disconnect();
      made.destroy();
      plot.current = null;
    };
    // `keys` follows `signature`; the data arrives through the effect below.
  }, [signature, scheme, theme]);

  useEffect(() => {
    // setData redraws with the scales' range functions, which read the latest window and top.
    plot.current?.setData(toData(points, keys));
  }, [points, windowSeconds, now, yMax]);

  return <div ref={host} role="img" aria-label={label} style={{ minHeight: HEIGHT, width: '100%' }} />;
}

export default StatsChart;
