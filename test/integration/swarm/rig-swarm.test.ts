import { expect, it } from 'vitest';

import { describeWithSwarm, dockerCli, FIXTURE_IMAGE, waitFor } from '../../rig';

describeWithSwarm('the rig swarm (two dockerds on loopback)', (swarm) => {
  it('has a manager and a worker, both ready, and runs a service on both nodes', async () => {
    const { managerHost, managerNodeId, workerNodeId } = swarm();
    const nodes = (
      await dockerCli(managerHost, ['node', 'ls', '--format', '{{.ID}} {{.Status}} {{.ManagerStatus}}'])
    )
      .split('\n')
      .sort();
    expect(nodes).toEqual(
      [`${managerNodeId} Ready Leader`, `${workerNodeId} Ready `].map((line) => line.trim()).sort(),
    );
    await dockerCli(managerHost, [
      'service',
      'create',
      '-d',
      '--name',
      'rig-spread',
      '--replicas',
      '4',
      '--placement-pref',
      'spread=node.id',
      FIXTURE_IMAGE,
      'sleep',
      '3600',
    ]);
    const onNodes = await waitFor(
      async () => {
        const out = await dockerCli(managerHost, [
          'service',
          'ps',
          'rig-spread',
          '--filter',
          'desired-state=running',
          '--format',
          '{{.CurrentState}}',
        ]);
        const running = out.split('\n').filter((line) => line.startsWith('Running')).length;
        if (running < 4) return undefined;
        return new Set(
          (
            await dockerCli(managerHost, [
              'node',
              'ps',
              '--filter',
              'desired-state=running',
              '-q',
              managerNodeId,
              workerNodeId,
            ])
          )
            .split('\n')
            .filter(Boolean),
        ).size;
      },
      { timeoutMs: 60_000, description: 'four running tasks' },
    );
    expect(onNodes).toBe(4);
    const workerContainers = await dockerCli(swarm().workerHost, ['ps', '-q']);
    expect(workerContainers.split('\n').filter(Boolean).length).toBeGreaterThan(0);
  });
});
