import { describe, expect, it } from 'vitest';

import { mergeEnv, serviceSpec, updatedSpec } from '../../../../electron/main/docker/swarm/service-spec';

describe('service specs', () => {
  it('merges env by key: set replaces in place or appends, remove takes out', () => {
    expect(mergeEnv(['A=1', 'B=2', 'C=3'], ['B=20', 'D=4'], ['C'])).toEqual(['A=1', 'B=20', 'D=4']);
    expect(mergeEnv([], ['X=a=b'], [])).toEqual(['X=a=b']);
    expect(mergeEnv(['A=1'], ['A=2'], ['A'])).toEqual([]);
  });

  it('updates a copy: image, env, replicas and a forced redeploy; the current spec is untouched', () => {
    const current = {
      Name: 'web',
      TaskTemplate: { ContainerSpec: { Image: 'a:1', Env: ['A=1'] }, ForceUpdate: 2 },
      Mode: { Replicated: { Replicas: 3 } },
    };
    const next = updatedSpec(current, {
      engineId: 'e',
      id: 'web',
      image: 'a:2',
      envSet: ['B=2'],
      replicas: 1,
      force: true,
    });
    expect(next).toEqual({
      Name: 'web',
      TaskTemplate: { ContainerSpec: { Image: 'a:2', Env: ['A=1', 'B=2'] }, ForceUpdate: 3 },
      Mode: { Replicated: { Replicas: 1 } },
    });
    expect(current.TaskTemplate.ContainerSpec.Image).toBe('a:1');
    expect(updatedSpec({ Mode: { Global: {} } }, { engineId: 'e', id: 'x', replicas: 2 })).toBeUndefined();
  });

  it('builds the create spec: global mode, ports, placement, secrets by id, update policy in nanoseconds', () => {
    const spec = serviceSpec(
      {
        engineId: 'e',
        name: 'agent',
        image: 'a:1',
        mode: 'global',
        ports: [{ targetPort: 80, publishedPort: 8080 }],
        constraints: ['node.role==manager'],
        update: { parallelism: 2, delaySeconds: 1.5 },
      },
      {
        secrets: [{ engineId: 'e', kind: 'secret', id: 's1', version: 1, name: 'db', labels: {} }],
        configs: [],
      },
    );
    expect(spec).toMatchObject({
      Name: 'agent',
      Mode: { Global: {} },
      TaskTemplate: {
        ContainerSpec: { Image: 'a:1', Secrets: [{ SecretID: 's1', SecretName: 'db' }] },
        Placement: { Constraints: ['node.role==manager'] },
      },
      UpdateConfig: { Parallelism: 2, Delay: 1_500_000_000 },
      EndpointSpec: {
        Ports: [{ Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080, PublishMode: 'ingress' }],
      },
    });
  });
});
