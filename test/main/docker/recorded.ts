import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type Dockerode from 'dockerode';

/** `GET /containers/json?all=1` recorded from Engine 20.10.24 (API 1.41) with five containers. */
export const recordedContainers = JSON.parse(
  readFileSync(join(__dirname, '../../fixtures/docker/containers-json.engine-20.10.json'), 'utf8'),
) as Dockerode.ContainerInfo[];

/** The recorded container named `name`. */
export function recordedByName(name: string): Dockerode.ContainerInfo {
  const info = recordedContainers.find((candidate) => candidate.Names.includes(`/${name}`));
  if (!info) throw new Error(`fixture has no ${name}`);
  return info;
}
