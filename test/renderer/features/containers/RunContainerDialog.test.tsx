import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { ErrorCode, IpcChannel } from '../../../../electron/common';
import { ContainersPage } from '../../../../renderer/features/containers/ContainersPage';
import { runSpec } from '../../../fixtures/run-spec';
import { render } from '../../render';
import { FakeBerth } from '../../support/fake-bridge';
import { makeContainer } from '../../support/fixtures';

function renderPage(berth = new FakeBerth()) {
  berth.seed('local', [makeContainer({ name: 'existing' })]);
  const result = render(<ContainersPage engineId="local" />, { berth });
  if (result.stores === undefined) throw new Error('no stores');
  return { berth, stores: result.stores };
}

async function openDialog() {
  fireEvent.click(await screen.findByRole('button', { name: 'Run a container…' }));
  return screen.findByTestId('run-dialog');
}

const field = (dialog: HTMLElement, name: string | RegExp) => within(dialog).getByRole('textbox', { name });
const type = (element: HTMLElement, value: string) => fireEvent.change(element, { target: { value } });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('Run dialog', () => {
  it('shows the equivalent docker run command as the form is filled, and copies it', async () => {
    renderPage();
    const dialog = await openDialog();
    expect(within(dialog).queryByTestId('run-command')).not.toBeInTheDocument();

    type(field(dialog, /Image/), 'nginx:1.27');
    type(field(dialog, 'Name'), 'web');
    type(field(dialog, 'Command and arguments'), `sh -c 'echo "$GREETING"'`);
    type(field(dialog, /Environment variables/), 'GREETING=hello world');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add a port' }));
    type(field(dialog, 'Host IP of port 1'), '127.0.0.1');
    type(field(dialog, 'Host port of port 1'), '8080');
    type(field(dialog, 'Container port of port 1'), '80');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add a volume' }));
    type(field(dialog, 'Source of mount 1'), 'data');
    type(field(dialog, 'Path in the container of mount 1'), '/data');
    fireEvent.click(within(dialog).getByRole('switch', { name: 'Remove it when it exits (--rm)' }));

    expect(within(dialog).getByTestId('run-command')).toHaveTextContent(
      `docker run -d --name web --rm -e 'GREETING=hello world' -p 127.0.0.1:8080:80/tcp --mount type=volume,source=data,target=/data nginx:1.27 sh -c 'echo "$GREETING"'`,
    );

    const execCommand = vi.fn(() => true);
    Object.defineProperty(document, 'execCommand', { configurable: true, value: execCommand });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Copy' }));
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Copied' })).toBeVisible());
    expect(execCommand).toHaveBeenCalledWith('copy');
    // Many fields of a big form, each typed into jsdom: slow on a busy 2-core machine, not a timing assertion.
  }, 30_000);

  it('says what is wrong, field by field, and sends nothing until it is right', async () => {
    const { berth } = renderPage();
    const dialog = await openDialog();
    type(field(dialog, /Image/), 'Nginx');
    expect(within(dialog).getByText(/must be lower-case/)).toBeVisible();
    type(field(dialog, /Environment variables/), 'OK=1\nbroken');
    expect(within(dialog).getByText('Line 2: “broken” is not KEY=value.')).toBeVisible();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add a volume' }));
    type(field(dialog, 'Source of mount 1'), 'bad name');
    type(field(dialog, 'Path in the container of mount 1'), 'relative');
    expect(within(dialog).getByText(/is not a volume name/)).toBeVisible();
    expect(within(dialog).getByText(/must be absolute/)).toBeVisible();

    fireEvent.click(within(dialog).getByTestId('run-submit'));
    expect(berth.callsTo(IpcChannel.ContainersRun)).toEqual([]);
    expect(within(dialog).getByText(/fix the highlighted fields/)).toBeVisible();
  });

  it('runs, shows the pull per layer and overall, and opens the new container’s logs', async () => {
    const { berth, stores } = renderPage();
    const dialog = await openDialog();
    type(field(dialog, /Image/), 'registry.local:5000/web:1');
    type(field(dialog, 'Name'), 'web');
    fireEvent.click(within(dialog).getByTestId('run-submit'));

    const progress = await within(dialog).findByTestId('run-progress');
    expect(berth.callsTo(IpcChannel.ContainersRun)).toEqual([
      [runSpec({ image: 'registry.local:5000/web:1', name: 'web' })],
    ]);
    const [operation] = berth.operations;
    if (operation === undefined) throw new Error('no operation');
    act(() => {
      berth.updateOperation(operation.id, {
        progress: {
          fraction: 0.35,
          text: 'Pulling registry.local:5000/web:1',
          items: [
            { id: 'a3ed95caeb02', status: 'Downloading', current: 500, total: 1000, done: false },
            { id: '5f70bf18a086', status: 'Already exists', done: true },
          ],
        },
      });
    });
    expect(within(progress).getAllByTestId('operation-item')).toHaveLength(2);
    expect(within(progress).getByTestId('operation-progress')).toHaveAttribute('data-value', '35');
    expect(progress).toHaveTextContent('Pulling registry.local:5000/web:1');

    act(() => {
      berth.updateOperation(operation.id, { state: 'succeeded', resultId: 'c'.repeat(64), finishedAt: 2 });
    });
    await waitFor(() =>
      expect(stores.navigation.getSnapshot().route).toEqual({
        page: 'containers',
        detail: { kind: 'container', engineId: 'local', id: 'c'.repeat(64), tab: 'logs' },
      }),
    );
    expect(
      screen.queryByRole('dialog', { name: 'Run registry.local:5000/web:1 as web' }),
    ).not.toBeInTheDocument();
  });

  it('brings the form back with the field to change when the run fails', async () => {
    const { berth } = renderPage();
    const dialog = await openDialog();
    type(field(dialog, /Image/), 'nginx');
    type(field(dialog, 'Name'), 'existing');
    fireEvent.click(within(dialog).getByTestId('run-submit'));
    await within(dialog).findByTestId('run-progress');
    const [operation] = berth.operations;
    if (operation === undefined) throw new Error('no operation');
    const message =
      'The name “existing” is already in use by container abcabcabcabc. Remove or rename that container, or pick another name.';
    act(() => {
      berth.updateOperation(operation.id, { state: 'failed', error: { code: ErrorCode.Conflict, message } });
    });
    expect(await within(dialog).findByTestId('operation-error')).toHaveTextContent(message);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Back to the form' }));
    expect(within(dialog).getByTestId('run-error')).toHaveAttribute('data-error-code', 'CONFLICT');
    expect(field(dialog, 'Name')).toHaveAttribute('aria-invalid', 'true');
    expect(field(dialog, 'Name')).toHaveValue('existing');
  });

  it('shows a refusal from main in the form without a notification', async () => {
    const { berth } = renderPage();
    const dialog = await openDialog();
    type(field(dialog, /Image/), 'nginx');
    berth.failNext(IpcChannel.ContainersRun, {
      code: ErrorCode.EngineUnreachable,
      message: 'Cannot reach the Docker engine at unix:///var/run/docker.sock: connection refused.',
    });
    fireEvent.click(within(dialog).getByTestId('run-submit'));
    expect(await within(dialog).findByTestId('run-error')).toHaveTextContent('connection refused');
    expect(screen.queryByTestId('error-notification')).not.toBeInTheDocument();
  });

  it('cancels a run that is pulling', async () => {
    const { berth } = renderPage();
    const dialog = await openDialog();
    type(field(dialog, /Image/), 'nginx');
    fireEvent.click(within(dialog).getByTestId('run-submit'));
    const progress = await within(dialog).findByTestId('run-progress');
    fireEvent.click(within(progress).getByRole('button', { name: 'Cancel Run nginx' }));
    await waitFor(() => expect(berth.callsTo(IpcChannel.OpsCancel)).toHaveLength(1));
  });

  it('opens prefilled when the images page asks to run an image, and consumes the request', async () => {
    const { stores } = renderPage();
    await screen.findByText('existing');
    act(() =>
      stores.navigation.navigate({
        page: 'containers',
        runImage: { engineId: 'local', reference: 'redis:7' },
      }),
    );
    const dialog = await screen.findByTestId('run-dialog');
    expect(field(dialog, /Image/)).toHaveValue('redis:7');
    expect(stores.navigation.getSnapshot().route).toEqual({ page: 'containers' });
  });
});
