import { ActionIcon } from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';

import type { NetworkAttachment } from '../../../electron/common/bridge';
import type { NetworksStore } from './networks-store';

interface DisconnectButtonProps {
  store: NetworksStore;
  networkId: string;
  attachment: Pick<NetworkAttachment, 'containerId' | 'state'>;
  label: string;
}

/** Disconnects a container from a network (from either side: the network's details, the container's tab). */
export function DisconnectButton({ store, networkId, attachment, label }: DisconnectButtonProps) {
  return (
    <ActionIcon
      variant="subtle"
      color="orange"
      aria-label={label}
      onClick={() =>
        void store.disconnect({
          network: networkId,
          container: attachment.containerId,
          // A stopped container has no endpoint; only force removes its configuration.
          force: attachment.state !== 'running',
        })
      }
    >
      <IconPlugConnectedX size={16} aria-hidden />
    </ActionIcon>
  );
}
