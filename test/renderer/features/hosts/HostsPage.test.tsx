import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { type HostInput, IpcChannel } from '../../../../electron/common';
import { HostPromptModal } from '../../../../renderer/features/hosts/HostPromptModal';
import { HostsPage } from '../../../../renderer/features/hosts/HostsPage';
import { render } from '../../render';
import { FakeBerth } from '../../support/fake-bridge';
import { makeEngine } from '../../support/fixtures';
import { makeHost } from '../../support/host-fixtures';

function setUp() {
  const berth = new FakeBerth([
    makeEngine({
      name: 'Local',
      status: { state: 'connected', since: 1, engineVersion: '20.10.24', latencyMs: 0.42 },
    }),
    makeEngine({
      id: 'context:build',
      name: 'build',
      kind: 'ssh',
      address: 'ssh://ada@build',
      status: {
        state: 'authFailed',
        since: 1,
        lastError: 'SSH login as ada@build:22 failed: the server refused every key.',
      },
    }),
  ]);
  berth.answer(IpcChannel.HostsList, () => [
    makeHost({ counts: { containers: 4, running: 1, images: 7 } }),
    makeHost({
      engineId: 'context:build',
      name: 'build',
      source: 'context',
      contextName: 'build',
      url: 'ssh://ada@build',
      kind: 'ssh',
      current: false,
      editable: true,
    }),
    makeHost({
      engineId: 'host:abc123',
      name: 'lab',
      source: 'berth',
      url: 'tcp://192.0.2.7:2375',
      kind: 'tcp',
      current: false,
      editable: true,
      problem: 'Berth does not connect to tcp://192.0.2.7:2375 as configured.',
    }),
  ]);
  return berth;
}

const rowOf = (engineId: string): HTMLElement => {
  const row = screen.getAllByTestId('host-row').find((candidate) => candidate.dataset.engineId === engineId);
  if (row === undefined) throw new Error(`no row for ${engineId}`);
  return row;
};

