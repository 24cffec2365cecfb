import { Alert, Modal, Stack, Text, Title } from '@mantine/core';

import { type HostChoice, useHostChoice } from '../../components/HostPicker/HostPicker';
import { useRegistries, useRegistryActions } from '../../stores/hooks';
import { RegistryLoginForm, useLoginForm } from './RegistryLoginForm';
import { RegistryLogins } from './RegistryLogins';

interface RegistriesModalProps {
  opened: boolean;
  onClose: () => void;
  /** The engine whose daemon checks a login against the registry (a picker under "All hosts"). */
  host: HostChoice;
}

/**
 * Registry logins: who Berth is logged in as where, from Berth's own encrypted store or the docker CLI's config.
 * Logging in checks the password with the registry before it is stored; the password field is cleared as soon
 * as it was sent and is never shown again.
 */
export function RegistriesModal({ opened, onClose, host }: RegistriesModalProps) {
  const { engineId, setEngineId } = useHostChoice(host, opened);
  const { phase, list, error } = useRegistries();
  const { logout } = useRegistryActions();
  const form = useLoginForm(opened, engineId);
  const logins = list?.logins ?? [];

  return (
    <Modal opened={opened} onClose={onClose} title="Registries" size="lg" data-testid="registries-modal">
      <Stack gap="md">
        {phase === 'failed' && error !== undefined && <Alert color="red">{error.message}</Alert>}
        {logins.length === 0 ? (
          <Text size="sm" c="dimmed">
            {phase === 'ready' ? 'No registry logins yet.' : 'Loading…'}
          </Text>
        ) : (
          <RegistryLogins logins={logins} onLogout={(registry) => void logout(registry)} />
        )}
        {list?.dockerConfigProblem !== undefined && (
          <Alert color="yellow" title="The docker CLI's credentials could not be read">
            {list.dockerConfigProblem}
          </Alert>
        )}

        <Title order={4}>Log in</Title>
        {list !== undefined && !list.canStoreSecrets ? (
          <Alert color="orange" title="Berth cannot store passwords here" data-testid="no-keyring">
            {list.storageProblem}
          </Alert>
        ) : (
          <RegistryLoginForm form={form} host={host} engineId={engineId} onEngineChange={setEngineId} />
        )}
      </Stack>
    </Modal>
  );
}
