import { act, screen, waitFor, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import { describe, expect, it } from 'vitest';

import { IpcChannel } from '../../../../electron/common';
import { ContainersView } from '../../../../renderer/features/containers/ContainersView';
import { ImagesView } from '../../../../renderer/features/images/ImagesView';
import { NetworksView } from '../../../../renderer/features/networks/NetworksView';
import { VolumesView } from '../../../../renderer/features/volumes/VolumesView';
import { makeImage } from '../../features/images/fake-images';
import { render } from '../../render';
import type { FakeBerth } from '../../support/fake-bridge';
import { makeContainer } from '../../support/fixtures';
import { makeNetwork, makeVolume } from '../../support/resource-fixtures';
import { twoHosts } from '../../support/two-hosts';

const RIG = 'context:rig';

/** Each list page under "All hosts", what one row per host is, and the name of that row's Remove button. */
const PAGES: Array<{
  page: string;
  view: () => ReactElement;
  rowTestId: string;
  seed: (berth: FakeBerth) => void;
  remove: (host: string) => string;
}> = [
  {
    page: 'Containers',
    view: () => <ContainersView />,
    rowTestId: 'container-row',
    seed: (berth) => {
      berth.seed('local', [makeContainer({ name: 'web', state: 'exited' })]);
      berth.seed(RIG, [makeContainer({ engineId: RIG, name: 'web', state: 'exited' })]);
    },
    remove: (host) => `Remove web on ${host}`,
  },
  {
    page: 'Images',
    view: () => <ImagesView />,
    rowTestId: 'image-row',
    seed: (berth) =>
      berth.answer(IpcChannel.ImagesList, (engineId) => ({
        engineId,
        revision: 1,
        items: [makeImage({ engineId, repoTags: ['web:1'] })],
      })),
    remove: (host) => `Remove web:1 on ${host}`,
  },
  {
    page: 'Volumes',
    view: () => <VolumesView />,
    rowTestId: 'volume-row',
    seed: (berth) => {
      berth.resources.seedVolumes('local', [makeVolume({ name: 'data' })]);
      berth.resources.seedVolumes(RIG, [makeVolume({ engineId: RIG, name: 'data' })]);
    },
    remove: (host) => `Remove data on ${host}`,
  },
  {
    page: 'Networks',
    view: () => <NetworksView />,
    rowTestId: 'network-row',
    seed: (berth) => {
      berth.resources.seedNetworks('local', [makeNetwork({ name: 'backend' })]);
      berth.resources.seedNetworks(RIG, [makeNetwork({ engineId: RIG, name: 'backend' })]);
    },
    remove: (host) => `Remove network backend on ${host}`,
  },
];

describe('a host whose login was refused', () => {
  it.each(PAGES)(
    '$page: its rows are dimmed and their actions disabled, the other host’s stay live',
    async (page) => {
      const berth = twoHosts();
      page.seed(berth);
      render(page.view(), { berth });
      const rowOn = (engineId: string) => {
        const row = screen
          .getAllByTestId(page.rowTestId)
          .find((r) => r.getAttribute('data-engine-id') === engineId);
        if (row === undefined) throw new Error(`no row on ${engineId}`);
        return row;
      };
      await waitFor(() => expect(screen.getAllByTestId(page.rowTestId)).toHaveLength(2));
      expect(screen.getByRole('button', { name: page.remove('rig') })).toBeEnabled();

      act(() => {
        berth.setStatus(RIG, { state: 'authFailed', lastError: 'Permission denied (publickey)' });
      });

      await waitFor(() => expect(rowOn(RIG)).toHaveAttribute('data-stale', 'true'));
      expect(within(rowOn(RIG)).getByRole('button', { name: page.remove('rig') })).toBeDisabled();
      expect(rowOn('local')).not.toHaveAttribute('data-stale');
      expect(within(rowOn('local')).getByRole('button', { name: page.remove('Local') })).toBeEnabled();
      expect(screen.getAllByTestId(/engine-unreachable|hosts-troubled/)[0]).toHaveTextContent(
        'Permission denied (publickey)',
      );
    },
  );
});
