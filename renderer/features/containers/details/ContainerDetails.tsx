import { Tabs } from '@mantine/core';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';

import type { ContainerSummary, EngineId } from '../../../../electron/common/bridge';
import { isHostDown } from '../../../components/ResourceList/host-health';
import { useContainers, useEngine, useNavigation, useShell } from '../../../stores/hooks';
import { useStores } from '../../../stores/StoresProvider';
import layout from '../../../styles/page.module.css';
import { ContainerNetworks } from '../../networks/ContainerNetworks';
import type { RemoveOptions } from '../containers-store';
import { RemoveContainerModal } from '../RemoveContainerModal';
import { DetailsHeader, type HeaderAction } from './DetailsHeader';
import { FilesTab } from './files/FilesTab';
import { InspectTab } from './inspect/InspectTab';
import { LogsTab } from './logs/LogsTab';
import { ProcessesTab } from './processes/ProcessesTab';
import { emptyHistory } from './stats/stats-history';
import { StatsTab } from './stats/StatsTab';
import { StoppedState, tabNeedsStart } from './StoppedState';
import { type InspectFacts, inspectFacts } from './uptime';
import { useApi } from './use-api';

// xterm is loaded when a Terminal tab first opens, not with the window.
const TerminalTab = lazy(() =>
  import('./terminal/TerminalTab').then((module) => ({ default: module.TerminalTab })),
);

interface ContainerDetailsProps {
  engineId: EngineId;
  /** The container's id (or name). */
  id: string;
  /** The tab to show; `logs` when absent or unknown. */
  tab?: string;
}

const detailTabs = ['logs', 'terminal', 'stats', 'inspect', 'files', 'processes', 'networks'] as const;
type DetailTab = (typeof detailTabs)[number];

function isDetailTab(value: string | null | undefined): value is DetailTab {
  return detailTabs.includes(value as DetailTab);
}

/** The header's actions on the container's own host; Remove asks first, then goes back to the list. */
function useHeaderActions(engineId: EngineId, summary: ContainerSummary | undefined) {
  const stores = useStores();
  const shell = useShell();
  const engine = useEngine(engineId);
  const { navigate } = useNavigation();
  const [removing, setRemoving] = useState<ContainerSummary | null>(null);
  const onAction = useCallback(
    (action: HeaderAction) => {
      if (summary === undefined) return;
      const store = stores.containers(engineId);
      if (action === 'remove') setRemoving(summary);
      else if (action === 'start') void store.startContainer(summary.id);
      else if (action === 'stop') void store.stopContainer(summary.id);
      else if (action === 'restart') void store.restartContainer(summary.id);
      else if (action === 'pause') void store.pauseContainer(summary.id);
      else void store.unpauseContainer(summary.id);
    },
    [stores, engineId, summary],
  );
  const onConfirmRemove = useCallback(
    (container: ContainerSummary, options: RemoveOptions) => {
      setRemoving(null);
      void stores
        .containers(engineId)
        .removeContainer(container.id, options)
        .then((removed) => {
          if (removed) navigate({ page: 'containers' });
        });
    },
    [stores, engineId, navigate],
  );
  return {
    removing,
    setRemoving,
    onAction,
    onConfirmRemove,
    onOpenUrl: (url: string) => void shell.openExternal(url),
    engineAddress: engine?.address,
    stale: engine !== undefined && isHostDown(engine.status.state),
  };
}

/**
 * One container's details: logs, terminal, stats, inspect, files, processes and networks. Only the visible tab is mounted,
 * so leaving a tab closes its streams (a stats stream lives only while the Stats tab shows).
 */
