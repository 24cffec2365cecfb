import {
  Autocomplete,
  Button,
  Code,
  Group,
  NumberInput,
  Select,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconCopy } from '@tabler/icons-react';

import type { RestartPolicyName } from '../../../../electron/common/bridge';
import classes from '../RunContainerDialog.module.css';
import type { RunFormFieldsState } from './use-run-form';

const RESTART_POLICIES: Array<{ value: RestartPolicyName; label: string }> = [
  { value: 'no', label: 'Never (no)' },
  { value: 'on-failure', label: 'On failure' },
  { value: 'unless-stopped', label: 'Unless stopped' },
  { value: 'always', label: 'Always' },
];
const NETWORKS = ['bridge', 'host', 'none'];

/** What runs: image, name, command and environment. */
export function ImageAndCommandFields({ form, errorOf, update }: RunFormFieldsState) {
  return (
    <>
      <TextInput
        label="Image"
        description="Used as is when the engine has it; pulled from its registry otherwise."
        placeholder="nginx:latest or registry.example.com:5000/team/web:1.2"
        required
        data-autofocus
        value={form.image}
        error={errorOf('image')}
        onChange={(event) => update({ image: event.currentTarget.value }, 'image')}
      />
      <Group grow align="flex-start">
        <TextInput
          label="Name"
          placeholder="Picked by Docker when empty"
          value={form.name}
          error={errorOf('name')}
          onChange={(event) => update({ name: event.currentTarget.value }, 'name')}
        />
        <TextInput
          label="Command and arguments"
          placeholder="The image’s own when empty, e.g. sh -c 'echo hello'"
          value={form.command}
          error={errorOf('command')}
          onChange={(event) => update({ command: event.currentTarget.value }, 'command')}
        />
      </Group>
      <Textarea
        label="Environment variables"
        description="KEY=value, one per line"
        placeholder={'MODE=production\nPORT=8080'}
        rows={3}
        resize="vertical"
        value={form.env}
        error={errorOf('env')}
        onChange={(event) => update({ env: event.currentTarget.value }, 'env')}
      />
    </>
  );
}

/** How it runs: network, restart policy, `--rm` and `-it`. */
export function RuntimeFields({ form, errorOf, update }: RunFormFieldsState) {
  return (
    <>
      <Group grow align="flex-start">
        <Autocomplete
          label="Network"
          placeholder="The engine’s default"
          data={NETWORKS}
          value={form.network}
          error={errorOf('network')}
          onChange={(value) => update({ network: value }, 'network')}
        />
        <Select
          label="Restart policy"
          data={RESTART_POLICIES}
          allowDeselect={false}
          value={form.restart}
          error={errorOf('restart')}
          onChange={(value) => update({ restart: value ?? 'no' }, 'restart')}
        />
        {form.restart === 'on-failure' && (
          <NumberInput
            label="Give up after"
            placeholder="Never"
            suffix=" restarts"
            min={0}
            allowDecimal={false}
            value={form.maxRetries}
            onChange={(value) => update({ maxRetries: String(value) }, 'restart')}
          />
        )}
      </Group>
      <Group>
        <Switch
          label="Remove it when it exits (--rm)"
          checked={form.autoRemove}
          error={errorOf('autoRemove')}
          onChange={(event) => update({ autoRemove: event.currentTarget.checked }, 'autoRemove')}
        />
        <Switch
          label="Interactive, with a terminal (-it)"
          checked={form.interactiveTty}
          onChange={(event) => update({ interactiveTty: event.currentTarget.checked })}
        />
      </Group>
    </>
  );
}

/** The equivalent `docker run` command line, to copy; a hint while the form has problems. */
export function RunCommand({
  command,
  copied,
  onCopy,
}: {
  command: string | undefined;
  copied: boolean;
  onCopy: () => void;
}) {
  return (
    <div className={classes.command}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" fw={600}>
          The same with the docker CLI
        </Text>
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconCopy size={14} aria-hidden />}
          disabled={command === undefined}
          onClick={onCopy}
        >
          {copied ? 'Copied' : 'Copy'}
        </Button>
      </Group>
      {command === undefined ? (
        <Text size="xs" c="dimmed">
          Fill in a valid image and fix the highlighted fields to see the command.
        </Text>
      ) : (
        <Code block data-testid="run-command">
          {command}
        </Code>
      )}
    </div>
  );
}
