import { Alert, Button, Checkbox, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconPlugConnectedX } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';

import type { HostInput, HostSummary, HostTestResult, IpcError } from '../../../electron/common/bridge';
import { FormFailure } from '../../components/FormActions/FormActions';
import { formatLatency, kindOfUrl } from './presentation';
import { useHostActions } from './use-hosts';

interface HostFormProps {
  /** The host being edited; `null` to add one. */
  host: HostSummary | null;
  opened: boolean;
  onClose: () => void;
  /** Called with the saved host. */
  onSaved?: (host: HostSummary) => void;
}

interface Fields {
  name: string;
  url: string;
  description: string;
  ca: string;
  cert: string;
  key: string;
  skipTlsVerify: boolean;
  allowInsecure: boolean;
  saveAsContext: boolean;
  makeCurrent: boolean;
}

function fieldsOf(host: HostSummary | null): Fields {
  return {
    name: host?.name ?? '',
    url: host?.url ?? '',
    description: host?.description ?? '',
    ca: host?.tls?.ca ?? '',
    cert: host?.tls?.cert ?? '',
    key: host?.tls?.key ?? '',
    skipTlsVerify: host?.skipTlsVerify ?? false,
    allowInsecure: host?.allowInsecure ?? false,
    saveAsContext: host?.source === 'context',
    makeCurrent: false,
  };
}

function inputOf(fields: Fields, host: HostSummary | null): HostInput {
  const input: HostInput = { name: fields.name.trim(), url: fields.url.trim() };
  if (host !== null) input.engineId = host.engineId;
  if (fields.description.trim() !== '') input.description = fields.description.trim();
  if (kindOfUrl(fields.url) === 'tcp') {
    const tls: NonNullable<HostInput['tls']> = {};
    if (fields.ca.trim() !== '') tls.ca = fields.ca.trim();
    if (fields.cert.trim() !== '') tls.cert = fields.cert.trim();
    if (fields.key.trim() !== '') tls.key = fields.key.trim();
    if (Object.keys(tls).length > 0) input.tls = tls;
    if (fields.skipTlsVerify) input.skipTlsVerify = true;
  }
  if (fields.allowInsecure) input.allowInsecure = true;
  if (fields.saveAsContext && host?.source !== 'context') input.saveAsContext = true;
  if (fields.makeCurrent) input.makeCurrent = true;
  return input;
}

function TestResult({ result }: { result: HostTestResult }) {
  if (result.state === 'connected') {
    return (
      <Alert
        color="green"
        icon={<IconCircleCheck size={18} aria-hidden />}
        data-testid="host-test-result"
        data-state="connected"
      >
        Connected: Docker {result.engineVersion ?? '?'} (API {result.apiVersion ?? '?'}),{' '}
        {formatLatency(result.latencyMs)}.
      </Alert>
    );
  }
  return (
    <Alert
      color="red"
      icon={<IconPlugConnectedX size={18} aria-hidden />}
      title="The connection test failed"
      data-testid="host-test-result"
      data-state={result.state}
    >
      {result.message ?? 'The daemon did not answer.'}
    </Alert>
  );
}
/** What a field part of the form needs: the values, who the host is, and the update (which forgets a test). */
interface FieldsProps {
  fields: Fields;
  set: <K extends keyof Fields>(key: K, value: Fields[K]) => void;
  /** The default host only takes the insecure opt-in and the current-context choice. */
  isDefault: boolean;
  /** A docker context keeps its name. */
  isContext: boolean;
}

/** Name, address and description, and for tcp:// the TLS files. */
function AddressFields({ fields, set, isDefault, isContext }: FieldsProps) {
  const kind = kindOfUrl(fields.url);
  return (
    <>
      {!isDefault && (
        <>
          <TextInput
            label="Name"
            required
            disabled={isContext}
            description={
              isContext
                ? 'A docker context keeps its name.'
                : 'Also the docker context’s name when saved as one.'
            }
            value={fields.name}
            onChange={(event) => set('name', event.currentTarget.value)}
          />
          <TextInput
            label="Address"
            required
            placeholder="ssh://user@host, tcp://host:2376, unix:///path/docker.sock"
            description="ssh:// uses ~/.ssh/config, the ssh agent and known_hosts, as the docker CLI does."
            value={fields.url}
            onChange={(event) => set('url', event.currentTarget.value)}
          />
          <TextInput
            label="Description"
            value={fields.description}
            onChange={(event) => set('description', event.currentTarget.value)}
          />
        </>
      )}
      {!isDefault && kind === 'tcp' && (
        <>
          <TextInput
            label="CA certificate"
            placeholder="~/.docker/ca.pem"
            description="The daemon’s certificate is verified against it, with its host name or IP."
            value={fields.ca}
            onChange={(event) => set('ca', event.currentTarget.value)}
          />
          <Group grow>
            <TextInput
              label="Client certificate"
              placeholder="~/.docker/cert.pem"
              value={fields.cert}
              onChange={(event) => set('cert', event.currentTarget.value)}
            />
            <TextInput
              label="Client key"
              placeholder="~/.docker/key.pem"
              value={fields.key}
              onChange={(event) => set('key', event.currentTarget.value)}
            />
          </Group>
          <Checkbox
            label="Do not verify the daemon’s certificate"
            checked={fields.skipTlsVerify}
            onChange={(event) => set('skipTlsVerify', event.currentTarget.checked)}
          />
        </>
      )}
    </>
  );
}

