import { Alert } from '@mantine/core';
import { useMemo, useRef } from 'react';

import type { ContainerSummary } from '../../../electron/common/bridge';
import { ConfirmActionModal, type ConfirmRequest } from './ConfirmActionModal';
import type { RemoveOptions } from './containers-store';
import { removeNeedsForce } from './presentation';

interface RemoveContainerModalProps {
  /** The container to remove; `null` keeps the modal closed. */
  container: ContainerSummary | null;
  /** All hosts: the container's host, named in the title (the same name can be on two hosts). */
  host?: string;
  onCancel: () => void;
  onConfirm: (container: ContainerSummary, options: RemoveOptions) => void;
}

/**
 * Asks before removing a container and says what will be lost. A container that is not stopped can only
 * be force-removed, and the modal says that this kills it.
 */
export function RemoveContainerModal({ container, host, onCancel, onConfirm }: RemoveContainerModalProps) {
  // The container being confirmed, kept while the modal animates closed.
  const last = useRef(container);
  if (container !== null) last.current = container;
  const request = useMemo((): ConfirmRequest | null => {
    if (container === null) return null;
    const force = removeNeedsForce(container.state);
    return {
      title: `Remove container ${container.name}${host === undefined ? '' : ` on ${host}`}?`,
      body: (
        <>
          Removing <strong>{container.name}</strong> deletes everything written inside it that is not on a
          volume, and its logs. This cannot be undone. Its image and named volumes are kept.
        </>
      ),
      ...(force
        ? {
            warning: (
              <Alert color="orange" title={`${container.name} is ${container.state}`}>
                It will be killed without a graceful stop, then removed.
              </Alert>
            ),
          }
        : {}),
      confirmLabel: force ? 'Force remove' : 'Remove',
      offerVolumes: 'its',
      testId: 'remove-container-modal',
    };
  }, [container, host]);
  return (
    <ConfirmActionModal
      request={request}
      onCancel={onCancel}
      onConfirm={({ removeVolumes }) => {
        const shown = last.current;
        if (shown !== null) onConfirm(shown, { force: removeNeedsForce(shown.state), removeVolumes });
      }}
    />
  );
}
