import {
  ActionIcon,
  Alert,
  Autocomplete,
  Button,
  Code,
  Fieldset,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconCopy, IconPlus, IconX } from '@tabler/icons-react';
import { type FormEvent, type ReactNode, useEffect, useMemo, useState } from 'react';

import {
  dockerRunCommand,
  type EngineId,
  type IpcError,
  type IpcErrorData,
  type OperationSummary,
  type PortProtocol,
  type RestartPolicyName,
  type RunSpec,
} from '../../../electron/common/bridge';
import { type HostChoice, HostPicker, useHostChoice } from '../../components/HostPicker/HostPicker';
import { OperationProgress } from '../../components/OperationProgress/OperationProgress';
import { copyText } from '../../lib/clipboard';
import type { OperationEntry } from '../../stores/operations';
import {
  emptyMountRow,
  emptyPortRow,
  emptyRunForm,
  fieldOfRunError,
  formToSpec,
  type MountRow,
  type PortRow,
  type RunForm,
} from './run-form';
import classes from './RunContainerDialog.module.css';

export interface RunContainerDialogProps {
  opened: boolean;
  /** The host it runs on, unless `hosts` offers a choice. */
  engineId: EngineId;
  /** All hosts: the hosts to choose from (connected ones) and the one offered first, shown as a picker. */
  hosts?: HostChoice;
  /** Prefills the image (the images page's "Run"). */
  initialImage?: string;
  onClose: () => void;
  /** Asks main to run it; resolves with the operation or with why it was refused. */
  onRun: (spec: RunSpec) => Promise<{ operation: OperationSummary } | { error: IpcError }>;
  /** The operation's live state, from the task list (by id). */
  operationOf: (id: string) => OperationEntry | undefined;
  onCancelOperation: (id: string) => void;
  /** The container is running on `engineId`: the page opens its logs. */
  onStarted: (containerId: string, engineId: EngineId) => void;
}

const RESTART_POLICIES: Array<{ value: RestartPolicyName; label: string }> = [
  { value: 'no', label: 'Never (no)' },
  { value: 'on-failure', label: 'On failure' },
  { value: 'unless-stopped', label: 'Unless stopped' },
  { value: 'always', label: 'Always' },
];
const PROTOCOLS: PortProtocol[] = ['tcp', 'udp', 'sctp'];
const NETWORKS = ['bridge', 'host', 'none'];

interface RowsFieldsetProps<R> {
  legend: string;
  /** Names a row in its remove button: `Remove port 2`. */
  noun: string;
  addLabel: string;
  rowTestId: string;
  /** A problem of the list as a whole. */
  error: string | undefined;
  errorTestId?: string;
  rows: readonly R[];
  onChange: (rows: R[]) => void;
  onAdd: () => R;
  renderRow: (row: R, index: number) => ReactNode;
}

/** A fieldset of repeatable rows (ports, mounts): each with its remove button, the list's error, and "Add". */
function RowsFieldset<R>({
  legend,
  noun,
  addLabel,
  rowTestId,
  error,
  errorTestId,
  rows,
  onChange,
  onAdd,
  renderRow,
}: RowsFieldsetProps<R>) {
  return (
    <Fieldset legend={legend} className={classes.fieldset}>
      <Stack gap="xs">
        {rows.map((row, index) => (
          <Group key={index} gap="xs" align="flex-start" wrap="nowrap" data-testid={rowTestId}>
            {renderRow(row, index)}
            <ActionIcon
              aria-label={`Remove ${noun} ${index + 1}`}
              className={classes.removeRow}
              onClick={() => onChange(rows.filter((_, at) => at !== index))}
            >
              <IconX size={16} aria-hidden />
            </ActionIcon>
          </Group>
        ))}
        {error !== undefined && (
          <Text size="xs" c="red" data-testid={errorTestId}>
            {error}
          </Text>
        )}
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconPlus size={14} aria-hidden />}
          className={classes.addButton}
          onClick={() => onChange([...rows, onAdd()])}
        >
          {addLabel}
        </Button>
      </Stack>
    </Fieldset>
  );
}

/**
 * `docker run` as a dialog: image, name, command, environment, ports, mounts, network, restart policy, `--rm`
 * and `-it`, each checked as it is typed with the same rules main applies, and the equivalent command line to
 * copy. Running shows the pull (per layer and overall) and the create/start steps; on success the page opens
 * the container's logs, on failure the form comes back with the field to change highlighted.
 */