export function ContainerDetails({ engineId, id, tab }: ContainerDetailsProps) {
  const api = useApi();
  const { navigate } = useNavigation();
  const containers = useContainers(engineId);
  const summary = containers.snapshot?.items.find((item) => item.id === id || item.name === id);
  const current: DetailTab = isDetailTab(tab) ? tab : 'logs';
  const [tty, setTty] = useState(false);
  const [facts, setFacts] = useState<InspectFacts | undefined>(undefined);
  const header = useHeaderActions(engineId, summary);
  const pending = summary === undefined ? undefined : containers.pending.get(summary.id);
  /** A tab that needs a running container shows how to start it instead; `undefined` when it can show. */
  const stopped = (tab: 'terminal' | 'stats' | 'processes', purpose: string) =>
    summary === undefined || !tabNeedsStart(tab, summary.state) ? undefined : (
      <StoppedState
        purpose={purpose}
        state={summary.state}
        starting={pending === 'starting'}
        onStart={() => header.onAction('start')}
      />
    );
  // Stats drawn so far, kept while this container's details are open (leaving the Stats tab keeps them).
  const statsHistory = useMemo(() => emptyHistory(`${engineId}/${id}`), [engineId, id]);

  // Read again when the state or the restart count moves: the uptime starts over, the count grows.
  useEffect(() => {
    let live = true;
    api.containers.inspect({ engineId, id }).then(
      (view) => {
        if (!live) return;
        setTty(view.tty);
        setFacts(inspectFacts(view.inspect));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, engineId, id, summary?.state, summary?.restartCount]);

  return (
    <div className={layout.page} data-testid="container-details">
      <DetailsHeader
        summary={summary}
        id={id}
        facts={facts}
        engineAddress={header.engineAddress}
        pending={pending}
        stale={header.stale}
        onBack={() => navigate({ page: 'containers' })}
        onAction={header.onAction}
        onOpenUrl={header.onOpenUrl}
      />
      <RemoveContainerModal
        container={header.removing}
        onCancel={() => header.setRemoving(null)}
        onConfirm={header.onConfirmRemove}
      />
      <Tabs
        value={current}
        onChange={(value) => {
          if (isDetailTab(value))
            navigate({ page: 'containers', detail: { kind: 'container', engineId, id, tab: value } });
        }}
        keepMounted={false}
        className={layout.tabs}
      >
        <Tabs.List>
          <Tabs.Tab value="logs">Logs</Tabs.Tab>
          <Tabs.Tab value="terminal">Terminal</Tabs.Tab>
          <Tabs.Tab value="stats">Stats</Tabs.Tab>
          <Tabs.Tab value="inspect">Inspect</Tabs.Tab>
          <Tabs.Tab value="files">Files</Tabs.Tab>
          <Tabs.Tab value="processes">Processes</Tabs.Tab>
          <Tabs.Tab value="networks">Networks</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="logs" className={layout.panel}>
          <LogsTab engineId={engineId} id={id} />
        </Tabs.Panel>
        <Tabs.Panel value="terminal" className={layout.panel}>
          {stopped('terminal', 'open a terminal') ?? (
            <Suspense fallback={null}>
              <TerminalTab engineId={engineId} id={id} tty={tty} autoConnect />
            </Suspense>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="stats" className={layout.panel}>
          {stopped('stats', 'see live stats') ?? (
            <StatsTab key={`${engineId}/${id}`} engineId={engineId} id={id} history={statsHistory} />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="inspect" className={layout.panel}>
          <InspectTab engineId={engineId} id={id} />
        </Tabs.Panel>
        <Tabs.Panel value="files" className={layout.panel}>
          <FilesTab engineId={engineId} id={id} />
        </Tabs.Panel>
        <Tabs.Panel value="processes" className={layout.panel}>
          {stopped('processes', 'list its processes') ?? <ProcessesTab engineId={engineId} id={id} />}
        </Tabs.Panel>
        <Tabs.Panel value="networks" className={layout.panel}>
          <ContainerNetworks
            engineId={engineId}
            containerId={summary?.id ?? id}
            containerName={summary?.name ?? id}
          />
        </Tabs.Panel>
      </Tabs>
    </div>
  );
}
