import { describe, expect, it, vi } from 'vitest';

import { defaultSettings, ErrorCode, invokeContract, IpcChannel, IpcError } from '../../../electron/common';
import { type InvokeHandlers, registerInvokeHandlers } from '../../../electron/main/ipc/invoke-router';
import { FakeIpcMain, senderEvent } from '../../mocks/ipc';

/** Volumes, networks, the host and hosts: their services are tested elsewhere. */
const notUnderTest = (): never => {
  throw new IpcError(ErrorCode.Internal, 'not under test');
};

function handlers(overrides: Partial<InvokeHandlers> = {}): InvokeHandlers {
  return {
    [IpcChannel.EnginesList]: () => [],
    [IpcChannel.EnginesReconnect]: () => undefined,
    [IpcChannel.ContainersList]: (engineId) => ({ engineId, revision: 3, items: [] }),
    [IpcChannel.ContainersStart]: () => undefined,
    [IpcChannel.ContainersStop]: () => undefined,
    [IpcChannel.ContainersRestart]: () => undefined,
    [IpcChannel.ContainersPause]: () => undefined,
    [IpcChannel.ContainersUnpause]: () => undefined,
    [IpcChannel.ContainersKill]: () => undefined,
    [IpcChannel.ContainersRename]: () => undefined,
    [IpcChannel.ContainersRemove]: () => undefined,
    [IpcChannel.ContainersRun]: () => {
      throw new IpcError(ErrorCode.Internal, 'not under test');
    },
    [IpcChannel.ContainersWatchStats]: () => undefined,
    [IpcChannel.SettingsGet]: () => defaultSettings,
    [IpcChannel.SettingsSet]: (patch) => ({ ...defaultSettings, ...patch }),
    [IpcChannel.SettingsStoreResets]: () => [],
    [IpcChannel.SettingsDismissStoreResets]: () => undefined,
    [IpcChannel.OpsList]: () => [],
    [IpcChannel.OpsCancel]: () => undefined,
    [IpcChannel.ImagesList]: (engineId) => ({ engineId, revision: 0, items: [] }),
    [IpcChannel.ImagesInspect]: () => {
      throw new IpcError(ErrorCode.NotFound, 'No such image');
    },
    [IpcChannel.ImagesRemove]: () => [],
    [IpcChannel.ImagesTag]: () => undefined,
    [IpcChannel.ImagesPrunePreview]: ({ engineId, mode }) => ({
      engineId,
      mode,
      images: [],
      reclaimableBytes: 0,
    }),
    [IpcChannel.ImagesPrune]: ({ engineId }) => ({ engineId, deleted: [], untagged: [], reclaimedBytes: 0 }),
    [IpcChannel.ImagesPull]: () => {
      throw new IpcError(ErrorCode.EngineUnreachable, 'No engine');
    },
    [IpcChannel.ImagesPush]: () => {
      throw new IpcError(ErrorCode.EngineUnreachable, 'No engine');
    },
    [IpcChannel.ImagesChooseBuildContext]: () => null,
    [IpcChannel.ImagesBuild]: () => {
      throw new IpcError(ErrorCode.Forbidden, 'No folder');
    },
    [IpcChannel.ImagesSave]: () => null,
    [IpcChannel.ImagesLoad]: () => null,
    [IpcChannel.RegistriesList]: () => ({ logins: [], canStoreSecrets: false }),
    [IpcChannel.RegistriesLogin]: () => {
      throw new IpcError(ErrorCode.Forbidden, 'No keyring');
    },
    [IpcChannel.RegistriesLogout]: () => undefined,
    [IpcChannel.ShellOpenExternal]: () => undefined,
    [IpcChannel.ShellOpenLogFile]: () => undefined,
    [IpcChannel.LogsOpen]: () => ({ streamId: 'logs-1-00000000', tty: false }),
    [IpcChannel.LogsClose]: () => undefined,
    [IpcChannel.LogsAck]: () => undefined,
    [IpcChannel.LogsSave]: () => ({ completed: false, bytes: 0 }),
    [IpcChannel.ExecStart]: () => ({ sessionId: 'exec-1-00000000' }),
    [IpcChannel.ExecInput]: () => undefined,
    [IpcChannel.ExecResize]: () => undefined,
    [IpcChannel.ExecClose]: () => undefined,
    [IpcChannel.StatsOpen]: () => ({ streamId: 'stats-1-00000000' }),
    [IpcChannel.StatsClose]: () => undefined,
    [IpcChannel.ContainersInspect]: ({ engineId, id }) => ({
      engineId,
      id,
      name: id,
      tty: false,
      running: false,
      inspect: {},
    }),
    [IpcChannel.ContainersRevealEnv]: () => '',
    [IpcChannel.ContainersTop]: () => ({ titles: [], processes: [] }),
    [IpcChannel.ContainersListFiles]: ({ engineId, id, path }) => ({
      engineId,
      id,
      path,
      entries: [],
      truncated: false,
    }),
    [IpcChannel.ContainersDownload]: () => ({ completed: false, bytes: 0 }),
    [IpcChannel.ContainersUpload]: () => ({ completed: false, bytes: 0 }),
    [IpcChannel.HostsList]: notUnderTest,
    [IpcChannel.HostsSave]: notUnderTest,
    [IpcChannel.HostsRemove]: notUnderTest,
    [IpcChannel.HostsTest]: notUnderTest,
    [IpcChannel.HostsConnect]: notUnderTest,
    [IpcChannel.HostsDisconnect]: notUnderTest,
    [IpcChannel.HostsAnswerPrompt]: notUnderTest,
    [IpcChannel.HostsFileProblem]: () => null,
    [IpcChannel.HostsRetryFile]: () => null,
    [IpcChannel.ComposeTool]: notUnderTest,
    [IpcChannel.SwarmState]: notUnderTest,
    [IpcChannel.SwarmInit]: notUnderTest,
    [IpcChannel.SwarmJoin]: notUnderTest,
    [IpcChannel.SwarmLeave]: notUnderTest,
    [IpcChannel.SwarmJoinTokens]: notUnderTest,
    [IpcChannel.SwarmRotateToken]: notUnderTest,
    [IpcChannel.SwarmNodes]: notUnderTest,
    [IpcChannel.SwarmUpdateNode]: notUnderTest,
    [IpcChannel.SwarmRemoveNode]: notUnderTest,
    [IpcChannel.SwarmServices]: notUnderTest,
    [IpcChannel.SwarmCreateService]: notUnderTest,
    [IpcChannel.SwarmUpdateService]: notUnderTest,
    [IpcChannel.SwarmRollbackService]: notUnderTest,
    [IpcChannel.SwarmRemoveService]: notUnderTest,
    [IpcChannel.SwarmTasks]: notUnderTest,
    [IpcChannel.SwarmStacks]: notUnderTest,
    [IpcChannel.SwarmRemoveStack]: notUnderTest,
    [IpcChannel.SwarmObjects]: notUnderTest,
    [IpcChannel.SwarmCreateObject]: notUnderTest,
    [IpcChannel.SwarmRemoveObject]: notUnderTest,
    [IpcChannel.VolumesList]: notUnderTest,
    [IpcChannel.VolumesSizes]: notUnderTest,
    [IpcChannel.VolumesCreate]: notUnderTest,
    [IpcChannel.VolumesRemove]: notUnderTest,
    [IpcChannel.VolumesPrunePreview]: notUnderTest,
    [IpcChannel.VolumesPrune]: notUnderTest,
    [IpcChannel.VolumesBrowse]: notUnderTest,
    [IpcChannel.VolumesDownload]: notUnderTest,
    [IpcChannel.VolumesExport]: notUnderTest,
    [IpcChannel.VolumesImport]: notUnderTest,
    [IpcChannel.NetworksList]: notUnderTest,
    [IpcChannel.NetworksCreate]: notUnderTest,
    [IpcChannel.NetworksRemove]: notUnderTest,
    [IpcChannel.NetworksPrunePreview]: notUnderTest,
    [IpcChannel.NetworksPrune]: notUnderTest,
    [IpcChannel.NetworksConnect]: notUnderTest,
    [IpcChannel.NetworksDisconnect]: notUnderTest,
    [IpcChannel.SystemInfo]: notUnderTest,
    [IpcChannel.SystemDiskUsage]: notUnderTest,
    [IpcChannel.SystemPrunePreview]: notUnderTest,
    [IpcChannel.SystemPrune]: notUnderTest,
    [IpcChannel.SystemEvents]: notUnderTest,
    ...overrides,
  };
}

