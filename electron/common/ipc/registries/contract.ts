import { z } from 'zod';

import type { RegistryList, RegistryLogin } from '../../registries/types';
import { channel } from '../define';
import { engineIdSchema } from '../schemas';
import { RegistriesChannel } from './channels';

/** `host[:port]`, optionally as a URL (`https://host/v1/`), or empty for Docker Hub. */
export const registryServerSchema = z
  .string()
  .max(255)
  .regex(
    /^(?:(?:https?:\/\/)?[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::[0-9]{1,5})?(?:\/[a-zA-Z0-9._/-]*)?)?$/,
    'must be a registry address like registry.example.com or 127.0.0.1:5000',
  );

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const noControlCharacters = /^[^\u0000-\u001f\u007f]*$/;

export const registryLoginSchema = z
  .object({
    engineId: engineIdSchema,
    registry: registryServerSchema,
    username: z.string().min(1).max(255).regex(noControlCharacters, 'must not contain control characters'),
    password: z.string().min(1).max(8192),
  })
  .strict();

export const registriesContract = {
  [RegistriesChannel.RegistriesList]: channel<RegistryList>()(z.tuple([])),
  [RegistriesChannel.RegistriesLogin]: channel<RegistryLogin>()(z.tuple([registryLoginSchema])),
  [RegistriesChannel.RegistriesLogout]: channel<void>()(
    z.tuple([z.object({ registry: registryServerSchema }).strict()]),
  ),
};
