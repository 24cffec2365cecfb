import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { IpcChannel } from '../../../../electron/common';
import { HostSwitcher } from '../../../../renderer/components/HostSwitcher/HostSwitcher';
import { ImagesView } from '../../../../renderer/features/images/ImagesView';
import { render } from '../../render';
import { FakeBerth } from '../../support/fake-bridge';
import { makeEngine } from '../../support/fixtures';
import { makeHost } from '../../support/host-fixtures';
import { FakeImages, makeImage } from './fake-images';

const RIG = 'context:rig';
const SHARED = `sha256:${'5'.repeat(64)}`;

/** Two hosts: `local` (Local) and `context:rig` (rig), the same image (same id, same name) on both. */
function setUp({
  activeEngineId = 'local',
  rigDown = false,
  empty = false,
  allHosts = true,
}: { activeEngineId?: string; rigDown?: boolean; empty?: boolean; allHosts?: boolean } = {}) {
  const berth = new FakeBerth([
    makeEngine({ name: 'Local' }),
    makeEngine({
      id: RIG,
      name: 'rig',
      kind: 'ssh',
      address: 'ssh://root@127.0.0.1:2222',
      ...(rigDown ? { status: { state: 'unreachable', since: 1, lastError: 'connection refused' } } : {}),
    }),
  ]);
  berth.settings = { ...berth.settings, allHosts, activeEngineId };
  berth.answer(IpcChannel.HostsList, () => [
    makeHost(),
    makeHost({
      engineId: RIG,
      name: 'rig',
      source: 'context',
      url: 'ssh://root@127.0.0.1:2222',
      kind: 'ssh',
      current: false,
    }),
  ]);
  const local = new FakeImages(
    empty
      ? []
      : [
          makeImage({ id: SHARED, repoTags: ['web:1'], size: 3_000_000 }),
          makeImage({ repoTags: ['db:5'], containers: 1, size: 9_000_000 }),
        ],
    berth,
  );
  const remote = new FakeImages(
    empty
      ? []
      : [
          makeImage({ id: SHARED, repoTags: ['web:1'], size: 3_000_000 }),
          makeImage({ repoTags: ['job:2', 'job:latest'], size: 1_000_000 }),
          makeImage({ repoTags: [], size: 4_000_000 }),
        ],
    berth,
    RIG,
  );
  const result = render(
    <>
      <HostSwitcher />
      <ImagesView />
    </>,
    { berth },
  );
  return { berth, local, remote, stores: result.stores! };
}

const rows = () => screen.queryAllByTestId('image-row');
const rowOf = (engineId: string, ref: string) => {
  const row = rows().find(
    (candidate) => candidate.dataset.engineId === engineId && candidate.dataset.ref === ref,
  );
  if (row === undefined) throw new Error(`no row for ${ref} on ${engineId}`);
  return row;
};
const shown = () => rows().map((row) => `${row.dataset.engineId} ${row.dataset.ref}`);
const table = () => screen.getByRole('table', { name: 'Images on all hosts' });