function setup(overrides: Partial<InvokeHandlers> = {}, trusted = true) {
  const ipc = new FakeIpcMain();
  const onUnexpectedError = vi.fn();
  const dispose = registerInvokeHandlers(ipc, handlers(overrides), {
    isTrustedSender: () => trusted,
    onUnexpectedError,
  });
  return { ipc, onUnexpectedError, dispose };
}

describe('registerInvokeHandlers', () => {
  it('registers exactly the channels of the contract and removes them again', () => {
    const { ipc, dispose } = setup();
    expect([...ipc.handlers.keys()].sort()).toEqual(Object.keys(invokeContract).sort());
    dispose();
    expect(ipc.handlers.size).toBe(0);
  });

  it('returns the value in an ok envelope for a valid call', async () => {
    const { ipc } = setup();
    await expect(ipc.invoke(IpcChannel.ContainersList, senderEvent(), 'local')).resolves.toEqual({
      ok: true,
      value: { engineId: 'local', revision: 3, items: [] },
    });
  });

  it('refuses an untrusted sender before looking at the payload or calling the service', async () => {
    const start = vi.fn();
    const { ipc } = setup({ [IpcChannel.ContainersStart]: start }, false);
    const result = await ipc.invoke(IpcChannel.ContainersStart, senderEvent(), {
      engineId: 'local',
      id: 'abc',
    });
    expect(result).toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden } });
    expect(start).not.toHaveBeenCalled();
  });

  it.each([
    ['no argument', []],
    ['a number as engine id', [42]],
    ['an empty engine id', ['']],
    ['an extra argument', ['local', 'more']],
  ])('rejects %s with VALIDATION', async (_name, args) => {
    const list = vi.fn();
    const { ipc } = setup({ [IpcChannel.ContainersList]: list });
    const result = await ipc.invoke(IpcChannel.ContainersList, senderEvent(), ...args);
    expect(result).toMatchObject({ ok: false, error: { code: ErrorCode.Validation } });
    expect(list).not.toHaveBeenCalled();
  });

  it.each([
    ['a path traversal id', { engineId: 'local', id: '../../etc' }],
    ['an unknown field', { engineId: 'local', id: 'abc', force: true }],
    ['a negative timeout', { engineId: 'local', id: 'abc', timeoutSeconds: -1 }],
  ])('validates container refs: %s', async (_name, ref) => {
    const { ipc } = setup();
    const result = await ipc.invoke(IpcChannel.ContainersStop, senderEvent(), ref);
    expect(result).toMatchObject({ ok: false, error: { code: ErrorCode.Validation } });
  });

  it('passes the code and message of an IpcError through', async () => {
    const { ipc, onUnexpectedError } = setup({
      [IpcChannel.ContainersStart]: () => {
        throw new IpcError(ErrorCode.NotFound, 'No such container: abc');
      },
    });
    const result = await ipc.invoke(IpcChannel.ContainersStart, senderEvent(), {
      engineId: 'local',
      id: 'abc',
    });
    expect(result).toEqual({
      ok: false,
      error: { code: ErrorCode.NotFound, message: 'No such container: abc' },
    });
    expect(onUnexpectedError).not.toHaveBeenCalled();
  });

  it('hides the details of an unexpected error from the renderer but reports it', async () => {
    const secret = new Error('password=hunter2');
    const { ipc, onUnexpectedError } = setup({
      [IpcChannel.SettingsGet]: () => {
        throw secret;
      },
    });
    const result = await ipc.invoke(IpcChannel.SettingsGet, senderEvent());
    expect(result).toMatchObject({ ok: false, error: { code: ErrorCode.Internal } });
    expect(JSON.stringify(result)).not.toContain('hunter2');
    expect(onUnexpectedError).toHaveBeenCalledWith(IpcChannel.SettingsGet, secret);
  });

  it('rejects a settings patch with an unknown key or a wrong type', async () => {
    const { ipc } = setup();
    for (const patch of [{ theme: 'neon' }, { closeToTray: 'yes' }, { token: 'x' }]) {
      const result = await ipc.invoke(IpcChannel.SettingsSet, senderEvent(), patch);
      expect(result).toMatchObject({ ok: false, error: { code: ErrorCode.Validation } });
    }
  });

  it('never throws and never leaves a rejection, whatever the payload', async () => {
    const { ipc } = setup();
    const junk: unknown[] = [
      undefined,
      null,
      0,
      -1,
      'x'.repeat(10_000),
      {},
      [],
      { __proto__: { id: 1 } },
      new Date(),
      NaN,
    ];
    for (const channel of Object.keys(invokeContract)) {
      for (const value of junk) {
        const result = (await ipc.invoke(channel, senderEvent(), value)) as { ok: boolean };
        expect(typeof result.ok).toBe('boolean');
      }
    }
  });
});
