import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { EngineId, OperationSummary } from '../../../../electron/common';
import { TaskList } from '../../../../renderer/components/OperationProgress/TaskList';
import { render } from '../../render';
import { FakeBerth } from '../../support/fake-bridge';

function operation(id: string, engineId: EngineId, title: string): OperationSummary {
  return {
    id,
    kind: 'image.pull',
    engineId,
    title,
    state: 'running',
    startedAt: 1,
    progress: { items: [] },
  };
}

const names: Record<string, string> = { local: 'Local', 'ctx:staging': 'staging' };
const hostName = (engineId: EngineId): string => names[engineId] ?? engineId;

async function hostsShown(berth: FakeBerth, showHost: boolean): Promise<(string | null)[]> {
  render(<TaskList hostName={hostName} showHost={showHost} />, { berth });
  const tasks = await screen.findAllByTestId('operation');
  return tasks.map((task) => within(task).queryByTestId('operation-host')?.textContent ?? null);
}

describe('TaskList', () => {
  it('names each task’s host when the tasks belong to several hosts', async () => {
    const berth = new FakeBerth();
    berth.operations = [operation('a', 'local', 'Pull web:1'), operation('b', 'ctx:staging', 'Pull db:2')];
    expect((await hostsShown(berth, false)).sort()).toEqual(['Local', 'staging']);
  });

  it('names no host when every task is on one host, unless asked to (All hosts)', async () => {
    const berth = new FakeBerth();
    berth.operations = [operation('a', 'ctx:staging', 'Pull web:1')];
    expect(await hostsShown(berth, false)).toEqual([null]);
  });

  it('names the host of a single-host list under All hosts', async () => {
    const berth = new FakeBerth();
    berth.operations = [operation('a', 'ctx:staging', 'Pull web:1')];
    expect(await hostsShown(berth, true)).toEqual(['staging']);
  });
});
