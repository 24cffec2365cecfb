import { IpcChannel } from '../../common';
import type { HostsChannel } from '../../common/ipc/hosts/channels';
import type { HostsService } from '../hosts/hosts-service';
import type { InvokeHandlers } from './invoke-router';

type HostsChannelName = (typeof HostsChannel)[keyof typeof HostsChannel];

/** The handlers of the `hosts:*` channels, spread into the handler map. */
export function createHostsHandlers(hosts: HostsService): Pick<InvokeHandlers, HostsChannelName> {
  return {
    [IpcChannel.HostsList]: () => hosts.list(),
    [IpcChannel.HostsSave]: (input) => hosts.save(input),
    [IpcChannel.HostsRemove]: (engineId) => hosts.remove(engineId),
    [IpcChannel.HostsTest]: (input) => hosts.test(input),
    [IpcChannel.HostsConnect]: (engineId) => hosts.connect(engineId),
    [IpcChannel.HostsDisconnect]: (engineId) => hosts.disconnect(engineId),
    [IpcChannel.HostsAnswerPrompt]: (answer) => hosts.answerPrompt(answer),
    [IpcChannel.HostsFileProblem]: () => hosts.fileProblem() ?? null,
    [IpcChannel.HostsRetryFile]: async () => (await hosts.retryFile()) ?? null,
  };
}
