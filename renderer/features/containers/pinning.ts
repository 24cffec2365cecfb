import type { EngineId, PinnedContainer } from '../../../electron/common/bridge';

/** True when the container `name` of `engineId` is pinned to the tray. */
export function isPinned(pinned: readonly PinnedContainer[], engineId: EngineId, name: string): boolean {
  return pinned.some((pin) => pin.engineId === engineId && pin.name === name);
}

/** The pinned list with the container added, or removed when it was there; the others keep their order. */
export function togglePinned(
  pinned: readonly PinnedContainer[],
  engineId: EngineId,
  name: string,
): PinnedContainer[] {
  return isPinned(pinned, engineId, name)
    ? pinned.filter((pin) => !(pin.engineId === engineId && pin.name === name))
    : [...pinned, { engineId, name }];
}
