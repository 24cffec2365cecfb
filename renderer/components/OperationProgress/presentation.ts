import type { MantineColor } from '@mantine/core';

import { formatBytes, type OperationState, type ProgressItem } from '../../../electron/common/bridge';

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
    ? `${formatBytes(item.current, 'rounded')} / ${formatBytes(item.total, 'rounded')}`
    : formatBytes(item.current, 'rounded');
}

/** How an output line is drawn: a build step, an error, or plain output. */
export function lineKind(line: string): 'step' | 'error' | 'plain' {
  if (/^Step \d+\/\d+ : /.test(line)) return 'step';
  if (/^ERROR[: ]|^error:/i.test(line)) return 'error';
  return 'plain';
}
