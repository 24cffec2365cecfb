import type { MantineColor } from '@mantine/core';

import type { OperationState, ProgressItem } from '../../../electron/common/bridge';

/** Bytes as people read them: `512 B`, `1.5 KB`, `23 MB`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1000) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

const STATE_LABELS: Record<OperationState, string> = {
  running: 'Running',
  succeeded: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

const STATE_COLORS: Record<OperationState, MantineColor> = {
  running: 'blue',
  succeeded: 'green',
  failed: 'red',
  cancelled: 'gray',
};

export function operationStateLabel(state: OperationState): string {
  return STATE_LABELS[state];
}

export function operationStateColor(state: OperationState): MantineColor {
  return STATE_COLORS[state];
}

/** 0…100 for a progress bar, or `undefined` when the total is unknown. */
export function percent(fraction: number | undefined): number | undefined {
  if (fraction === undefined || !Number.isFinite(fraction)) return undefined;
  return Math.round(Math.min(1, Math.max(0, fraction)) * 1000) / 10;
}

/** `3.2 MB / 10 MB` for an item with byte counts, `''` otherwise. */
export function itemAmount(item: ProgressItem): string {
  if (item.current === undefined) return '';
  return item.total !== undefined
    ? `${formatBytes(item.current)} / ${formatBytes(item.total)}`
    : formatBytes(item.current);
}

/** How an output line is drawn: a build step, an error, or plain output. */
export function lineKind(line: string): 'step' | 'error' | 'plain' {
  if (/^Step \d+\/\d+ : /.test(line)) return 'step';
  if (/^ERROR[: ]|^error:/i.test(line)) return 'error';
  return 'plain';
}
