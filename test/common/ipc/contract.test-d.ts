import { describe, expectTypeOf, it } from 'vitest';

import type {
  BerthApi,
  BerthBridge,
  ContainerListSnapshot,
  ContainersChange,
  EngineInfo,
  InvokeArgs,
  InvokeResult,
  IpcChannel,
  IpcEnvelope,
  IpcEvent,
  IpcEventMap,
  Settings,
} from '../../../electron/common';

describe('contract types', () => {
  it('pins the arguments and results of every channel', () => {
    expectTypeOf<InvokeArgs<typeof IpcChannel.EnginesList>>().toEqualTypeOf<[]>();
    expectTypeOf<InvokeResult<typeof IpcChannel.EnginesList>>().toEqualTypeOf<EngineInfo[]>();
    expectTypeOf<InvokeArgs<typeof IpcChannel.ContainersList>>().toEqualTypeOf<[string]>();
    expectTypeOf<InvokeResult<typeof IpcChannel.ContainersList>>().toEqualTypeOf<ContainerListSnapshot>();
    expectTypeOf<InvokeArgs<typeof IpcChannel.ContainersStop>>().toEqualTypeOf<
      [{ engineId: string; id: string; timeoutSeconds?: number | undefined }]
    >();
    expectTypeOf<InvokeArgs<typeof IpcChannel.ContainersRemove>>().toEqualTypeOf<
      [{ engineId: string; id: string; force?: boolean | undefined; removeVolumes?: boolean | undefined }]
    >();
    expectTypeOf<InvokeResult<typeof IpcChannel.ContainersStart>>().toEqualTypeOf<void>();
    expectTypeOf<InvokeResult<typeof IpcChannel.SettingsSet>>().toEqualTypeOf<Settings>();
  });

  it('pins the event payloads', () => {
    expectTypeOf<IpcEventMap[typeof IpcEvent.ContainersChanged]>().toEqualTypeOf<ContainersChange>();
    expectTypeOf<IpcEventMap[typeof IpcEvent.EngineStatusChanged]>().toEqualTypeOf<EngineInfo>();
  });

  it('derives the bridge and the renderer API from the contract', () => {
    expectTypeOf<BerthBridge['containers']['list']>().toEqualTypeOf<
      (engineId: string) => Promise<IpcEnvelope<ContainerListSnapshot>>
    >();
    expectTypeOf<BerthApi['containers']['list']>().toEqualTypeOf<
      (engineId: string) => Promise<ContainerListSnapshot>
    >();
    expectTypeOf<BerthApi['engines']['list']>().toEqualTypeOf<() => Promise<EngineInfo[]>>();
    // Subset pins: a domain or event that disappears or is renamed fails here; new ones need no edit.
    expectTypeOf<'engines' | 'containers' | 'settings' | 'ops' | 'events'>().toMatchTypeOf<keyof BerthApi>();
    type EventNames = Parameters<BerthApi['events']['on']>[0];
    expectTypeOf<
      | 'engines:statusChanged'
      | 'containers:changed'
      | 'containers:statsSampled'
      | 'settings:changed'
      | 'ui:commandRequested'
      | 'ops:updated'
    >().toMatchTypeOf<EventNames>();
  });
});
