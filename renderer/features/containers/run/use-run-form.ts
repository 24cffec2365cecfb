import { type FormEvent, useEffect, useMemo, useState } from 'react';

import {
  dockerRunCommand,
  type EngineId,
  type IpcError,
  type IpcErrorData,
  type OperationSummary,
  type RunSpec,
} from '../../../../electron/common/bridge';
import { type HostChoice, useHostChoice } from '../../../components/HostPicker/HostPicker';
import { copyText } from '../../../lib/clipboard';
import type { OperationEntry } from '../../../stores/operations';
import {
  emptyRunForm,
  fieldOfRunError,
  formToSpec,
  type MountRow,
  type PortRow,
  type RunForm,
} from '../run-form';

interface RunFormOptions {
  opened: boolean;
  initialEngineId: EngineId;
  hosts: HostChoice | undefined;
  initialImage: string | undefined;
  onRun: (spec: RunSpec) => Promise<{ operation: OperationSummary } | { error: IpcError }>;
  operationOf: (id: string) => OperationEntry | undefined;
  onStarted: (containerId: string, engineId: EngineId) => void;
}

/** What the run form's fields need: the values, each field's problem to show, and the updates. */
export interface RunFormFieldsState {
  form: RunForm;
  errorOf: (field: string) => string | undefined;
  update: (patch: Partial<RunForm>, field?: string) => void;
  updatePort: (index: number, patch: Partial<PortRow>, field: string) => void;
  updateMount: (index: number, patch: Partial<MountRow>, field: string) => void;
  /** Row-level problems (range sizes) show on the container port field; list-level ones under the list. */
  portError: (index: number, field: 'hostIp' | 'hostPort' | 'containerPort') => string | undefined;
}

interface RunFormState extends RunFormFieldsState {
  engineId: EngineId;
  /** Picks another host; a refusal from the previous one no longer applies. */
  pickHost: (engineId: EngineId) => void;
  /** The equivalent `docker run`, once the form is valid. */
  command: string | undefined;
  /** The command was copied (until it changes). */
  copied: boolean;
  copy: () => void;
  /** Why the last run was refused or failed. */
  failure: IpcErrorData | undefined;
  submit: (event?: FormEvent) => Promise<void>;
  sending: boolean;
  /** The started operation's live entry. */
  entry: OperationEntry | undefined;
  showProgress: boolean;
  setShowProgress: (show: boolean) => void;
}

/**
 * The run dialog's state: the form checked as it is typed (a field's problem shows once it was touched or the form
 * submitted), the refusal or failure of the last run pointed at its field, and the started operation.
 */
export function useRunForm({
  opened,
  initialEngineId,
  hosts,
  initialImage,
  onRun,
  operationOf,
  onStarted,
}: RunFormOptions): RunFormState {
  const [form, setForm] = useState<RunForm>(() => emptyRunForm(initialImage));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [refusal, setRefusal] = useState<IpcError | undefined>();
  const [started, setStarted] = useState<OperationSummary | undefined>();
  const [showProgress, setShowProgress] = useState(false);
  const [sending, setSending] = useState(false);
  const [copied, setCopied] = useState(false);
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

  return {
    form,
    errorOf,
    update,
    updatePort: (index, patch, field) =>
      update(
        { ports: form.ports.map((row, at) => (at === index ? { ...row, ...patch } : row)) },
        `ports.${index}.${field}`,
      ),
    updateMount: (index, patch, field) =>
      update(
        { mounts: form.mounts.map((row, at) => (at === index ? { ...row, ...patch } : row)) },
        `mounts.${index}.${field}`,
      ),
    portError: (index, field) =>
      errorOf(`ports.${index}.${field}`) ??
      (field === 'containerPort' ? errorOf(`ports.${index}`) : undefined),
    engineId,
    pickHost: (value) => {
      setEngineId(value);
      setRefusal(undefined);
    },
    command,
    copied,
    copy: () => {
      if (command !== undefined) void copyText(command).then(setCopied);
    },
    failure,
    submit,
    sending,
    entry,
    showProgress,
    setShowProgress,
  };
}