/** The insecure opt-in (tcp), saving as a docker context, making it the current one. */
function HostOptions({ fields, set, isDefault, isContext }: FieldsProps) {
  const kind = kindOfUrl(fields.url);
  return (
    <>
      {(kind === 'tcp' || isDefault) && (
        <Checkbox
          color="orange"
          label="Allow an insecure connection to this host (plain tcp, or an unverified certificate)"
          description="Anyone who can reach an unprotected daemon controls it, and the machine it runs on."
          checked={fields.allowInsecure}
          onChange={(event) => set('allowInsecure', event.currentTarget.checked)}
        />
      )}
      {!isDefault && !isContext && (
        <Checkbox
          label="Also save as a docker context (docker --context NAME works with it)"
          checked={fields.saveAsContext}
          onChange={(event) => set('saveAsContext', event.currentTarget.checked)}
        />
      )}
      {(fields.saveAsContext || isContext || isDefault) && (
        <Checkbox
          label="Make it the docker CLI’s current context"
          checked={fields.makeCurrent}
          onChange={(event) => set('makeCurrent', event.currentTarget.checked)}
        />
      )}
      {fields.allowInsecure && (
        <Alert color="orange" icon={<IconAlertTriangle size={18} aria-hidden />}>
          This host may be reached without encryption or without checking who answers. Prefer ssh:// or TLS
          with a CA.
        </Alert>
      )}
    </>
  );
}

/**
 * Adds or edits a host. Saving runs a connection test first; when it fails the user sees why and may save anyway
 * (a host that is down today is still worth keeping). The default host only takes the insecure opt-in.
 */
export function HostForm({ host, opened, onClose, onSaved }: HostFormProps) {
  const { save, test } = useHostActions();
  const [fields, setFields] = useState<Fields>(() => fieldsOf(host));
  const [result, setResult] = useState<HostTestResult | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState<'testing' | 'saving' | null>(null);
  const isDefault = host?.source === 'default';
  const isContext = host?.source === 'context';
  const set = <K extends keyof Fields>(key: K, value: Fields[K]) => {
    setFields((current) => ({ ...current, [key]: value }));
    setResult(null);
  };

  const runTest = async (): Promise<HostTestResult | null> => {
    setBusy('testing');
    setError(null);
    try {
      const outcome = await test(inputOf(fields, host));
      setResult(outcome);
      return outcome;
    } catch (caught) {
      setError(caught as IpcError);
      return null;
    } finally {
      setBusy(null);
    }
  };

  const doSave = async (): Promise<void> => {
    setBusy('saving');
    setError(null);
    try {
      const saved = await save(inputOf(fields, host));
      onSaved?.(saved);
      onClose();
    } catch (caught) {
      setError(caught as IpcError);
    } finally {
      setBusy(null);
    }
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    // The test runs before every save; a failed one leaves the choice to the user ("Save anyway").
    if (result?.state === 'connected') return doSave();
    const outcome = await runTest();
    if (outcome?.state === 'connected') await doSave();
  };

  const title = host === null ? 'Add a host' : `Edit ${host.name}`;
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg" data-testid="host-form">
      <form onSubmit={(event) => void onSubmit(event)}>
        <Stack gap="sm">
          <AddressFields fields={fields} set={set} isDefault={isDefault} isContext={isContext} />
          <HostOptions fields={fields} set={set} isDefault={isDefault} isContext={isContext} />
          {result !== null && <TestResult result={result} />}
          <FormFailure failure={error} title="Not saved" testId="host-form-error" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button
              variant="light"
              loading={busy === 'testing'}
              disabled={busy !== null}
              onClick={() => void runTest()}
            >
              Test connection
            </Button>
            {result !== null && result.state !== 'connected' && (
              <Button color="orange" variant="light" disabled={busy !== null} onClick={() => void doSave()}>
                Save anyway
              </Button>
            )}
            <Button type="submit" loading={busy === 'saving'} disabled={busy !== null}>
              {host === null ? 'Test and add' : 'Test and save'}
            </Button>
          </Group>
          {busy === 'testing' && (
            <Text size="xs" c="dimmed" role="status">
              Connecting… (a host-key or passphrase question may appear)
            </Text>
          )}
        </Stack>
      </form>
    </Modal>
  );
}