// Page flows with several dialogs take a few seconds of jsdom each on a busy machine.
describe('Images under All hosts', { timeout: 20_000 }, () => {
  it('merges every host into one table with a Host column, and the search matches host names', async () => {
    setUp();
    await waitFor(() => expect(rows()).toHaveLength(6));
    expect(
      within(table())
        .getAllByRole('columnheader')
        .map((header) => header.textContent),
    ).toEqual(['', 'Host', 'Repository', 'Tag', 'Image ID', 'Size', 'Created', 'Containers', 'Actions']);
    // The same image on two hosts is two rows, each with its host.
    expect(within(rowOf('local', 'web:1')).getByText('Local')).toHaveAttribute('data-column', 'host');
    expect(within(rowOf(RIG, 'web:1')).getByText('rig')).toHaveAttribute('data-column', 'host');
    expect(screen.getByTestId('images-count')).toHaveTextContent('5 images on 2 hosts');

    const search = screen.getByRole('textbox', { name: 'Search images' });
    fireEvent.change(search, { target: { value: 'rig' } });
    expect(shown()).toHaveLength(4);
    expect(rows().every((row) => row.dataset.engineId === RIG)).toBe(true);
    fireEvent.change(search, { target: { value: 'web' } });
    expect(shown().sort()).toEqual([`${RIG} web:1`, 'local web:1']);
  });

  it('filters and sorts (by Host too) across hosts', async () => {
    setUp();
    await waitFor(() => expect(rows()).toHaveLength(6));
    fireEvent.click(screen.getByRole('radio', { name: 'In use' }));
    expect(shown()).toEqual(['local db:5']);
    fireEvent.click(screen.getByRole('radio', { name: 'Dangling' }));
    expect(rows().map((row) => row.dataset.engineId)).toEqual([RIG]);
    fireEvent.click(screen.getByRole('radio', { name: 'All' }));

    fireEvent.click(within(table()).getByRole('button', { name: 'Host' }));
    expect(rows().map((row) => row.dataset.engineId)).toEqual(['local', 'local', RIG, RIG, RIG, RIG]);
    fireEvent.click(within(table()).getByRole('button', { name: /Host/ }));
    expect(rows().map((row) => row.dataset.engineId)).toEqual([RIG, RIG, RIG, RIG, 'local', 'local']);
  });

  it('sends each row action to the row’s own host', async () => {
    const { berth, local, remote, stores } = setUp();
    await waitFor(() => expect(rows()).toHaveLength(6));

    // Remove the name on rig: rig loses it, Local keeps its copy.
    fireEvent.click(within(rowOf(RIG, 'web:1')).getByRole('button', { name: 'Remove web:1 on rig' }));
    const removal = await screen.findByTestId('remove-images-modal');
    expect(within(removal).getByTestId('remove-refs')).toHaveTextContent('web:1 on rig');
    fireEvent.click(within(removal).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(shown()).not.toContain(`${RIG} web:1`));
    expect(berth.callsTo(IpcChannel.ImagesRemove)).toEqual([[{ engineId: RIG, refs: ['web:1'] }]]);
    expect(local.images.get(SHARED)?.repoTags).toEqual(['web:1']);
    expect(remote.images.has(SHARED)).toBe(false);

    // Tag on rig.
    fireEvent.click(within(rowOf(RIG, 'job:2')).getByRole('button', { name: 'Tag job:2 on rig' }));
    const tagging = await screen.findByRole('dialog', { name: 'Tag job:2 on rig' });
    fireEvent.change(within(tagging).getByRole('textbox', { name: 'New name' }), {
      target: { value: 'job:3' },
    });
    fireEvent.click(within(tagging).getByRole('button', { name: 'Tag' }));
    await waitFor(() => expect(rowOf(RIG, 'job:3')).toBeInTheDocument());
    expect(berth.callsTo(IpcChannel.ImagesTag)).toEqual([
      [{ engineId: RIG, source: 'job:2', target: 'job:3' }],
    ]);

    // Push on rig, and Run opens the Run dialog on rig.
    fireEvent.click(within(rowOf(RIG, 'job:2')).getByRole('button', { name: 'Push job:2 on rig' }));
    await waitFor(() =>
      expect(berth.callsTo(IpcChannel.ImagesPush)).toEqual([[{ engineId: RIG, ref: 'job:2' }]]),
    );
    fireEvent.click(within(rowOf(RIG, 'job:2')).getByRole('button', { name: 'Run job:2 on rig' }));
    expect(stores.navigation.getSnapshot().route).toEqual({
      page: 'containers',
      runImage: { engineId: RIG, reference: 'job:2' },
    });
  });

  it('opens the details of the row’s own host', async () => {
    const { berth, stores } = setUp();
    await waitFor(() => expect(rows()).toHaveLength(6));
    fireEvent.click(within(rowOf(RIG, 'web:1')).getByText('web'));
    expect(stores.navigation.getSnapshot().route).toEqual({
      page: 'images',
      detail: { kind: 'image', engineId: RIG, id: SHARED },
    });
    await screen.findByTestId('image-details');
    expect(berth.callsTo(IpcChannel.ImagesInspect)).toEqual([[{ engineId: RIG, id: SHARED }]]);
  });

  it('removes a selection of several hosts with one request per host, and reports each host’s refusals', async () => {
    const { berth, local, remote } = setUp();
    await waitFor(() => expect(rows()).toHaveLength(6));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select db:5 on Local' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select job:2 on rig' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select web:1 on rig' }));
    fireEvent.click(screen.getByRole('button', { name: '3 selected' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Remove…' }));
    const modal = await screen.findByTestId('remove-images-modal');
    fireEvent.click(within(modal).getByRole('button', { name: 'Remove' }));

    const failures = await within(modal).findByTestId('remove-failures');
    // db:5 is used by a container on Local: refused there, named with its host; rig's went through.
    expect(failures).toHaveTextContent('Local: db:5 is used by the container web (exited)');
    const calls = berth.callsTo(IpcChannel.ImagesRemove).map(([request]) => request);
    expect(calls).toHaveLength(2);
    expect(calls).toContainEqual({ engineId: 'local', refs: ['db:5'] });
    expect(calls).toContainEqual({ engineId: RIG, refs: ['web:1', 'job:2'] });
    await waitFor(() => expect(remote.images.has(SHARED)).toBe(false));
    expect(local.images.has(SHARED)).toBe(true);

    // Forcing sends only what was refused, to its host.
    fireEvent.click(within(modal).getByRole('checkbox', { name: /Force the removal/ }));
    fireEvent.click(within(modal).getByRole('button', { name: 'Force remove' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(berth.callsTo(IpcChannel.ImagesRemove).at(-1)).toEqual([
      { engineId: 'local', refs: ['db:5'], force: true },
    ]);
  });

  it('saves a selection of several hosts with one save per host', async () => {
    const { berth } = setUp();
    await waitFor(() => expect(rows()).toHaveLength(6));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select all shown images' }));
    fireEvent.click(screen.getByRole('button', { name: '6 selected' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Save to a tar file…' }));
    await waitFor(() => expect(berth.callsTo(IpcChannel.ImagesSave)).toHaveLength(2));
    const saves = berth
      .callsTo(IpcChannel.ImagesSave)
      .map(([request]) => request as { engineId: string; refs: string[] });
    expect(saves.find((save) => save.engineId === 'local')?.refs.sort()).toEqual(['db:5', 'web:1']);
    expect(saves.find((save) => save.engineId === RIG)?.refs.length).toBe(4);
  });

  it('asks which host to pull, build and load on, starting on the active host', async () => {
    const { berth } = setUp({ activeEngineId: RIG });
    await waitFor(() => expect(rows()).toHaveLength(6));

    fireEvent.click(screen.getByRole('button', { name: 'Pull' }));
    const pull = await screen.findByRole('dialog', { name: 'Pull an image' });
    const pullHost = within(pull).getByRole('combobox', { name: 'On host' });
    expect(pullHost).toHaveValue(RIG);
    fireEvent.change(pullHost, { target: { value: 'local' } });
    fireEvent.change(within(pull).getByRole('textbox', { name: 'Image' }), {
      target: { value: 'busybox:1' },
    });
    fireEvent.click(within(pull).getByRole('button', { name: 'Pull' }));
    await waitFor(() =>
      expect(berth.callsTo(IpcChannel.ImagesPull)).toEqual([[{ engineId: 'local', ref: 'busybox:1' }]]),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Load…' }));
    const load = await screen.findByRole('dialog', { name: 'Load images from a tar file' });
    expect(within(load).getByRole('combobox', { name: 'On host' })).toHaveValue(RIG);
    fireEvent.click(within(load).getByRole('button', { name: 'Choose a file…' }));
    await waitFor(() => expect(berth.callsTo(IpcChannel.ImagesLoad)).toEqual([[{ engineId: RIG }]]));

    fireEvent.click(screen.getByRole('button', { name: 'Build' }));
    const build = await screen.findByTestId('build-modal');
    expect(within(build).getByRole('combobox', { name: 'On host' })).toHaveValue(RIG);
    fireEvent.click(within(build).getByRole('button', { name: 'Choose…' }));
    await waitFor(() =>
      expect(within(build).getByRole('textbox', { name: 'Folder' })).toHaveValue('/home/me/app'),
    );
    fireEvent.click(within(build).getByRole('button', { name: 'Build' }));
    await waitFor(() => expect(berth.callsTo(IpcChannel.ImagesBuild)).toHaveLength(1));
    expect(berth.callsTo(IpcChannel.ImagesBuild)[0]?.[0]).toMatchObject({
      engineId: RIG,
      context: '/home/me/app',
    });
  });

  it('prunes one host or every host, previewing and reporting each host', async () => {
    const { berth, remote } = setUp();
    await waitFor(() => expect(rows()).toHaveLength(6));
    fireEvent.click(screen.getByRole('button', { name: 'Prune…' }));
    const modal = await screen.findByTestId('prune-modal');
    // The active host first: Local has nothing dangling.
    expect(within(modal).getByRole('combobox', { name: 'On host' })).toHaveValue('local');
    expect(await within(modal).findByTestId('prune-nothing')).toBeInTheDocument();
    expect(within(modal).getByRole('button', { name: 'Prune' })).toBeDisabled();

    fireEvent.change(within(modal).getByRole('combobox', { name: 'On host' }), {
      target: { value: '\u0000every' },
    });
    const hosts = await within(modal).findAllByTestId('prune-host');
    expect(hosts.map((host) => host.dataset.engineId)).toEqual(['local', RIG]);
    expect(await within(hosts[1]).findByTestId('prune-preview')).toHaveTextContent(
      '1 image(s) no container uses, up to 4.0 MB',
    );
    expect(within(hosts[0]).getByTestId('prune-nothing')).toBeInTheDocument();
    expect(berth.callsTo(IpcChannel.ImagesPrunePreview).map(([request]) => request)).toContainEqual({
      engineId: RIG,
      mode: 'dangling',
    });

    fireEvent.click(within(modal).getByRole('button', { name: 'Prune' }));
    const result = await within(modal).findByTestId('prune-result');
    const perHost = within(result).getAllByTestId('prune-host-result');
    expect(perHost.map((line) => line.textContent)).toEqual([
      'Local: nothing to prune.',
      'rig: Removed 1 image layer(s); reclaimed 4.0 MB.',
    ]);
    expect(result).toHaveTextContent('Reclaimed 4.0 MB in all.');
    // Only the host with something to prune was asked to prune.
    expect(berth.callsTo(IpcChannel.ImagesPrune)).toEqual([[{ engineId: RIG, mode: 'dangling' }]]);
    expect([...remote.images.values()].some((image) => image.dangling)).toBe(false);
  });

  it('one host chosen in the switcher shows its own images only, without a Host column', async () => {
    setUp();
    await waitFor(() => expect(rows()).toHaveLength(6));
    fireEvent.change(screen.getByRole('combobox', { name: 'Host' }), { target: { value: RIG } });
    await waitFor(() => expect(rows()).toHaveLength(4));
    const single = screen.getByRole('table', { name: 'Images' });
    expect(within(single).queryByRole('columnheader', { name: 'Host' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Remove job:2' })).toBeInTheDocument();
    expect(screen.getByTestId('images-count')).toHaveTextContent('3 images on rig');
  });

  it('says which host does not answer, keeps its last rows without actions, and leaves it out of the pickers', async () => {
    const { berth } = setUp({ rigDown: true });
    await waitFor(() => expect(rows()).toHaveLength(6));
    expect(screen.getByTestId('hosts-troubled')).toHaveTextContent('rig: connection refused');
    expect(rowOf(RIG, 'job:2')).toHaveAttribute('data-stale', 'true');
    expect(within(rowOf(RIG, 'job:2')).getByRole('button', { name: 'Remove job:2 on rig' })).toBeDisabled();
    expect(
      within(rowOf('local', 'web:1')).getByRole('button', { name: 'Remove web:1 on Local' }),
    ).toBeEnabled();
    // Only Local can take work: the dialogs go there without asking.
    fireEvent.click(screen.getByRole('button', { name: 'Pull' }));
    const pull = await screen.findByRole('dialog', { name: 'Pull an image' });
    expect(within(pull).queryByRole('combobox', { name: 'On host' })).not.toBeInTheDocument();
    fireEvent.change(within(pull).getByRole('textbox', { name: 'Image' }), {
      target: { value: 'busybox:1' },
    });
    fireEvent.click(within(pull).getByRole('button', { name: 'Pull' }));
    await waitFor(() =>
      expect(berth.callsTo(IpcChannel.ImagesPull)).toEqual([[{ engineId: 'local', ref: 'busybox:1' }]]),
    );
  });

  it('says when no host has any image, and logs in through the picked host', async () => {
    const { berth } = setUp({ empty: true });
    expect(await screen.findByTestId('images-empty')).toHaveTextContent('No images on any host');
    expect(screen.getByTestId('images-count')).toHaveTextContent('0 images on 2 hosts');

    fireEvent.click(screen.getByRole('button', { name: 'Registries' }));
    const modal = await screen.findByTestId('registries-modal');
    fireEvent.change(within(modal).getByRole('combobox', { name: 'On host' }), { target: { value: RIG } });
    fireEvent.change(within(modal).getByRole('textbox', { name: 'Registry' }), {
      target: { value: '127.0.0.1:5000' },
    });
    fireEvent.change(within(modal).getByRole('textbox', { name: 'User name' }), {
      target: { value: 'berth' },
    });
    fireEvent.change(within(modal).getByLabelText('Password or access token'), { target: { value: 'pw' } });
    fireEvent.click(within(modal).getByRole('button', { name: 'Log in' }));
    await within(modal).findByTestId('login-done');
    expect(berth.callsTo(IpcChannel.RegistriesLogin)).toEqual([
      [{ engineId: RIG, registry: '127.0.0.1:5000', username: 'berth', password: 'pw' }],
    ]);
  });

  it('a details route to another host’s image opens over the selected host’s list, and acts on that host', async () => {
    const { berth, stores, local } = setUp({ allHosts: false });
    await waitFor(() => expect(rows()).toHaveLength(2));
    // What the command palette does for an image of rig while Local is selected.
    act(() =>
      stores.navigation.navigate({ page: 'images', detail: { kind: 'image', engineId: RIG, id: SHARED } }),
    );
    const drawer = await screen.findByTestId('image-details');
    await waitFor(() =>
      expect(berth.callsTo(IpcChannel.ImagesInspect)).toContainEqual([{ engineId: RIG, id: SHARED }]),
    );
    // Read again once rig's list arrives (the drawer follows the image), always from rig.
    expect(
      berth
        .callsTo(IpcChannel.ImagesInspect)
        .every(([request]) => (request as { engineId: string }).engineId === RIG),
    ).toBe(true);
    fireEvent.click(await within(drawer).findByRole('button', { name: 'Remove' }));
    const modal = await screen.findByTestId('remove-images-modal');
    fireEvent.click(within(modal).getByRole('button', { name: 'Delete' }));
    await waitFor(() =>
      expect(berth.callsTo(IpcChannel.ImagesRemove)).toEqual([[{ engineId: RIG, refs: ['web:1'] }]]),
    );
    expect(local.images.has(SHARED)).toBe(true);
  });
});
