import {
  Alert,
  Button,
  Checkbox,
  Code,
  Group,
  Modal,
  PasswordInput,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconAlertTriangle, IconKey, IconLogin } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';

import type { HostPrompt } from '../../../electron/common/bridge';
import { useHostActions, useHosts } from './use-hosts';

function HostKeyQuestion({ prompt }: { prompt: Extract<HostPrompt, { kind: 'hostKey' }> }) {
  const { answerPrompt } = useHostActions();
  return (
    <Stack gap="sm">
      <Text size="sm">
        Berth has not connected to <b>{prompt.address}</b> ({prompt.hostName}) before. Its SSH host key is:
      </Text>
      <Code block data-testid="host-key-fingerprint">
        {prompt.keyType} {prompt.fingerprint}
      </Code>
      <Text size="sm" c="dimmed">
        Compare it with the one the host’s administrator gives you (for example `ssh-keygen -lf
        /etc/ssh/ssh_host_{prompt.keyType.replace(/^ssh-/, '')}_key.pub` on the host). If you trust it, it is
        added to {prompt.knownHostsFile}, as ssh would.
      </Text>
      {prompt.otherKeysKnown && (
        <Alert color="orange" icon={<IconAlertTriangle size={18} aria-hidden />}>
          Keys of another type are already known for this host. A new type is usually harmless (an upgraded
          server), but check the fingerprint.
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={() => void answerPrompt({ id: prompt.id, accept: false })}>
          Do not connect
        </Button>
        <Button onClick={() => void answerPrompt({ id: prompt.id, accept: true })}>Trust and connect</Button>
      </Group>
    </Stack>
  );
}

function PassphraseQuestion({ prompt }: { prompt: Extract<HostPrompt, { kind: 'passphrase' }> }) {
  const { answerPrompt } = useHostActions();
  const [passphrase, setPassphrase] = useState('');
  const [remember, setRemember] = useState(false);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void answerPrompt({ id: prompt.id, accept: true, passphrase, remember: remember && prompt.canRemember });
  };
  return (
    <form onSubmit={onSubmit}>
      <Stack gap="sm">
        <Text size="sm">
          The key <Code>{prompt.keyFile}</Code> for {prompt.hostName} ({prompt.address}) is protected by a
          passphrase.
        </Text>
        {prompt.retry && (
          <Alert color="red" data-testid="passphrase-wrong">
            That passphrase did not unlock the key. Try again.
          </Alert>
        )}
        <PasswordInput
          label="Passphrase"
          autoFocus
          autoComplete="off"
          value={passphrase}
          onChange={(event) => setPassphrase(event.currentTarget.value)}
        />
        {prompt.canRemember ? (
          <Checkbox
            label="Remember it (encrypted by the system keyring)"
            checked={remember}
            onChange={(event) => setRemember(event.currentTarget.checked)}
          />
        ) : (
          <Text size="xs" c="dimmed">
            Berth asks every time: no system keyring is available to keep it safely.
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => void answerPrompt({ id: prompt.id, accept: false })}>
            Skip this key
          </Button>
          <Button type="submit" leftSection={<IconKey size={16} aria-hidden />}>
            Unlock
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * A login password, or the server's keyboard-interactive questions (its title and instructions shown as plain
 * text). The answers live in this form's state only and go to main once, on submit.
 */
function PasswordQuestion({ prompt }: { prompt: Extract<HostPrompt, { kind: 'password' }> }) {
  const { answerPrompt } = useHostActions();
  const [responses, setResponses] = useState(() => prompt.fields.map(() => ''));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void answerPrompt({ id: prompt.id, accept: true, responses });
  };
  const setResponse = (index: number, value: string) =>
    setResponses((current) => current.map((old, at) => (at === index ? value : old)));
  return (
    <form onSubmit={onSubmit}>
      <Stack gap="sm">
        <Text size="sm">
          {prompt.method === 'password'
            ? `The SSH server of ${prompt.hostName} asks for the password of `
            : `The SSH server of ${prompt.hostName} asks to log in `}
          <b>{prompt.address}</b>
          {prompt.method === 'password' ? '.' : ' (keyboard-interactive).'} Berth sends it only to that server
          and does not keep it.
        </Text>
        {prompt.title !== undefined && (
          <Text size="sm" fw={600} data-testid="password-title">
            {prompt.title}
          </Text>
        )}
        {prompt.instructions !== undefined && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="password-instructions">
            {prompt.instructions}
          </Text>
        )}
        {prompt.retry && (
          <Alert color="red" data-testid="password-wrong">
            The server refused that answer.{' '}
            {prompt.attemptsLeft === 0
              ? 'This is the last try.'
              : `${prompt.attemptsLeft + 1} tries left, this one included.`}
          </Alert>
        )}
        {prompt.fields.map((field, index) => {
          const props = {
            label: field.label,
            autoFocus: index === 0,
            autoComplete: 'off',
            value: responses[index] ?? '',
            onChange: (event: { currentTarget: { value: string } }) =>
              setResponse(index, event.currentTarget.value),
          };
          return field.echo ? <TextInput key={index} {...props} /> : <PasswordInput key={index} {...props} />;
        })}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => void answerPrompt({ id: prompt.id, accept: false })}>
            Cancel
          </Button>
          <Button type="submit" leftSection={<IconLogin size={16} aria-hidden />}>
            Log in
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const titles: Record<HostPrompt['kind'], string> = {
  hostKey: 'Trust this SSH host?',
  passphrase: 'Unlock an SSH key',
  password: 'SSH login',
};

/** Shows the oldest question main is waiting on (host key, key passphrase, login password), one at a time. */
export function HostPromptModal() {
  const { prompts } = useHosts();
  const { answerPrompt } = useHostActions();
  const prompt = prompts[0];
  return (
    <Modal
      opened={prompt !== undefined}
      onClose={() => {
        if (prompt !== undefined) void answerPrompt({ id: prompt.id, accept: false });
      }}
      title={prompt !== undefined ? titles[prompt.kind] : undefined}
      data-testid="host-prompt"
      size="lg"
      // Above any other dialog: a question can come while the host form (or anything else) is open.
      zIndex={1000}
    >
      {prompt?.kind === 'hostKey' && <HostKeyQuestion key={prompt.id} prompt={prompt} />}
      {prompt?.kind === 'passphrase' && <PassphraseQuestion key={prompt.id} prompt={prompt} />}
      {prompt?.kind === 'password' && <PasswordQuestion key={prompt.id} prompt={prompt} />}
    </Modal>
  );
}
