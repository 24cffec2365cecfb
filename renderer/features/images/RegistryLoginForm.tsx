import { Alert, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';

import type { EngineId, IpcError, RegistryLogin } from '../../../electron/common/bridge';
import { FormActions, FormFailure } from '../../components/FormActions/FormActions';
import { type HostChoice, HostPicker } from '../../components/HostPicker/HostPicker';
import { toIpcError } from '../../lib/api';
import { useRegistryActions } from '../../stores/hooks';
import { registryName } from './RegistryLogins';

interface LoginFormState {
  registry: string;
  setRegistry: (value: string) => void;
  username: string;
  setUsername: (value: string) => void;
  password: string;
  setPassword: (value: string) => void;
  failure: IpcError | undefined;
  done: RegistryLogin | undefined;
  busy: boolean;
  submit: (event: FormEvent) => Promise<void>;
}

/**
 * The login form's state, kept by the dialog (the registry and user stay between openings). The password is
 * cleared on each opening and as soon as it was sent.
 */
export function useLoginForm(opened: boolean, engineId: EngineId): LoginFormState {
  const { login, refresh } = useRegistryActions();
  const [registry, setRegistry] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<IpcError | undefined>();
  const [done, setDone] = useState<RegistryLogin | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!opened) return;
    setFailure(undefined);
    setDone(undefined);
    setPassword('');
    void refresh();
  }, [opened, refresh]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (username.trim() === '' || password === '') return;
    const secret = password;
    // The password is not kept in the form once it has been handed to main.
    setPassword('');
    setBusy(true);
    setFailure(undefined);
    setDone(undefined);
    try {
      setDone(
        await login({ engineId, registry: registry.trim(), username: username.trim(), password: secret }),
      );
    } catch (caught) {
      setFailure(toIpcError(caught));
    } finally {
      setBusy(false);
    }
  };

  return { registry, setRegistry, username, setUsername, password, setPassword, failure, done, busy, submit };
}

/** Logs in on a registry, checked by the picked host's daemon. */
export function RegistryLoginForm({
  form,
  host,
  engineId,
  onEngineChange,
}: {
  form: LoginFormState;
  host: HostChoice;
  engineId: EngineId;
  onEngineChange: (engineId: EngineId) => void;
}) {
  return (
    <form onSubmit={(event) => void form.submit(event)} noValidate>
      <Stack gap="sm">
        <HostPicker
          choice={host}
          value={engineId}
          onChange={onEngineChange}
          description="Its daemon checks the login with the registry"
        />
        <TextInput
          label="Registry"
          placeholder="registry.example.com:5000 (empty for Docker Hub)"
          value={form.registry}
          onChange={(event) => form.setRegistry(event.currentTarget.value)}
          autoComplete="off"
          spellCheck={false}
        />
        <TextInput
          label="User name"
          value={form.username}
          onChange={(event) => form.setUsername(event.currentTarget.value)}
          autoComplete="username"
          spellCheck={false}
        />
        <PasswordInput
          label="Password or access token"
          value={form.password}
          onChange={(event) => form.setPassword(event.currentTarget.value)}
          autoComplete="current-password"
        />
        <Text size="xs" c="dimmed">
          Berth checks the login with the registry, then keeps it encrypted with your system keyring. It is
          used for pulls and pushes and never shown again.
        </Text>
        <FormFailure failure={form.failure} title="Login failed" testId="login-error" />
        {form.done !== undefined && (
          <Alert color="green" data-testid="login-done">
            Logged in to {registryName(form.done.registry)} as {form.done.username}.
          </Alert>
        )}
        <FormActions
          submit="Log in"
          busy={form.busy}
          disabled={form.username.trim() === '' || form.password === ''}
        />
      </Stack>
    </form>
  );
}
