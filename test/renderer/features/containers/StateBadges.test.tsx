import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { StateBadges } from '../../../../renderer/features/containers/StateBadges';
import { render } from '../../render';

describe('StateBadges', () => {
  it('shows the exit code of a failed container in its state badge', () => {
    render(<StateBadges container={{ state: 'exited', status: 'Exited (137) 5 minutes ago' }} />);
    expect(screen.getByTestId('state-badge').textContent).toBe('Exited (137)');
    expect(screen.queryByTestId('health-badge')).toBeNull();
  });

  it('counts restarts of a crash-looping container', () => {
    render(
      <StateBadges
        container={{ state: 'restarting', status: 'Restarting (3) 2 seconds ago', restartCount: 12 }}
      />,
    );
    expect(screen.getByTestId('state-badge').textContent).toBe('Restarting ×12');
  });

  it('puts the health badge beside the state', () => {
    render(<StateBadges container={{ state: 'running', status: 'Up 3 minutes (unhealthy)' }} />);
    expect(screen.getByTestId('state-badge').textContent).toBe('Running');
    const health = screen.getByTestId('health-badge');
    expect(health.textContent).toBe('Unhealthy');
    expect(health.dataset.health).toBe('unhealthy');
  });
});
