import type { ContainerSummary } from '../../../electron/common/bridge';
import type { ConfirmRequest } from './ConfirmActionModal';
import { type HostNameOf, isActive } from './presentation';

/** `1 container`, `3 containers`; `many` for irregular plurals. */
export const plural = (count: number, one: string, many = `${one}s`): string =>
  `${count} ${count === 1 ? one : many}`;

/** `web`, or `web on rig` under "All hosts" (the same name can be on two hosts). */
function nameOnHost(hostOf: HostNameOf | undefined, container: ContainerSummary): string {
  return hostOf === undefined ? container.name : `${container.name} on ${hostOf(container.engineId)}`;
}

/** Asks before SIGKILL, saying what is lost. */
export function killRequest(hostOf: HostNameOf | undefined, container: ContainerSummary): ConfirmRequest {
  return {
    title: `Kill ${nameOnHost(hostOf, container)}?`,
    body: (
      <>
        Its processes get SIGKILL and stop at once: they cannot shut down cleanly, and whatever they have not
        written yet (buffers, open transactions) is lost. The container and its files stay.
      </>
    ),
    confirmLabel: 'Kill',
  };
}

/** Asks before removing several containers and says what goes with them. */
export function removeAllRequest(
  hostOf: HostNameOf | undefined,
  targets: readonly ContainerSummary[],
  title: string,
): ConfirmRequest {
  const running = targets.filter((item) => isActive(item.state)).length;
  return {
    title,
    body: (
      <>
        Everything written inside {targets.length === 1 ? 'it' : 'them'} that is not on a volume, and{' '}
        {targets.length === 1 ? 'its' : 'their'} logs, are deleted. This cannot be undone. Images and named
        volumes are kept.
        {running > 0 && ` ${plural(running, 'running container is', 'running containers are')} killed first.`}
      </>
    ),
    names: targets.map((item) => nameOnHost(hostOf, item)),
    confirmLabel: `Remove ${plural(targets.length, 'container')}`,
    offerVolumes: true,
  };
}
