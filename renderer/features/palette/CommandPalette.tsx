import { Anchor, Group, Modal, ScrollArea, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';

import { appViews } from '../../../electron/common/bridge';
import { useEngines, useNavigation } from '../../stores/hooks';
import { useStores } from '../../stores/StoresProvider';
import { ConfirmActionModal } from '../containers/ConfirmActionModal';
import { useEngineStores, useSelectedEngines } from '../hosts/use-hosts';
import classes from './CommandPalette.module.css';
import { commandEntries } from './commands';
import { PaletteOption } from './PaletteOption';
import {
  containerEntries,
  defaultIndex,
  flattenGroups,
  imageEntries,
  moveHighlight,
  networkEntries,
  type PaletteEntry,
  type PaletteHostNames,
  paletteHostNames,
  placeEntries,
  rankPalette,
  volumeEntries,
} from './presentation';
import { type PendingKill, usePaletteRun } from './use-palette-run';

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
  // A kill chosen in the palette asks first, with the containers page's own confirmation.
  const [pendingKill, setPendingKill] = useState<PendingKill | null>(null);
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
    <>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title="Command palette"
        size="lg"
        padding="sm"
        yOffset="10vh"
        data-testid="command-palette"
      >
        {opened && <PaletteBody onDone={() => setOpened(false)} onKill={setPendingKill} />}
      </Modal>
      <ConfirmActionModal
        request={pendingKill?.request ?? null}
        onCancel={() => setPendingKill(null)}
        onConfirm={() => {
          pendingKill?.confirm();
          setPendingKill(null);
        }}
      />
    </>
  );
}

/** Every entry the palette can offer: the objects of every connected host (from their stores) and the places. */
function usePaletteEntries(): PaletteEntry[] {
  const stores = useStores();
  const { engines } = useEngines();
  const { hostName, engineIds } = useSelectedEngines();
  const connectedIds = useMemo(
    () => engines.filter((engine) => engine.status.state === 'connected').map((engine) => engine.id),
    [engines],
  );
  const activeEngineId = engineIds.find((id) => connectedIds.includes(id)) ?? connectedIds[0];
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
  const placeList = useMemo(
    () => [...placeEntries(hosts, appViews), ...commandEntries(activeEngineId)],
    [hosts, activeEngineId],
  );
  return useMemo(
    () => [...containerList, ...imageList, ...volumeList, ...networkList, ...placeList],
    [containerList, imageList, volumeList, networkList, placeList],
  );
}

function PaletteBody({ onDone, onKill }: { onDone: () => void; onKill: (kill: PendingKill) => void }) {
  const { request } = useNavigation();
  const [query, setQuery] = useState('');
  // Where the arrows or the mouse put the highlight; until then the safe default (`defaultIndex`).
  const [moved, setMoved] = useState<number | undefined>(undefined);
  const listId = useId();

  const entries = usePaletteEntries();
  const groups = useMemo(() => rankPalette(entries, query), [entries, query]);
  const flat = useMemo(() => flattenGroups(groups), [groups]);
  const highlight = moved === undefined ? defaultIndex(flat, query) : Math.min(moved, flat.length - 1);
  const active = highlight < 0 ? undefined : flat[highlight];
  const run = usePaletteRun(onDone, onKill);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setMoved(moveHighlight(highlight, event.key === 'ArrowDown' ? 1 : -1, flat.length));
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
        placeholder="Search containers, images, volumes, networks, hosts, commands…"
        leftSection={<IconSearch size={16} aria-hidden />}
        value={query}
        onChange={(event) => {
          setQuery(event.currentTarget.value);
          setMoved(undefined);
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
                <PaletteOption
                  key={entry.key}
                  id={optionId(entry)}
                  entry={entry}
                  selected={entry === active}
                  onHover={() => setMoved(flat.indexOf(entry))}
                  onChoose={() => run(entry.command)}
                />
              ))}
            </div>
          ))}
        </div>
      </ScrollArea.Autosize>
      <Group justify="space-between" mt="xs" gap="xs" wrap="nowrap">
        <Text size="xs" c="dimmed" data-testid="palette-footer">
          {flat.length > 0 && active === undefined
            ? 'Destructive actions run on Enter only when you type their verb (“stop web”), or pick them with ↑ ↓.'
            : '↑ ↓ move · Enter opens · Esc closes'}
        </Text>
        <Anchor
          component="button"
          type="button"
          size="xs"
          onClick={() => {
            onDone();
            request('shortcuts');
          }}
        >
          Keyboard shortcuts
        </Anchor>
      </Group>
    </>
  );
}