describe('HostsPage', () => {
  it('shows every host with kind, address, status in plain words, latency, version and counts', async () => {
    const berth = setUp();
    render(<HostsPage />, { berth });
    await screen.findByTestId('hosts-table');

    const local = rowOf('local');
    expect(local).toHaveTextContent('Local');
    expect(local).toHaveTextContent('current');
    expect(local).toHaveTextContent('Unix socket');
    expect(local).toHaveTextContent('unix:///var/run/docker.sock');
    expect(within(local).getByTestId('host-state')).toHaveAttribute('data-state', 'connected');
    expect(within(local).getByTestId('host-latency')).toHaveTextContent('0.42 ms');
    expect(local).toHaveTextContent('20.10.24');
    expect(within(local).getByTestId('host-containers')).toHaveTextContent('1 / 4');
    expect(within(local).getByTestId('host-images')).toHaveTextContent('7');
    expect(within(local).queryByRole('button', { name: 'Remove Local' })).not.toBeInTheDocument();

    const build = rowOf('context:build');
    expect(build).toHaveTextContent('docker context');
    expect(within(build).getByTestId('host-state')).toHaveTextContent('Login refused');
    expect(within(build).getByTestId('host-reason')).toHaveTextContent('the server refused every key');
    expect(within(rowOf('host:abc123')).getByTestId('host-reason')).toHaveTextContent('as configured');
  });

  it('says a changed SSH host key and a frozen daemon in their own words, with Retry', async () => {
    const berth = setUp();
    berth.setStatus('context:build', {
      state: 'hostKeyChanged',
      lastError: 'The host key of build has changed: … Someone may be intercepting the connection, …',
    });
    berth.setStatus('local', {
      state: 'notAnswering',
      lastError: 'The Docker engine at … has not answered for 3 s',
    });
    render(<HostsPage />, { berth });
    await screen.findByTestId('hosts-table');
    const build = rowOf('context:build');
    expect(within(build).getByTestId('host-state')).toHaveTextContent('Host key changed');
    expect(within(build).getByTestId('host-reason')).toHaveTextContent('intercepting');
    expect(within(build).getByRole('button', { name: 'Retry' })).toBeInTheDocument();
    const local = rowOf('local');
    expect(within(local).getByTestId('host-state')).toHaveTextContent('Not answering');
    expect(within(local).getByTestId('host-reason')).toHaveTextContent('has not answered for 3 s');
  });

  it('disconnects a host through hosts:disconnect', async () => {
    const berth = setUp();
    berth.answer(IpcChannel.HostsDisconnect, () => undefined);
    render(<HostsPage />, { berth });
    await screen.findByTestId('hosts-table');
    fireEvent.click(within(rowOf('local')).getByRole('button', { name: 'Disconnect' }));
    await waitFor(() => expect(berth.callsTo(IpcChannel.HostsDisconnect)).toEqual([['local']]));
  });

  it('adds a host: the connection is tested first, and saved when it works', async () => {
    const berth = setUp();
    const tested: HostInput[] = [];
    const saved: HostInput[] = [];
    berth.answer(IpcChannel.HostsTest, (input) => {
      tested.push(input);
      return { state: 'connected', engineVersion: '20.10.24', apiVersion: '1.41', latencyMs: 12 };
    });
    berth.answer(IpcChannel.HostsSave, (input) => {
      saved.push(input);
      return makeHost({ engineId: 'context:rig', name: input.name, url: input.url, source: 'context' });
    });
    render(<HostsPage />, { berth });
    fireEvent.click(await screen.findByRole('button', { name: 'Add host' }));
    const form = await screen.findByRole('dialog');
    fireEvent.change(within(form).getByLabelText(/^Name/), { target: { value: 'rig' } });
    fireEvent.change(within(form).getByLabelText(/^Address/), {
      target: { value: 'ssh://root@127.0.0.1:2222' },
    });
    fireEvent.click(within(form).getByLabelText(/Also save as a docker context/));
    fireEvent.click(within(form).getByRole('button', { name: 'Test and add' }));

    await waitFor(() => expect(saved).toHaveLength(1));
    const expected: HostInput = { name: 'rig', url: 'ssh://root@127.0.0.1:2222', saveAsContext: true };
    expect(tested).toEqual([expected]);
    expect(saved).toEqual([expected]);
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('when the test fails, says why and saves only on "Save anyway"', async () => {
    const berth = setUp();
    berth.answer(IpcChannel.HostsTest, () => ({
      state: 'unreachable',
      message:
        'Cannot reach the Docker engine at tcp://127.0.0.1:2376: its TLS certificate is not signed by the CA Berth was given (unknown CA).',
    }));
    const saved: HostInput[] = [];
    berth.answer(IpcChannel.HostsSave, (input) => {
      saved.push(input);
      return makeHost({ engineId: 'host:1', name: input.name });
    });
    render(<HostsPage />, { berth });
    fireEvent.click(await screen.findByRole('button', { name: 'Add host' }));
    const form = await screen.findByRole('dialog');
    fireEvent.change(within(form).getByLabelText(/^Name/), { target: { value: 'tls' } });
    fireEvent.change(within(form).getByLabelText(/^Address/), { target: { value: 'tcp://127.0.0.1:2376' } });
    fireEvent.change(within(form).getByLabelText(/^CA certificate/), { target: { value: '~/certs/ca.pem' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Test and add' }));

    expect(await within(form).findByTestId('host-test-result')).toHaveTextContent('unknown CA');
    expect(saved).toEqual([]);
    fireEvent.click(within(form).getByRole('button', { name: 'Save anyway' }));
    await waitFor(() =>
      expect(saved).toEqual([{ name: 'tls', url: 'tcp://127.0.0.1:2376', tls: { ca: '~/certs/ca.pem' } }]),
    );
  });
});

describe('HostPromptModal', () => {
  it('shows the host key fingerprint and answers "trust" for it', async () => {
    const berth = new FakeBerth();
    berth.answer(IpcChannel.HostsList, () => []);
    berth.answer(IpcChannel.HostsAnswerPrompt, () => undefined);
    render(<HostPromptModal />, { berth });
    berth.emit('hosts:promptRequested', {
      id: 'prompt-1-aaaa',
      kind: 'hostKey',
      hostName: 'rig',
      address: '[127.0.0.1]:2222',
      keyType: 'ssh-ed25519',
      fingerprint: 'SHA256:Zm9vYmFy',
      knownHostsFile: '/root/.ssh/known_hosts',
      otherKeysKnown: false,
    });
    expect(await screen.findByTestId('host-key-fingerprint')).toHaveTextContent(
      'ssh-ed25519 SHA256:Zm9vYmFy',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Trust and connect' }));
    await waitFor(() =>
      expect(berth.callsTo(IpcChannel.HostsAnswerPrompt)).toEqual([[{ id: 'prompt-1-aaaa', accept: true }]]),
    );
    await waitFor(() => expect(screen.queryByTestId('host-key-fingerprint')).not.toBeInTheDocument());
  });

  it('asks for a passphrase, offers to remember it only when a keyring can keep it', async () => {
    const berth = new FakeBerth();
    berth.answer(IpcChannel.HostsList, () => []);
    berth.answer(IpcChannel.HostsAnswerPrompt, () => undefined);
    render(<HostPromptModal />, { berth });
    berth.emit('hosts:promptRequested', {
      id: 'prompt-2-aaaa',
      kind: 'passphrase',
      hostName: 'rig',
      address: 'rig',
      keyFile: '/root/.ssh/id_ed25519',
      retry: true,
      canRemember: true,
    });
    expect(await screen.findByTestId('passphrase-wrong')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Passphrase'), { target: { value: 'open sesame' } });
    fireEvent.click(screen.getByLabelText(/Remember it/));
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    await waitFor(() =>
      expect(berth.callsTo(IpcChannel.HostsAnswerPrompt)).toEqual([
        [{ id: 'prompt-2-aaaa', accept: true, passphrase: 'open sesame', remember: true }],
      ]),
    );
  });
});
