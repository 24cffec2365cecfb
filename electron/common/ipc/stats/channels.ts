import type { StatsEnded, StatsSampled } from '../../containers/details';

/** One container's live stats (the details view): opened by invoke, samples pushed by the stream's id. */
export const StatsChannel = {
  StatsOpen: 'stats:open',
  StatsClose: 'stats:close',
} as const;

export const StatsEvent = {
  StatsSampled: 'stats:sampled',
  StatsEnded: 'stats:ended',
} as const;

export interface StatsEventMap {
  [StatsEvent.StatsSampled]: StatsSampled;
  [StatsEvent.StatsEnded]: StatsEnded;
}