export function RunContainerDialog({
  opened,
  engineId: initialEngineId,
  hosts,
  initialImage,
  onClose,
  onRun,
  operationOf,
  onCancelOperation,
  onStarted,
}: RunContainerDialogProps) {
  const [form, setForm] = useState<RunForm>(() => emptyRunForm(initialImage));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [refusal, setRefusal] = useState<IpcError | undefined>();
  const [started, setStarted] = useState<OperationSummary | undefined>();
  const [showProgress, setShowProgress] = useState(false);
  const [copied, setCopied] = useState(false);
  const [sending, setSending] = useState(false);
  const single = useMemo(
    (): HostChoice => ({ engineIds: [initialEngineId], hostName: (id) => id, initial: initialEngineId }),
    [initialEngineId],
  );
  const { engineId, setEngineId } = useHostChoice(hosts ?? single, opened);

  // A new opening starts from a clean form (prefilled when the images page asked).
  useEffect(() => {
    if (!opened) return;
    setForm(emptyRunForm(initialImage));
    setTouched(new Set());
    setSubmitted(false);
    setRefusal(undefined);
    setStarted(undefined);
    setShowProgress(false);
  }, [opened, initialImage]);

  const { spec, errors } = useMemo(() => formToSpec(form, engineId), [form, engineId]);
  const command = useMemo(() => (spec === undefined ? undefined : dockerRunCommand(spec)), [spec]);
  useEffect(() => setCopied(false), [command]);
  const entry =
    started === undefined
      ? undefined
      : (operationOf(started.id) ?? { summary: started, lines: [], droppedLines: 0 });
  const operation = entry?.summary;

  // Done: hand over to the container's logs. Failed: the error stays on the progress view until "Back to the form".
  useEffect(() => {
    if (!showProgress || operation?.state !== 'succeeded' || operation.resultId === undefined) return;
    onStarted(operation.resultId, operation.engineId);
  }, [showProgress, operation?.state, operation?.resultId, operation?.engineId, onStarted]);

  const failure: IpcErrorData | undefined =
    refusal ?? (operation?.state === 'failed' ? operation.error : undefined);
  const failedField = failure === undefined ? undefined : fieldOfRunError(failure);

  const errorOf = (field: string): string | undefined => {
    if (failedField === field && !showProgress && failure !== undefined) return failure.message;
    return submitted || touched.has(field) ? errors[field] : undefined;
  };
  const update = (patch: Partial<RunForm>, field?: string) => {
    setForm((current) => ({ ...current, ...patch }));
    if (field !== undefined) setTouched((current) => new Set(current).add(field));
    setRefusal(undefined);
  };
  const updatePort = (index: number, patch: Partial<PortRow>, field: string) =>
    update(
      { ports: form.ports.map((row, at) => (at === index ? { ...row, ...patch } : row)) },
      `ports.${index}.${field}`,
    );
  const updateMount = (index: number, patch: Partial<MountRow>, field: string) =>
    update(
      { mounts: form.mounts.map((row, at) => (at === index ? { ...row, ...patch } : row)) },
      `mounts.${index}.${field}`,
    );
  // Row-level problems (range sizes) show on the container port field; list-level ones under the list.
  const portError = (index: number, field: 'hostIp' | 'hostPort' | 'containerPort') =>
    errorOf(`ports.${index}.${field}`) ?? (field === 'containerPort' ? errorOf(`ports.${index}`) : undefined);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    setSubmitted(true);
    if (spec === undefined || sending) return;
    setSending(true);
    const result = await onRun(spec);
    setSending(false);
    if ('error' in result) {
      setRefusal(result.error);
      return;
    }
    setStarted(result.operation);
    setShowProgress(true);
  };

  const running = operation?.state === 'running';
  const title = showProgress ? (operation?.title ?? 'Run a container') : 'Run a container';

  return (
    <Modal opened={opened} onClose={onClose} title={title} size="xl" data-testid="run-dialog">
      {showProgress && entry !== undefined ? (
        <Stack gap="md" data-testid="run-progress">
          <OperationProgress entry={entry} onCancel={onCancelOperation} />
          <Group justify="flex-end">
            {operation?.state !== 'running' && operation?.state !== 'succeeded' && (
              <Button variant="default" onClick={() => setShowProgress(false)}>
                Back to the form
              </Button>
            )}
            <Button variant={running ? 'default' : 'filled'} onClick={onClose}>
              {running ? 'Hide (keeps running)' : 'Close'}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Stack gap="sm">
            {failure !== undefined && (
              <Alert
                color="red"
                title="The container was not started"
                data-testid="run-error"
                data-error-code={failure.code}
              >
                {failure.message}
              </Alert>
            )}
            {hosts !== undefined && (
              <HostPicker
                choice={hosts}
                value={engineId}
                onChange={(value) => {
                  setEngineId(value);
                  setRefusal(undefined);
                }}
              />
            )}
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

            <RowsFieldset
              legend="Published ports"
              noun="port"
              addLabel="Add a port"
              rowTestId="port-row"
              errorTestId="ports-error"
              error={errorOf('ports')}
              rows={form.ports}
              onChange={(ports) => update({ ports })}
              onAdd={emptyPortRow}
              renderRow={(row, index) => (
                <>
                  <TextInput
                    aria-label={`Host IP of port ${index + 1}`}
                    placeholder="All addresses"
                    className={classes.hostIp}
                    value={row.hostIp}
                    error={portError(index, 'hostIp')}
                    onChange={(event) => updatePort(index, { hostIp: event.currentTarget.value }, 'hostIp')}
                  />
                  <TextInput
                    aria-label={`Host port of port ${index + 1}`}
                    placeholder="Any free port"
                    className={classes.port}
                    value={row.hostPort}
                    error={portError(index, 'hostPort')}
                    onChange={(event) =>
                      updatePort(index, { hostPort: event.currentTarget.value }, 'hostPort')
                    }
                  />
                  <Text className={classes.arrow} aria-hidden>
                    →
                  </Text>
                  <TextInput
                    aria-label={`Container port of port ${index + 1}`}
                    placeholder="80 or 8000-8010"
                    className={classes.port}
                    value={row.containerPort}
                    error={portError(index, 'containerPort')}
                    onChange={(event) =>
                      updatePort(index, { containerPort: event.currentTarget.value }, 'containerPort')
                    }
                  />
                  <Select
                    aria-label={`Protocol of port ${index + 1}`}
                    className={classes.protocol}
                    data={PROTOCOLS}
                    allowDeselect={false}
                    value={row.protocol}
                    onChange={(value) => updatePort(index, { protocol: value ?? 'tcp' }, 'protocol')}
                  />
                </>
              )}
            />

            <RowsFieldset
              legend="Volumes"
              noun="mount"
              addLabel="Add a volume"
              rowTestId="mount-row"
              error={errorOf('mounts')}
              rows={form.mounts}
              onChange={(mounts) => update({ mounts })}
              onAdd={emptyMountRow}
              renderRow={(row, index) => (
                <>
                  <Select
                    aria-label={`Kind of mount ${index + 1}`}
                    className={classes.mountType}
                    data={[
                      { value: 'volume', label: 'Named volume' },
                      { value: 'bind', label: 'Host path' },
                    ]}
                    allowDeselect={false}
                    value={row.type}
                    onChange={(value) =>
                      updateMount(index, { type: value === 'bind' ? 'bind' : 'volume' }, 'type')
                    }
                  />
                  <TextInput
                    aria-label={`Source of mount ${index + 1}`}
                    placeholder={
                      row.type === 'bind' ? '/absolute/path/on/the/host' : 'Volume name (empty: a new one)'
                    }
                    className={classes.grow}
                    value={row.source}
                    error={errorOf(`mounts.${index}.source`)}
                    onChange={(event) => updateMount(index, { source: event.currentTarget.value }, 'source')}
                  />
                  <TextInput
                    aria-label={`Path in the container of mount ${index + 1}`}
                    placeholder="/path/in/the/container"
                    className={classes.grow}
                    value={row.target}
                    error={errorOf(`mounts.${index}.target`)}
                    onChange={(event) => updateMount(index, { target: event.currentTarget.value }, 'target')}
                  />
                  <Switch
                    label="Read-only"
                    className={classes.readOnly}
                    checked={row.readOnly}
                    onChange={(event) =>
                      updateMount(index, { readOnly: event.currentTarget.checked }, 'readOnly')
                    }
                  />
                </>
              )}
            />

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
                  onClick={() => {
                    if (command === undefined) return;
                    void copyText(command).then(setCopied);
                  }}
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

            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={sending} data-testid="run-submit">
                Run
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
