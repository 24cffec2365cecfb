import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { DetailsHeader } from '../../../../../renderer/features/containers/details/DetailsHeader';
import {
  StoppedState,
  tabNeedsStart,
} from '../../../../../renderer/features/containers/details/StoppedState';
import {
  formatUptime,
  type InspectFacts,
  inspectFacts,
} from '../../../../../renderer/features/containers/details/uptime';
import { render } from '../../../render';
import { FakeBerth } from '../../../support/fake-bridge';
import { makeContainer } from '../../../support/fixtures';

function renderHeader(
  overrides: Parameters<typeof makeContainer>[0],
  facts: InspectFacts = { restartCount: 0 },
) {
  const onAction = vi.fn();
  const onOpenUrl = vi.fn();
  const summary = makeContainer(overrides);
  render(
    <DetailsHeader
      summary={summary}
      id={summary.id}
      facts={facts}
      engineAddress="unix:///var/run/docker.sock"
      pending={undefined}
      stale={false}
      onBack={() => undefined}
      onAction={onAction}
      onOpenUrl={onOpenUrl}
    />,
    { berth: new FakeBerth() },
  );
  return { onAction, onOpenUrl, summary };
}

describe('DetailsHeader', () => {
  it('acts on a running container: Stop, Restart, Pause, Remove; opens its ports; shows health and uptime', () => {
    const { onAction, onOpenUrl, summary } = renderHeader(
      {
        state: 'running',
        status: 'Up 2 minutes (unhealthy)',
        ports: [{ privatePort: 80, publicPort: 8080, protocol: 'tcp', hostIp: '0.0.0.0' }],
      },
      { restartCount: 3, startedAt: Date.now() - 65_000 },
    );
    expect(screen.getByTestId('health-badge')).toHaveTextContent('Unhealthy');
    expect(screen.getByTestId('uptime').textContent).toMatch(/^Up 1m \d+s$/);
    expect(screen.getByTestId('restart-count')).toHaveTextContent('restarted 3×');
    for (const name of ['Stop', 'Restart', 'Pause', 'Remove']) {
      fireEvent.click(screen.getByRole('button', { name }));
    }
    expect(onAction.mock.calls.map((call) => String(call[0]))).toEqual([
      'stop',
      'restart',
      'pause',
      'remove',
    ]);
    expect(screen.queryByRole('button', { name: 'Start' })).toBeNull();
    fireEvent.click(screen.getByTestId('header-port'));
    expect(onOpenUrl).toHaveBeenCalledWith('http://localhost:8080/');
    expect(screen.getByTestId('copy-id')).toHaveTextContent(summary.id.slice(0, 12));
  });

  it('offers Start for an exited container and shows its exit code', () => {
    const { onAction } = renderHeader({ state: 'exited', status: 'Exited (137) 1 minute ago' });
    expect(screen.getByTestId('state-badge')).toHaveTextContent('Exited (137)');
    expect(screen.queryByTestId('uptime')).toBeNull();
    expect(screen.getByRole('button', { name: 'Pause' })).toBeDisabled();
    fireEvent.click(screen.getByRole('button', { name: 'Start' }));
    expect(onAction).toHaveBeenCalledWith('start');
  });
});

describe('stopped states', () => {
  it('asks to start a stopped container instead of showing a tab that needs it running', () => {
    expect(tabNeedsStart('terminal', 'exited')).toBe(true);
    expect(tabNeedsStart('terminal', 'paused')).toBe(true);
    expect(tabNeedsStart('stats', 'paused')).toBe(false);
    expect(tabNeedsStart('processes', 'running')).toBe(false);
    const onStart = vi.fn();
    render(<StoppedState purpose="open a terminal" state="exited" starting={false} onStart={onStart} />);
    expect(screen.getByTestId('stopped-state')).toHaveTextContent('StoppedStart it to open a terminal.');
    fireEvent.click(screen.getByRole('button', { name: 'Start' }));
    expect(onStart).toHaveBeenCalledOnce();
  });

  it('formats the ticking uptime and reads the inspect facts', () => {
    expect(formatUptime(65_000)).toBe('1m 5s');
    expect(formatUptime(3 * 3600_000 + 120_000)).toBe('3h 2m');
    expect(inspectFacts({ State: { StartedAt: '0001-01-01T00:00:00Z' }, RestartCount: 2 })).toEqual({
      restartCount: 2,
    });
  });
});
