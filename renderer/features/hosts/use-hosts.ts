import { useCallback, useMemo, useRef, useSyncExternalStore } from 'react';

import type { EngineId, EngineInfo } from '../../../electron/common/bridge';
import type { ExternalStore } from '../../stores/external-store';
import { useEngines, useSettings } from '../../stores/hooks';
import { useStores } from '../../stores/StoresProvider';
import { ALL_HOSTS, effectiveSelection, type HostSelection } from './host-selection';
import type { HostsState, HostsStore } from './hosts-store';

/** Every configured host and the open prompts; the first caller starts the store. */
export function useHosts(): HostsState {
  const { hosts } = useStores();
  return useSyncExternalStore(hosts.subscribe, hosts.getSnapshot);
}

/** Host actions (stable functions of the store). */
export function useHostActions(): Pick<
  HostsStore,
  'save' | 'test' | 'remove' | 'connect' | 'disconnect' | 'answerPrompt' | 'refresh'
> {
  const { hosts } = useStores();
  return useMemo(
    () => ({
      save: hosts.save,
      test: hosts.test,
      remove: hosts.remove,
      connect: hosts.connect,
      disconnect: hosts.disconnect,
      answerPrompt: hosts.answerPrompt,
      refresh: hosts.refresh,
    }),
    [hosts],
  );
}

/** What the lists of the window show, as the host switcher says. */
interface SelectedEngines {
  /** One engine id, or `all`. */
  selection: HostSelection;
  /** True for the "All hosts" view: lists merge every engine below and show a Host column. */
  all: boolean;
  /** The engines to list: the selected one, or every engine not disconnected by the user. */
  engineIds: readonly EngineId[];
  engines: readonly EngineInfo[];
  /** The name to show in a Host column. */
  hostName: (engineId: EngineId) => string;
  select: (selection: HostSelection) => void;
}

/**
 * The host switcher's selection in effect, with the engines it stands for. Pages list `engineIds` (one store per
 * engine), merge them with `mergeItems` when `all`, and send every action to the store of the item's own engine.
 */
export function useSelectedEngines(): SelectedEngines {
  const { engines } = useEngines();
  const { hosts } = useHosts();
  const { settings, update } = useSettings();
  const chosen: HostSelection = settings.allHosts ? ALL_HOSTS : settings.activeEngineId;
  return useMemo(() => {
    // Hosts order (default, contexts, Berth's own), then any engine the hosts list does not know yet.
    const order = new Map(hosts.map((host, index) => [host.engineId, index]));
    const known = [...engines].sort(
      (a, b) => (order.get(a.id) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.id) ?? Number.MAX_SAFE_INTEGER),
    );
    const ids = known.map((engine) => engine.id);
    const current = hosts.find((host) => host.current)?.engineId;
    const selection = effectiveSelection(chosen, ids, current);
    const all = selection === ALL_HOSTS;
    const listed = all
      ? known.filter((engine) => engine.status.state !== 'disconnected')
      : known.filter((engine) => engine.id === selection);
    const names = new Map<EngineId, string>([
      ...known.map((engine): [EngineId, string] => [engine.id, engine.name]),
      ...hosts.map((host): [EngineId, string] => [host.engineId, host.name]),
    ]);
    return {
      selection,
      all,
      engineIds: all ? listed.map((engine) => engine.id) : [selection],
      engines: listed,
      hostName: (engineId) => names.get(engineId) ?? engineId,
      select: (next: HostSelection) =>
        void update(next === ALL_HOSTS ? { allHosts: true } : { allHosts: false, activeEngineId: next }),
    };
  }, [engines, hosts, chosen, update]);
}

/**
 * The states of one store per engine (e.g. `useStores().containers`), re-rendering when any of them changes. The
 * array keeps its identity while no member changed, so it can feed `useMemo`.
 */
export function useEngineStores<S>(
  engineIds: readonly EngineId[],
  storeFor: (engineId: EngineId) => ExternalStore<S>,
): readonly S[] {
  const key = engineIds.join('\u0000');
  // `key` stands for the ids' contents, so a new array with the same ids keeps the same stores.
  const members = useMemo(
    () =>
      key
        .split('\u0000')
        .filter(Boolean)
        .map((engineId) => storeFor(engineId)),
    [key, storeFor],
  );
  const cache = useRef<{ members: readonly ExternalStore<S>[]; states: readonly S[] } | null>(null);
  const subscribe = useCallback(
    (listener: () => void) => {
      const offs = members.map((store) => store.subscribe(listener));
      return () => {
        for (const off of offs) off();
      };
    },
    [members],
  );
  const getSnapshot = useCallback(() => {
    const states = members.map((store) => store.getSnapshot());
    const previous = cache.current;
    if (
      previous !== null &&
      previous.members === members &&
      previous.states.length === states.length &&
      previous.states.every((value, index) => Object.is(value, states[index]))
    ) {
      return previous.states;
    }
    cache.current = { members, states };
    return states;
  }, [members]);
  return useSyncExternalStore(subscribe, getSnapshot);
}
