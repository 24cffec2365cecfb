import { Modal, ScrollArea, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';

import { appViews } from '../../../electron/common/bridge';
import { useEngines, useNavigation } from '../../stores/hooks';
import { useStores } from '../../stores/StoresProvider';
import { useEngineStores, useSelectedEngines } from '../hosts/use-hosts';
import classes from './CommandPalette.module.css';
import {
  containerEntries,
  flattenGroups,
  imageEntries,
  moveHighlight,
  networkEntries,
  type PaletteCommand,
  type PaletteEntry,
  type PaletteHostNames,
  paletteHostNames,
  placeEntries,
  rankPalette,
  volumeEntries,
} from './presentation';

/**
 * The entries of one kind of object over every engine's list, rebuilt per engine only when that engine's list
 * changed: with thousands of containers a change on one host must not rebuild every host's entries.
 */
function useEntriesPerEngine<T>(
  states: readonly { snapshot?: { items: readonly T[] } }[],
  build: (items: readonly T[], names: PaletteHostNames) => PaletteEntry[],
  names: PaletteHostNames,
): PaletteEntry[] {
  const cache = useMemo(() => new WeakMap<readonly T[], PaletteEntry[]>(), [build, names]);
  return useMemo(
    () =>
      states.flatMap((state) => {
        const items = state.snapshot?.items;
        if (items === undefined) return [];
        let entries = cache.get(items);
        if (entries === undefined) {
          entries = build(items, names);
          cache.set(items, entries);
        }
        return entries;
      }),
    [states, cache, build, names],
  );
}

/** True for Ctrl+K (Cmd+K on macOS). */
function isPaletteShortcut(event: globalThis.KeyboardEvent): boolean {
  return (
    (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k'
  );
}

/**
 * The command palette (Ctrl/Cmd+K, or the menu's "Command Palette…"): finds the containers, images, volumes and
 * networks of every connected host, the hosts and the pages, and runs actions on them or opens them. A combobox over a listbox: arrows move, Enter runs, Esc
 * closes. Every name is rendered as text.
 */
export function CommandPalette() {
  const [opened, setOpened] = useState(false);
  const { paletteRequests } = useNavigation();
  const seenRequests = useRef(paletteRequests);

  useEffect(() => {
    if (paletteRequests !== seenRequests.current) {
      seenRequests.current = paletteRequests;
      setOpened(true);
    }
  }, [paletteRequests]);

  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (!isPaletteShortcut(event)) return;
      event.preventDefault();
      setOpened(true);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <Modal
      opened={opened}
      onClose={() => setOpened(false)}
      title="Command palette"
      size="lg"
      padding="sm"
      yOffset="10vh"
      data-testid="command-palette"
    >
      {opened && <PaletteBody onDone={() => setOpened(false)} />}
    </Modal>
  );
}

/** Every entry the palette can offer: the objects of every connected host (from their stores) and the places. */
function usePaletteEntries(): PaletteEntry[] {
  const stores = useStores();
  const { engines } = useEngines();
  const { hostName } = useSelectedEngines();
  const connectedIds = useMemo(
    () => engines.filter((engine) => engine.status.state === 'connected').map((engine) => engine.id),
    [engines],
  );
  const hosts = useMemo(
    () =>
      engines.map((engine) => ({
        engineId: engine.id,
        name: hostName(engine.id),
        connected: engine.status.state === 'connected',
      })),
    [engines, hostName],
  );
  const names = useMemo(() => paletteHostNames(hosts), [hosts]);
  // Only connected hosts are listed: a store's first subscriber starts its fetch, and the others would only fail.
  const containerStates = useEngineStores(connectedIds, stores.containers);
  const imageStates = useEngineStores(connectedIds, stores.images);
  const volumeStates = useEngineStores(connectedIds, stores.resources.volumes);
  const networkStates = useEngineStores(connectedIds, stores.resources.networks);
  const containerList = useEntriesPerEngine(containerStates, containerEntries, names);
  const imageList = useEntriesPerEngine(imageStates, imageEntries, names);
  const volumeList = useEntriesPerEngine(volumeStates, volumeEntries, names);
  const networkList = useEntriesPerEngine(networkStates, networkEntries, names);
  const placeList = useMemo(() => placeEntries(hosts, appViews), [hosts]);
  return useMemo(
    () => [...containerList, ...imageList, ...volumeList, ...networkList, ...placeList],
    [containerList, imageList, volumeList, networkList, placeList],
  );
}

function PaletteBody({ onDone }: { onDone: () => void }) {
  const stores = useStores();
  const { navigate } = useNavigation();
  const { select } = useSelectedEngines();
  const [query, setQuery] = useState('');
  const [highlight, setHighlight] = useState(0);
  const listId = useId();

  const entries = usePaletteEntries();
  const groups = useMemo(() => rankPalette(entries, query), [entries, query]);
  const flat = useMemo(() => flattenGroups(groups), [groups]);
  const active = flat[Math.min(highlight, flat.length - 1)];

  const run = (command: PaletteCommand) => {
    onDone();
    switch (command.kind) {
      case 'containerVerb': {
        // Through the host's store, so the row shows the action as pending; the store reports a failure.
        const store = stores.containers(command.engineId);
        const act = {
          start: store.startContainer,
          stop: store.stopContainer,
          restart: store.restartContainer,
        }[command.verb];
        void act(command.id);
        break;
      }
      case 'openContainer':
        navigate({
          page: 'containers',
          detail: { kind: 'container', engineId: command.engineId, id: command.id, tab: command.tab },
        });
        break;
      case 'switchHost':
        // The switcher persists the choice (`activeEngineId`), which the tray shows too.
        select(command.engineId);
        break;
      case 'goTo':
        navigate({ page: command.view });
        break;
      case 'navigate':
        navigate(command.route);
        break;
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setHighlight((current) =>
        moveHighlight(Math.min(current, flat.length - 1), event.key === 'ArrowDown' ? 1 : -1, flat.length),
      );
    } else if (event.key === 'Enter' && active !== undefined) {
      event.preventDefault();
      run(active.command);
    }
  };

  const optionId = (entry: PaletteEntry) => `${listId}-${flat.indexOf(entry)}`;

  return (
    <>
      <TextInput
        data-autofocus
        aria-label="Search containers, hosts and actions"
        placeholder="Search containers, images, volumes, networks, hosts…"
        leftSection={<IconSearch size={16} aria-hidden />}
        value={query}
        onChange={(event) => {
          setQuery(event.currentTarget.value);
          setHighlight(0);
        }}
        onKeyDown={onKeyDown}
        role="combobox"
        aria-expanded
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={active === undefined ? undefined : optionId(active)}
      />
      <ScrollArea.Autosize mah="55vh" mt="sm">
        <div id={listId} role="listbox" aria-label="Results" className={classes.list}>
          {flat.length === 0 && (
            <Text c="dimmed" size="sm" p="sm">
              Nothing matches “{query}”.
            </Text>
          )}
          {groups.map((group) => (
            <div key={group.kind} role="group" aria-label={group.label}>
              <Text size="xs" fw={600} c="dimmed" className={classes.groupLabel} aria-hidden>
                {group.label}
              </Text>
              {group.entries.map((entry) => (
                <UnstyledButton
                  key={entry.key}
                  id={optionId(entry)}
                  role="option"
                  aria-selected={entry === active}
                  data-palette-kind={entry.kind}
                  className={classes.option}
                  tabIndex={-1}
                  onMouseEnter={() => setHighlight(flat.indexOf(entry))}
                  onClick={() => run(entry.command)}
                >
                  {entry.title}
                </UnstyledButton>
              ))}
            </div>
          ))}
        </div>
      </ScrollArea.Autosize>
    </>
  );
}
