import { z } from 'zod';

import type { ContainerListSnapshot, ContainersChange } from '../../types/container';
import { channel } from '../define';
import { containerRefSchema, containerRemoveSchema, containerStopSchema, engineIdSchema } from '../schemas';

export const ContainersChannel = {
  ContainersList: 'containers:list',
  ContainersStart: 'containers:start',
  ContainersStop: 'containers:stop',
  ContainersRemove: 'containers:remove',
} as const;

export const ContainersEvent = {
  ContainersChanged: 'containers:changed',
} as const;

export const containersContract = {
  [ContainersChannel.ContainersList]: channel<ContainerListSnapshot>()(z.tuple([engineIdSchema])),
  [ContainersChannel.ContainersStart]: channel<void>()(z.tuple([containerRefSchema])),
  [ContainersChannel.ContainersStop]: channel<void>()(z.tuple([containerStopSchema])),
  [ContainersChannel.ContainersRemove]: channel<void>()(z.tuple([containerRemoveSchema])),
};

export interface ContainersEventMap {
  [ContainersEvent.ContainersChanged]: ContainersChange;
}
