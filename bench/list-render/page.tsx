// The page the list-render benchmark loads in headless Chromium: the real ContainerTable (virtualised, with
// Mantine and the app's theme) and a baseline of the same rows as plain <div>s, each rendered on demand and
// timed from the render call to the second animation frame after it (commit, style, layout and paint).
import '@mantine/core/styles.css';

import { MantineProvider } from '@mantine/core';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';

import type { ContainerState, ContainerSummary, ContainerUsage } from '../../electron/common/bridge';
import type { TableSelection } from '../../renderer/components/VirtualTable/VirtualTable';
import { ContainerTable } from '../../renderer/features/containers/ContainerTable';
import { buildListModel, type ListQuery } from '../../renderer/features/containers/list-model';
import { itemKey } from '../../renderer/lib/merge';
import { theme } from '../../renderer/styles/theme';

const STATES: ContainerState[] = ['running', 'running', 'exited', 'created', 'paused', 'exited'];
const IMAGES = ['nginx:1.27', 'postgres:16-alpine', 'redis:7', 'ghcr.io/acme/api:2.4.1', 'busybox:latest'];

/** Synthetic containers shaped like a busy host: a fifth in Compose projects, ports, labels, usage. */
function makeContainers(count: number): { items: ContainerSummary[]; usage: Map<string, ContainerUsage> } {
  const items: ContainerSummary[] = [];
  const usage = new Map<string, ContainerUsage>();
  for (let index = 0; index < count; index++) {
    const id = index.toString(16).padStart(8, '0').repeat(8);
    const state = STATES[index % STATES.length] ?? 'exited';
    const labels: Record<string, string> = { 'org.opencontainers.image.version': `1.${index % 9}` };
    if (index % 5 === 0) labels['com.docker.compose.project'] = `stack-${index % 37}`;
    items.push({
      engineId: 'local',
      id,
      name: `service-${index}-${['web', 'worker', 'db', 'cache'][index % 4] ?? ''}`,
      image: IMAGES[index % IMAGES.length] ?? 'busybox',
      imageId: `sha256:${id}`,
      command: 'sleep infinity',
      state,
      status: state === 'running' ? `Up ${index % 59} minutes` : `Exited (0) ${index % 23} hours ago`,
      created: Date.UTC(2026, 0, 1) + index * 60_000,
      ports:
        index % 3 === 0
          ? [{ privatePort: 80, protocol: 'tcp', publicPort: 10_000 + index, hostIp: '0.0.0.0' }]
          : [],
      labels,
    });
    if (state === 'running')
      usage.set(itemKey({ engineId: 'local', id }), {
        id,
        cpuPercent: (index % 400) / 7,
        memoryBytes: index * 4096,
        sampledAt: 1,
      });
  }
  return { items, usage };
}

const rootElement = document.getElementById('root');
if (rootElement === null) throw new Error('no #root');
const root = createRoot(rootElement);
const noop = (): void => undefined;

/** Nothing checked, as a page's `useRowSelection` gives it before any click. */
function noSelection(total: number): TableSelection<ContainerSummary> {
  const none = { selected: new Set<string>(), onToggle: noop, onToggleAll: noop, allLabel: 'Select all' };
  return { ...none, itemLabel: (item) => item.name, counts: { selected: 0, total } };
}

function Table({
  items,
  usage,
  query,
}: {
  items: ContainerSummary[];
  usage: Map<string, ContainerUsage>;
  query: ListQuery;
}) {
  const model = buildListModel(items, query, usage);
  return (
    <MantineProvider theme={theme}>
      <div style={{ height: '100vh', display: 'flex', flexDirection: 'column' }}>
        <ContainerTable
          rows={model.rows}
          selection={{ table: noSelection(model.matched.length), setChecked: noop }}
          pending={new Map()}
          usage={usage}
          sort={query.sort}
          onSortChange={noop}
          stale={false}
          now={Date.UTC(2026, 6, 1)}
          staleEngines={new Set()}
          onAction={noop}
          onToggleProject={noop}
          onProjectAction={noop}
          onOpenUrl={noop}
        />
      </div>
    </MantineProvider>
  );
}

/** The naive list: every row in the DOM, plain elements, the same text per row. */
function Baseline({ items }: { items: ContainerSummary[] }) {
  return (
    <div style={{ height: '100vh', overflow: 'auto' }}>
      {items.map((item) => (
        <div key={item.id} style={{ display: 'flex', gap: 8, height: 44 }}>
          <div>{item.name}</div>
          <div>{item.image}</div>
          <div>{item.state}</div>
          <div>{item.status}</div>
        </div>
      ))}
    </div>
  );
}

const nextFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));

/**
 * Times one render: `commitMs` is React's synchronous render and commit, `ms` runs to the second frame after
 * it (so style, layout and paint are in).
 */
async function timed(render: () => void): Promise<{ ms: number; commitMs: number }> {
  const started = performance.now();
  flushSync(render);
  const commitMs = performance.now() - started;
  await nextFrame();
  await nextFrame();
  return { ms: performance.now() - started, commitMs };
}

let longTasks: number[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push(entry.duration);
}).observe({ type: 'longtask', buffered: false });

const defaultQuery: ListQuery = {
  state: 'all',
  search: '',
  sort: { key: 'name', direction: 'asc' },
  groupByProject: true,
  collapsed: new Set(),
};

let data = makeContainers(0);

/** What the driver calls through `page.evaluate`. */
const bench = {
  setup(count: number): number {
    data = makeContainers(count);
    return data.items.length;
  },
  async clear(): Promise<void> {
    flushSync(() => root.render(null));
    await nextFrame();
  },
  async table(
    query: Partial<ListQuery> = {},
  ): Promise<{ ms: number; commitMs: number; rows: number; longTasks: number[] }> {
    longTasks = [];
    const { ms, commitMs } = await timed(() =>
      root.render(<Table items={data.items} usage={data.usage} query={{ ...defaultQuery, ...query }} />),
    );
    return { ms, commitMs, rows: document.querySelectorAll('[role=row]').length - 1, longTasks };
  },
  /** Only the list model (filter, sort, group) of a query, without rendering. */
  model(query: Partial<ListQuery> = {}): number {
    const started = performance.now();
    buildListModel(data.items, { ...defaultQuery, ...query }, data.usage);
    return performance.now() - started;
  },
  async baseline(): Promise<{ ms: number; commitMs: number; rows: number; longTasks: number[] }> {
    longTasks = [];
    const { ms, commitMs } = await timed(() => root.render(<Baseline items={data.items} />));
    return { ms, commitMs, rows: rootElement.firstElementChild?.childElementCount ?? 0, longTasks };
  },
};

(window as unknown as { __bench: typeof bench }).__bench = bench;
document.title = 'ready';
