import { describe, expect, it } from 'vitest';

import { MASKED_VALUE } from '../../../../../electron/common';
import {
  envValueOf,
  maskEnvEntry,
  toContainerInspectView,
  toStatsSample,
} from '../../../../../electron/main/docker/containers/details/mappers';

describe('env masking', () => {
  it('masks every value and keeps names, and finds a value on request', () => {
    const raw = {
      Id: 'abc',
      Name: '/web',
      Config: { Tty: true, Env: ['A=1', 'TOKEN=s3cr3t=x', 'BARE'] },
      State: { Running: true },
    };
    const view = toContainerInspectView('local', raw);
    expect((view.inspect.Config as { Env: string[] }).Env).toEqual([
      `A=${MASKED_VALUE}`,
      `TOKEN=${MASKED_VALUE}`,
      'BARE',
    ]);
    expect(JSON.stringify(view)).not.toContain('s3cr3t');
    expect(view).toMatchObject({ id: 'abc', name: 'web', tty: true, running: true });
    expect(raw.Config.Env[1]).toBe('TOKEN=s3cr3t=x');
    expect(envValueOf(raw, 'TOKEN')).toBe('s3cr3t=x');
    expect(envValueOf(raw, 'TOK')).toBeUndefined();
    expect(maskEnvEntry('X=')).toBe(`X=${MASKED_VALUE}`);
  });
});

describe('toStatsSample', () => {
  it('computes CPU % from the delta to precpu and memory without inactive file cache', () => {
    const sample = toStatsSample({
      read: '2026-01-01T00:00:01Z',
      cpu_stats: { cpu_usage: { total_usage: 3_000 }, system_cpu_usage: 20_000, online_cpus: 2 },
      precpu_stats: { cpu_usage: { total_usage: 1_000 }, system_cpu_usage: 10_000 },
      memory_stats: { usage: 1000, limit: 4000, stats: { inactive_file: 200 } },
      networks: { eth0: { rx_bytes: 5, tx_bytes: 7 }, eth1: { rx_bytes: 1, tx_bytes: 1 } },
      blkio_stats: {
        io_service_bytes_recursive: [
          { op: 'Read', value: 10 },
          { op: 'write', value: 4 },
        ],
      },
      pids_stats: { current: 3 },
    });
    expect(sample).toEqual({
      time: Date.parse('2026-01-01T00:00:01Z'),
      cpuPercent: 40,
      onlineCpus: 2,
      memoryUsage: 800,
      memoryLimit: 4000,
      networkRx: 6,
      networkTx: 8,
      blockRead: 10,
      blockWrite: 4,
      pids: 3,
    });
    expect(toStatsSample('nope')).toBeUndefined();
  });
});
