import type { ContainersChange } from '../../types/container';

export const ContainersChannel = {
  ContainersList: 'containers:list',
  ContainersStart: 'containers:start',
  ContainersStop: 'containers:stop',
  ContainersRemove: 'containers:remove',
} as const;

export const ContainersEvent = {
  ContainersChanged: 'containers:changed',
} as const;

export interface ContainersEventMap {
  [ContainersEvent.ContainersChanged]: ContainersChange;
}
