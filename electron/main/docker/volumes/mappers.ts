import type Dockerode from 'dockerode';

import type { EngineId, VolumeSummary, VolumeUser } from '../../../common';
import { HELPER_LABEL, toContainerName, toContainerState } from '../containers/mappers';
import { byNameOrder, epochMs, list, num, record, stringMap, text } from '../engine/readers';

// Docker volumes (`/volumes`, the mounts of `/containers/json`, `/system/df` sizes) mapped to Berth's DTOs.

/** Who mounts which volume, from `/containers/json` (its `Mounts`), keyed by volume name. */
export function toVolumeUsers(containers: readonly Dockerode.ContainerInfo[]): Map<string, VolumeUser[]> {
  const users = new Map<string, VolumeUser[]>();
  for (const container of containers) {
    if (record(container.Labels)[HELPER_LABEL] !== undefined) continue;
    for (const raw of list(container.Mounts)) {
      const mount = record(raw);
      const name = text(mount.Name);
      if (mount.Type !== 'volume' || name === '') continue;
      const mounted = users.get(name) ?? [];
      mounted.push({
        id: container.Id,
        name: toContainerName(container.Names),
        state: toContainerState(container.State),
        destination: text(mount.Destination),
        readOnly: mount.RW === false,
      });
      users.set(name, mounted);
    }
  }
  for (const mounted of users.values()) mounted.sort(byNameOrder);
  return users;
}

/** Docker marks anonymous volumes with this label since 23.0; older ones are recognisable by their 64-hex name. */
const ANONYMOUS_LABEL = 'com.docker.volume.anonymous';

/** The one place a `/volumes` entry becomes our {@link VolumeSummary}. */
export function toVolumeSummary(
  engineId: EngineId,
  raw: unknown,
  users: readonly VolumeUser[],
): VolumeSummary {
  const volume = record(raw);
  const name = text(volume.Name);
  const labels = stringMap(volume.Labels);
  const summary: VolumeSummary = {
    engineId,
    name,
    driver: text(volume.Driver, 'local'),
    mountpoint: text(volume.Mountpoint),
    scope: text(volume.Scope, 'local'),
    labels,
    options: stringMap(volume.Options),
    anonymous: Object.hasOwn(labels, ANONYMOUS_LABEL) || /^[0-9a-f]{64}$/.test(name),
    usedBy: [...users],
  };
  const created = epochMs(volume.CreatedAt);
  if (created !== undefined) summary.created = created;
  return summary;
}

/** Volume sizes from `/system/df` (`UsageData.Size`, `-1` when unknown). */
export function toVolumeSizes(df: unknown): Record<string, number | null> {
  const sizes: Record<string, number | null> = {};
  for (const raw of list(record(df).Volumes)) {
    const volume = record(raw);
    const size = num(record(volume.UsageData).Size, -1);
    sizes[text(volume.Name)] = size < 0 ? null : size;
  }
  return sizes;
}
