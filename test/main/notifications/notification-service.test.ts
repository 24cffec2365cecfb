import { describe, expect, it } from 'vitest';

import {
  defaultSettings,
  type EngineInfo,
  type OperationUpdate,
  type Settings,
} from '../../../electron/common';
import type { DockerEvent } from '../../../electron/main/docker/engine/events';
import {
  type DesktopNotification,
  NotificationService,
  notificationText,
} from '../../../electron/main/notifications/notification-service';

function harness(settings: Settings = defaultSettings) {
  let onEvent: (engineId: string, event: DockerEvent) => void = () => undefined;
  let onStatus: (info: EngineInfo) => void = () => undefined;
  let onOp: (update: OperationUpdate) => void = () => undefined;
  let now = 1_000_000;
  const shown: DesktopNotification[] = [];
  const service = new NotificationService(
    {
      onEvent: (listener) => ((onEvent = listener), () => undefined),
      onStatusChanged: (listener) => ((onStatus = listener), () => undefined),
      onOperationUpdated: (listener) => ((onOp = listener), () => undefined),
    },
    { settings: () => settings, show: (n) => shown.push(n), now: () => now },
  );
  const event = (action: string, attributes: Record<string, string> = {}, actorId = 'c1'): void =>
    onEvent('local', {
      type: 'container',
      action,
      actorId,
      attributes: { name: 'web', ...attributes },
      timeNano: 0n,
    });
  const status = (state: EngineInfo['status']['state'], lastError?: string): void =>
    onStatus({
      id: 'local',
      name: 'Local',
      kind: 'unix',
      address: 'unix:///var/run/docker.sock',
      status: { state, since: now, ...(lastError ? { lastError } : {}) },
    });
  const op = (state: 'running' | 'succeeded' | 'failed' | 'cancelled', kind = 'image.pull'): void =>
    onOp({
      operation: {
        id: 'op-1',
        kind,
        engineId: 'local',
        title: 'Pull web:1',
        state,
        startedAt: 0,
        progress: { items: [] },
        ...(state === 'failed' ? { error: { code: 'NOT_FOUND', message: 'manifest unknown' } } : {}),
      },
      appendedLines: [],
      droppedLines: 0,
    });
  return { service, shown, event, status, op, advance: (ms: number) => (now += ms) };
}

describe('NotificationService: containers', () => {
  it('announces a container that died on its own, and opens its logs when clicked', () => {
    const h = harness();
    h.event('die', { exitCode: '3', image: 'web:1' });
    expect(h.shown).toEqual([
      {
        kind: 'containerDied',
        title: 'web stopped unexpectedly',
        body: 'Exit code 3 · web:1. Click to see its logs.',
        route: {
          page: 'containers',
          detail: { kind: 'container', engineId: 'local', id: 'c1', tab: 'logs' },
        },
      },
    ]);
  });

  it('stays quiet for a clean exit and for stops and kills the user asked for', () => {
    const h = harness();
    h.event('die', { exitCode: '0' });
    h.event('kill', { signal: '15' });
    h.event('die', { exitCode: '143' });
    h.event('kill', { signal: '9' }, 'c2');
    h.advance(2_000);
    h.event('die', { exitCode: '137' }, 'c2');
    expect(h.shown).toEqual([]);
  });

  it('does announce a crash long after an earlier stop', () => {
    const h = harness();
    h.event('kill', { signal: '15' });
    h.advance(60_000);
    h.event('die', { exitCode: '1' });
    expect(h.shown).toHaveLength(1);
  });

  it('respects the per-kind opt-out', () => {
    const h = harness({
      ...defaultSettings,
      notifications: { ...defaultSettings.notifications, containerDied: false },
    });
    h.event('die', { exitCode: '3' });
    h.op('failed');
    expect(h.shown.map((n) => n.kind)).toEqual(['operationFinished']);
  });
});

describe('NotificationService: hosts', () => {
  it('says nothing about the first connection, then announces a drop and the return once each', () => {
    const h = harness();
    h.status('connecting');
    h.status('connected');
    expect(h.shown).toEqual([]);
    h.status('unreachable', 'connect ECONNREFUSED /var/run/docker.sock');
    h.status('unreachable', 'still down');
    h.status('connecting');
    h.status('connected');
    expect(h.shown.map((n) => [n.title, n.body])).toEqual([
      ['Local disconnected', 'connect ECONNREFUSED /var/run/docker.sock'],
      ['Local is back', 'Reconnected to unix:///var/run/docker.sock.'],
    ]);
    expect(h.shown.every((n) => n.route.page === 'hosts')).toBe(true);
  });

  it('does not announce a daemon that was never reached', () => {
    const h = harness();
    h.status('connecting');
    h.status('unreachable', 'no such file');
    expect(h.shown).toEqual([]);
  });
});

describe('NotificationService: operations', () => {
  it('announces finished and failed operations, not running or cancelled ones', () => {
    const h = harness();
    h.op('running');
    h.op('cancelled');
    h.op('succeeded');
    h.op('failed', 'image.build');
    expect(h.shown.map((n) => [n.title, n.body, n.route.page])).toEqual([
      ['Pulled: Pull web:1', 'Done.', 'images'],
      ['Build failed: Pull web:1', 'manifest unknown', 'images'],
    ]);
  });
});

describe('notificationText', () => {
  it.each([
    ['<a href="javascript:alert(1)">x</a>', '‹a href="javascript:alert(1)"›x‹/a›'],
    ['<img src=x onerror=alert(1)>', '‹img src=x onerror=alert(1)›'],
    ['a\u001b]8;;http://evil\u0007b', 'a ]8;;http://evil b'],
    ['Tom & Jerry', 'Tom ＆ Jerry'],
    ['x'.repeat(500), `${'x'.repeat(199)}…`],
  ])('%j → %j', (raw, expected) => {
    expect(notificationText(raw)).toBe(expected);
  });

  it('is applied to everything shown', () => {
    const h = harness();
    h.event('die', { exitCode: '1', name: '<b>evil</b>' });
    expect(h.shown[0]?.title).toBe('‹b›evil‹/b› stopped unexpectedly');
  });
});
