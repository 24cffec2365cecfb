import type { EventsBatch } from '../../system/types';

/** The Docker host itself: its description, disk usage, system prune and the daemon's event timeline. */
export const SystemChannel = {
  SystemInfo: 'system:info',
  SystemDiskUsage: 'system:diskUsage',
  SystemPrunePreview: 'system:prunePreview',
  SystemPrune: 'system:prune',
  SystemEvents: 'system:events',
} as const;

export const SystemEvent = {
  SystemEventsReceived: 'system:eventsReceived',
} as const;

export interface SystemEventMap {
  [SystemEvent.SystemEventsReceived]: EventsBatch;
}
