import { z } from 'zod';

import type { ContainerListSnapshot } from '../../types/container';
import { channel } from '../define';
import { ContainersChannel } from '../domains/containers';
import { containerRefSchema, containerRemoveSchema, containerStopSchema, engineIdSchema } from '../schemas';

export const containersContract = {
  [ContainersChannel.ContainersList]: channel<ContainerListSnapshot>()(z.tuple([engineIdSchema])),
  [ContainersChannel.ContainersStart]: channel<void>()(z.tuple([containerRefSchema])),
  [ContainersChannel.ContainersStop]: channel<void>()(z.tuple([containerStopSchema])),
  [ContainersChannel.ContainersRemove]: channel<void>()(z.tuple([containerRemoveSchema])),
};
