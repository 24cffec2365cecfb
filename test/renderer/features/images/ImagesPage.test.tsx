import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { ErrorCode, IpcChannel } from '../../../../electron/common';
import { ImagesPage } from '../../../../renderer/features/images/ImagesPage';
import { render } from '../../render';
import { FakeImages, makeImage } from './fake-images';

function renderPage(fake: FakeImages) {
  const result = render(<ImagesPage engineId="local" />, { berth: fake.berth });
  return { ...result, stores: result.stores! };
}

const rows = () => screen.queryAllByTestId('image-row');
const rowOf = (ref: string) => {
  const row = rows().find((candidate) => candidate.getAttribute('data-ref') === ref);
  if (row === undefined) throw new Error(`no row for ${ref}`);
  return row;
};

describe('ImagesPage', () => {
  it('lists one row per name with repository, tag, id, size, created and containers', async () => {
    const web = makeImage({
      id: `sha256:${'a'.repeat(64)}`,
      repoTags: ['registry:5000/team/web:1.2', 'web:latest'],
      size: 23_400_000,
      created: Date.now() - 3 * 60 * 60_000,
      containers: 2,
    });
    const dangling = makeImage({ id: `sha256:${'b'.repeat(64)}`, repoTags: [] });
    renderPage(new FakeImages([web, dangling]));
    await waitFor(() => expect(rows()).toHaveLength(3));
    const row = rowOf('registry:5000/team/web:1.2');
    expect(row).toHaveTextContent('registry:5000/team/web');
    expect(row).toHaveTextContent('1.2');
    expect(row).toHaveTextContent('aaaaaaaaaaaa');
    expect(row).toHaveTextContent('23 MB');
    expect(row).toHaveTextContent('3 hours ago');
    expect(within(row).getByText('2')).toBeInTheDocument();
    expect(rowOf('bbbbbbbbbbbb')).toHaveTextContent('dangling');
    expect(screen.getByTestId('images-count')).toHaveTextContent('2 images on local');
  });

  it('filters in use / unused / dangling, searches, and follows live changes', async () => {
    const used = makeImage({ repoTags: ['used:1'], containers: 1 });
    const unused = makeImage({ repoTags: ['unused:1'] });
    const dangling = makeImage({ repoTags: [] });
    const fake = new FakeImages([used, unused, dangling]);
    renderPage(fake);
    await waitFor(() => expect(rows()).toHaveLength(3));
    fireEvent.click(screen.getByRole('radio', { name: 'In use' }));
    expect(rows().map((row) => row.dataset.ref)).toEqual(['used:1']);
    fireEvent.click(screen.getByRole('radio', { name: 'Dangling' }));
    expect(rows().map((row) => row.dataset.imageId)).toEqual([dangling.id]);
    fireEvent.click(screen.getByRole('radio', { name: 'Unused' }));
    expect(rows()).toHaveLength(2);
    fireEvent.click(screen.getByRole('radio', { name: 'All' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Search images' }), { target: { value: 'unus' } });
    expect(rows().map((row) => row.dataset.ref)).toEqual(['unused:1']);
    fake.change({ ...unused, repoTags: ['unused:1', 'unused:2'] });
    await waitFor(() => expect(rows().map((row) => row.dataset.ref)).toEqual(['unused:1', 'unused:2']));
    fireEvent.change(screen.getByRole('textbox', { name: 'Search images' }), { target: { value: 'zzz' } });
    expect(screen.getByTestId('images-no-match')).toBeInTheDocument();
  });

  it('says why there is no list, retries on request, and says when the engine has no images', async () => {
    const fake = new FakeImages([makeImage({ repoTags: ['back:1'] })]);
    fake.berth.failNext(IpcChannel.ImagesList, { code: ErrorCode.Internal, message: 'daemon hiccup' });
    renderPage(fake);
    const failed = await screen.findByTestId('images-failed');
    expect(failed).toHaveTextContent('daemon hiccup');
    fireEvent.click(within(failed).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(rows().map((row) => row.dataset.ref)).toEqual(['back:1']));
    fake.delete([...fake.images.keys()][0]);
    expect(await screen.findByTestId('images-empty')).toHaveTextContent('No images on this engine yet');
  });

  it('stays virtualised with thousands of images', async () => {
    const images = Array.from({ length: 3000 }, (_, index) =>
      makeImage({ repoTags: [`bulk/img-${index}:1`] }),
    );
    renderPage(new FakeImages(images));
    await screen.findByTestId('image-table');
    expect(screen.getByTestId('images-count')).toHaveTextContent('3000 images');
    expect(rows().length).toBeGreaterThan(5);
    expect(rows().length).toBeLessThan(60);
    expect(screen.getByRole('table', { name: 'Images' })).toHaveAttribute('aria-rowcount', '3001');
  });

  it('sorts by a column header', async () => {
    renderPage(
      new FakeImages([
        makeImage({ repoTags: ['small:1'], size: 1_000 }),
        makeImage({ repoTags: ['big:1'], size: 9_000_000 }),
      ]),
    );
    await waitFor(() => expect(rows()).toHaveLength(2));
    fireEvent.click(screen.getByRole('button', { name: 'Size' }));
    expect(rows().map((row) => row.dataset.ref)).toEqual(['small:1', 'big:1']);
    fireEvent.click(screen.getByRole('button', { name: /Size/ }));
    expect(rows().map((row) => row.dataset.ref)).toEqual(['big:1', 'small:1']);
  });

  it('untags one name of an image with several names, and deletes an image only when asked', async () => {
    const image = makeImage({ repoTags: ['app:1', 'app:2'] });
    const fake = new FakeImages([image]);
    renderPage(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Remove app:1' }));
    const modal = await screen.findByTestId('remove-images-modal');
    expect(within(modal).getByTestId('remove-refs')).toHaveTextContent('app:1');
    expect(within(modal).getByTestId('remove-refs')).not.toHaveTextContent('app:2');
    fireEvent.click(within(modal).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(rows().map((row) => row.dataset.ref)).toEqual(['app:2']));
    expect(fake.berth.callsTo(IpcChannel.ImagesRemove)).toEqual([[{ engineId: 'local', refs: ['app:1'] }]]);
  });

  it('shows which container uses an image, and forces only with the explicit box', async () => {
    const image = makeImage({ repoTags: ['busy:1'], containers: 1 });
    const fake = new FakeImages([image]);
    renderPage(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Remove busy:1' }));
    const modal = await screen.findByTestId('remove-images-modal');
    expect(within(modal).getByText('In use')).toBeInTheDocument();
    fireEvent.click(within(modal).getByRole('button', { name: 'Delete' }));
    const failures = await within(modal).findByTestId('remove-failures');
    expect(failures).toHaveTextContent('busy:1 is used by the container web (exited)');
    expect(fake.berth.callsTo(IpcChannel.ImagesRemove)).toEqual([[{ engineId: 'local', refs: ['busy:1'] }]]);
    fireEvent.click(within(modal).getByRole('checkbox', { name: /Force the removal/ }));
    fireEvent.click(within(modal).getByRole('button', { name: 'Force remove' }));
    await waitFor(() => expect(rows()).toHaveLength(0));
    expect(fake.berth.callsTo(IpcChannel.ImagesRemove)[1]).toEqual([
      { engineId: 'local', refs: ['busy:1'], force: true },
    ]);
  });

  it('pulls with the reference checked first; the task list shows progress and can cancel', async () => {
    const fake = new FakeImages([]);
    renderPage(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Pull' }));
    const input = await screen.findByRole('textbox', { name: 'Image' });
    fireEvent.change(input, { target: { value: 'Not Valid' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Pull' }).at(-1)!);
    expect(await screen.findByText(/must not contain spaces/)).toBeInTheDocument();
    expect(fake.berth.callsTo(IpcChannel.ImagesPull)).toEqual([]);
    fireEvent.change(input, { target: { value: 'registry:5000/berth/busybox:1.0' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Pull' }).at(-1)!);
    const task = await screen.findByRole('region', { name: 'Pull registry:5000/berth/busybox:1.0' });
    expect(within(task).getByTestId('operation-state')).toHaveTextContent('Running');
    const [started] = fake.started;
    fake.update(started.id, {
      progress: {
        fraction: 0.5,
        items: [
          {
            id: 'a1b2c3d4e5f6a7b8',
            status: 'Downloading',
            current: 1_000_000,
            total: 2_000_000,
            done: false,
          },
        ],
      },
    });
    await waitFor(() =>
      expect(within(task).getByTestId('operation-progress')).toHaveAttribute('data-value', '50'),
    );
    expect(within(task).getByTestId('operation-item')).toHaveTextContent('a1b2c3d4e5f6');
    expect(within(task).getByTestId('operation-item')).toHaveTextContent('1.0 MB / 2.0 MB');
    fireEvent.click(within(task).getByRole('button', { name: /^Cancel Pull/ }));
    await waitFor(() => expect(fake.berth.callsTo(IpcChannel.OpsCancel)).toEqual([[started.id]]));
    fake.update(started.id, {
      state: 'failed',
      error: { code: ErrorCode.Unauthorized, message: 'unauthorized: authentication required' },
    });
    expect(await within(task).findByTestId('operation-error')).toHaveTextContent('authentication required');
  });

  it('prunes with a preview and reports the reclaimed space', async () => {
    const fake = new FakeImages([
      makeImage({ repoTags: [], size: 4_000_000 }),
      makeImage({ repoTags: ['kept:1'], size: 1_000_000 }),
    ]);
    renderPage(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Prune…' }));
    const modal = await screen.findByTestId('prune-modal');
    expect(await within(modal).findByTestId('prune-preview')).toHaveTextContent(
      '1 image(s) no container uses, up to 4.0 MB',
    );
    fireEvent.click(within(modal).getByRole('button', { name: 'Prune' }));
    expect(await within(modal).findByTestId('prune-result')).toHaveTextContent('reclaimed 4.0 MB');
    await waitFor(() => expect(rows().map((row) => row.dataset.ref)).toEqual(['kept:1']));
  });

  it('opens the details: env masked until asked, history, and Run opens the containers page prefilled', async () => {
    const image = makeImage({ repoTags: ['web:1'] });
    const { stores } = renderPage(new FakeImages([image]));
    fireEvent.click(await screen.findByText('web'));
    const drawer = await screen.findByTestId('image-details');
    const env = await within(drawer).findByTestId('image-env');
    expect(env).toHaveTextContent('API_TOKEN');
    expect(env).not.toHaveTextContent('hunter2');
    fireEvent.click(within(drawer).getByRole('button', { name: 'Show values' }));
    expect(env).toHaveTextContent('hunter2');
    fireEvent.click(within(drawer).getByRole('tab', { name: /History/ }));
    expect(await within(drawer).findByTestId('image-history')).toHaveTextContent('COPY a /a');
    fireEvent.click(within(drawer).getByRole('button', { name: 'Run' }));
    expect(stores.navigation.getSnapshot().route).toEqual({
      page: 'containers',
      runImage: { engineId: 'local', reference: 'web:1' },
    });
  });

  it('logs in to a registry, shows a refusal with its code, and never keeps the password in the form', async () => {
    const fake = new FakeImages([]);
    renderPage(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Registries' }));
    const modal = await screen.findByTestId('registries-modal');
    fireEvent.change(within(modal).getByRole('textbox', { name: 'Registry' }), {
      target: { value: '127.0.0.1:5000' },
    });
    fireEvent.change(within(modal).getByRole('textbox', { name: 'User name' }), {
      target: { value: 'berth' },
    });
    const password = within(modal).getByLabelText('Password or access token');
    fireEvent.change(password, { target: { value: 'wrong' } });
    fake.berth.failNext(IpcChannel.RegistriesLogin, {
      code: ErrorCode.Unauthorized,
      message: '127.0.0.1:5000 refused the user name or password.',
    });
    fireEvent.click(within(modal).getByRole('button', { name: 'Log in' }));
    const error = await within(modal).findByTestId('login-error');
    expect(error).toHaveAttribute('data-error-code', ErrorCode.Unauthorized);
    expect(password).toHaveValue('');
    fireEvent.change(password, { target: { value: 'right' } });
    fireEvent.click(within(modal).getByRole('button', { name: 'Log in' }));
    expect(await within(modal).findByTestId('login-done')).toHaveTextContent(
      'Logged in to 127.0.0.1:5000 as berth',
    );
    const login = await within(modal).findByRole('row', { name: /127\.0\.0\.1:5000/ });
    expect(login).toHaveTextContent('Stored by Berth');
    expect(fake.berth.callsTo(IpcChannel.RegistriesLogin)[1]).toEqual([
      { engineId: 'local', registry: '127.0.0.1:5000', username: 'berth', password: 'right' },
    ]);
  });

  it('says why it cannot store a password when there is no keyring', async () => {
    const fake = new FakeImages([]);
    fake.registries = { logins: [], canStoreSecrets: false, storageProblem: 'No OS keyring is available.' };
    renderPage(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Registries' }));
    expect(await screen.findByTestId('no-keyring')).toHaveTextContent('No OS keyring is available.');
    expect(screen.queryByRole('button', { name: 'Log in' })).not.toBeInTheDocument();
  });

  it('builds from a chosen folder and follows the output like a terminal', async () => {
    const fake = new FakeImages([]);
    renderPage(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Build' }));
    const modal = await screen.findByTestId('build-modal');
    fireEvent.click(within(modal).getByRole('button', { name: 'Build' }));
    expect(await within(modal).findByText('Choose the folder to build.')).toBeInTheDocument();
    fireEvent.click(within(modal).getByRole('button', { name: 'Choose…' }));
    await waitFor(() =>
      expect(within(modal).getByRole('textbox', { name: 'Folder' })).toHaveValue('/home/me/app'),
    );
    fireEvent.change(within(modal).getByRole('textbox', { name: 'Tags' }), {
      target: { value: 'team/app:1, team/app:latest' },
    });
    fireEvent.change(within(modal).getByRole('textbox', { name: 'Build arguments' }), {
      target: { value: 'VERSION=1' },
    });
    fireEvent.click(within(modal).getByRole('checkbox', { name: 'No cache' }));
    fireEvent.click(within(modal).getByRole('button', { name: 'Build' }));
    await waitFor(() => expect(fake.started).toHaveLength(1));
    expect(fake.berth.callsTo(IpcChannel.ImagesBuild)).toEqual([
      [
        {
          engineId: 'local',
          context: '/home/me/app',
          dockerfile: 'Dockerfile',
          tags: ['team/app:1', 'team/app:latest'],
          buildArgs: { VERSION: '1' },
          noCache: true,
          pull: false,
        },
      ],
    ]);
    fake.update(fake.started[0].id, {}, ['Step 1/2 : FROM scratch', 'Step 2/2 : COPY missing /x']);
    fake.update(
      fake.started[0].id,
      {
        state: 'failed',
        error: { code: ErrorCode.NotFound, message: 'Step 2/2 : COPY missing /x failed: file not found' },
      },
      ['ERROR: Step 2/2 : COPY missing /x failed: file not found'],
    );
    const output = await within(modal).findByTestId('operation-output');
    await waitFor(() => expect(output).toHaveTextContent('ERROR: Step 2/2'));
    expect(within(modal).getByTestId('operation-error')).toHaveTextContent(
      'Step 2/2 : COPY missing /x failed',
    );
  });
});
