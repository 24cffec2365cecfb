import { describe, expect, it, vi } from 'vitest';

import { ErrorCode, type HostPrompt, IpcChannel } from '../../../../electron/common';
import { effectiveSelection } from '../../../../renderer/features/hosts/host-selection';
import { createHostsStore } from '../../../../renderer/features/hosts/hosts-store';
import { FakeBerth } from '../../support/fake-bridge';
import { makeEngine } from '../../support/fixtures';
import { makeHost } from '../../support/host-fixtures';
import { waitForStore } from '../../support/wait-for-store';

const hostKeyPrompt: HostPrompt = {
  id: 'prompt-1-abcd',
  kind: 'hostKey',
  hostName: 'build',
  address: '[127.0.0.1]:2222',
  keyType: 'ssh-ed25519',
  fingerprint: 'SHA256:abc',
  knownHostsFile: '/home/ada/.ssh/known_hosts',
  otherKeysKnown: false,
};

describe('hosts store', () => {
  it('lists the hosts, keeps their counts through hosts:changed and lists again for fresh ones', async () => {
    const berth = new FakeBerth();
    let counts = 1;
    berth.answer(IpcChannel.HostsList, () => [
      makeHost({ counts: { containers: counts, running: 0, images: 2 } }),
    ]);
    const store = createHostsStore(berth.api, vi.fn());
    store.start();
    await waitForStore(store, (state) => state.phase === 'ready');
    expect(store.getSnapshot().hosts[0]?.counts?.containers).toBe(1);

    counts = 5;
    berth.emit('hosts:changed', [makeHost({ name: 'Renamed' })]);
    // At once: the new configuration with the counts it had…
    expect(store.getSnapshot().hosts[0]).toMatchObject({ name: 'Renamed', counts: { containers: 1 } });
    // …then the list that followed brings fresh counts.
    await waitForStore(store, (state) => state.hosts[0]?.counts?.containers === 5);
    store.dispose();
  });

  it('lists again when an engine (re)connects, not on every latency update', async () => {
    const berth = new FakeBerth([makeEngine()]);
    berth.answer(IpcChannel.HostsList, () => [makeHost()]);
    const store = createHostsStore(berth.api, vi.fn());
    store.start();
    await waitForStore(store, (state) => state.phase === 'ready');
    const before = berth.callsTo(IpcChannel.HostsList).length;

    berth.setStatus('local', { state: 'connected', latencyMs: 3 });
    berth.setStatus('local', { state: 'connected', latencyMs: 4 });
    await waitForStore(store, () => berth.callsTo(IpcChannel.HostsList).length === before + 1);
    berth.setStatus('local', { state: 'unreachable', lastError: 'gone' });
    berth.setStatus('local', { state: 'connected' });
    await waitForStore(store, () => berth.callsTo(IpcChannel.HostsList).length === before + 2);
    store.dispose();
  });

  it('queues prompts once each, drops them when closed or answered, and sends the answer', async () => {
    const berth = new FakeBerth();
    berth.answer(IpcChannel.HostsList, () => []);
    const answers: unknown[] = [];
    berth.answer(IpcChannel.HostsAnswerPrompt, (answer) => {
      answers.push(answer);
    });
    const store = createHostsStore(berth.api, vi.fn());
    store.start();
    const second: HostPrompt = { ...hostKeyPrompt, id: 'prompt-2-abcd' };
    berth.emit('hosts:promptRequested', hostKeyPrompt);
    berth.emit('hosts:promptRequested', hostKeyPrompt);
    berth.emit('hosts:promptRequested', second);
    expect(store.getSnapshot().prompts.map((prompt) => prompt.id)).toEqual([
      'prompt-1-abcd',
      'prompt-2-abcd',
    ]);

    await store.answerPrompt({ id: 'prompt-1-abcd', accept: true });
    expect(answers).toEqual([{ id: 'prompt-1-abcd', accept: true }]);
    expect(store.getSnapshot().prompts.map((prompt) => prompt.id)).toEqual(['prompt-2-abcd']);
    berth.emit('hosts:promptClosed', { id: 'prompt-2-abcd' });
    expect(store.getSnapshot().prompts).toEqual([]);
    store.dispose();
  });

  it('reports a failed connect; save and test throw so a form can say why', async () => {
    const berth = new FakeBerth();
    berth.answer(IpcChannel.HostsList, () => [makeHost({ engineId: 'host:1', name: 'build' })]);
    const reportError = vi.fn();
    const store = createHostsStore(berth.api, reportError);
    store.start();
    await waitForStore(store, (state) => state.phase === 'ready');
    berth.failNext(IpcChannel.HostsConnect, {
      code: ErrorCode.NotFound,
      message: 'There is no host host:1.',
    });
    expect(await store.connect('host:1')).toBe(false);
    expect(reportError).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'There is no host host:1.' }),
      'Could not connect build',
    );
    berth.failNext(IpcChannel.HostsSave, { code: ErrorCode.Validation, message: 'A host needs a name.' });
    await expect(store.save({ name: '', url: 'ssh://x' })).rejects.toMatchObject({
      code: ErrorCode.Validation,
      message: 'A host needs a name.',
    });
    store.dispose();
  });
});

describe('effectiveSelection', () => {
  it.each<[string | undefined, string[], string | undefined, string]>([
    ['all', ['local'], undefined, 'all'],
    ['host:1', ['local', 'host:1'], 'local', 'host:1'],
    ['host:gone', ['local', 'context:prod'], 'context:prod', 'context:prod'],
    [undefined, ['local', 'context:prod'], 'context:prod', 'context:prod'],
    ['host:gone', ['local'], undefined, 'local'],
    [undefined, [], undefined, 'local'],
  ])('chosen %s among %j (current %s) → %s', (chosen, ids, current, expected) => {
    expect(effectiveSelection(chosen, ids, current)).toBe(expected);
  });
});
