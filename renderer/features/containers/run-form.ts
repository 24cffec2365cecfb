import {
  type EngineId,
  ErrorCode,
  type IpcErrorData,
  isIpAddress,
  mountProblems,
  type MountSpec,
  parseEnvLines,
  parseImageReference,
  parsePortRange,
  type PortProtocol,
  type PortPublish,
  portPublishProblems,
  type RestartPolicy,
  type RestartPolicyName,
  type RunSpec,
  runSpecProblems,
  splitCommandLine,
} from '../../../electron/common/bridge';

/** One published-port row of the Run dialog, as typed. */
export interface PortRow {
  hostIp: string;
  hostPort: string;
  containerPort: string;
  protocol: PortProtocol;
}

/** One mount row of the Run dialog, as typed. */
export interface MountRow {
  type: 'volume' | 'bind';
  source: string;
  target: string;
  readOnly: boolean;
}

/** Everything the Run dialog holds, as the user typed it. */
export interface RunForm {
  image: string;
  name: string;
  /** The command and its arguments as one shell-like line. */
  command: string;
  /** `KEY=value`, one per line. */
  env: string;
  ports: PortRow[];
  mounts: MountRow[];
  /** Empty for the daemon's default network. */
  network: string;
  restart: RestartPolicyName;
  /** With `on-failure`: empty for no limit. */
  maxRetries: string;
  autoRemove: boolean;
  /** `-it`: keep STDIN open and allocate a terminal. */
  interactiveTty: boolean;
}

/** Field name → message, e.g. `image`, `env`, `ports.0.hostPort`, `mounts.1.source`. */
type RunFormErrors = Record<string, string>;

export function emptyRunForm(image = ''): RunForm {
  return {
    image,
    name: '',
    command: '',
    env: '',
    ports: [],
    mounts: [],
    network: '',
    restart: 'no',
    maxRetries: '',
    autoRemove: false,
    interactiveTty: false,
  };
}

export const emptyPortRow = (): PortRow => ({ hostIp: '', hostPort: '', containerPort: '', protocol: 'tcp' });
export const emptyMountRow = (): MountRow => ({ type: 'volume', source: '', target: '', readOnly: false });

function portFrom(row: PortRow, index: number, errors: RunFormErrors): PortPublish | undefined {
  const at = `ports.${index}`;
  const hostIp = row.hostIp.trim().replace(/^\[(.*)\]$/, '$1');
  if (hostIp !== '' && !isIpAddress(hostIp)) errors[`${at}.hostIp`] = `“${row.hostIp}” is not an IP address.`;
  let hostPort;
  if (row.hostPort.trim() !== '') {
    const parsed = parsePortRange(row.hostPort);
    if (parsed.ok) hostPort = parsed.value;
    else errors[`${at}.hostPort`] = parsed.error;
  }
  const containerPort = parsePortRange(row.containerPort);
  if (row.containerPort.trim() === '') errors[`${at}.containerPort`] = 'The container port is required.';
  else if (!containerPort.ok) errors[`${at}.containerPort`] = containerPort.error;
  if (!containerPort.ok || errors[`${at}.hostIp`] !== undefined || errors[`${at}.hostPort`] !== undefined)
    return undefined;
  const port: PortPublish = { containerPort: containerPort.value, protocol: row.protocol };
  if (hostIp !== '') port.hostIp = hostIp;
  if (hostPort !== undefined) port.hostPort = hostPort;
  const [problem] = portPublishProblems(port);
  if (problem !== undefined) {
    errors[at] = problem;
    return undefined;
  }
  return port;
}

function mountFrom(row: MountRow, index: number, errors: RunFormErrors): MountSpec {
  const mount: MountSpec = {
    type: row.type,
    source: row.source.trim(),
    target: row.target.trim(),
    readOnly: row.readOnly,
  };
  for (const problem of mountProblems(mount)) errors[`mounts.${index}.${problem.field}`] ??= problem.message;
  return mount;
}

/** Where a field-level problem of the whole request goes in the form (rows skipped as empty shift indices). */
function formField(specField: string, rowOf: { ports: number[]; mounts: number[] }): string {
  if (specField === 'restartPolicy') return 'restart';
  if (/^env\.\d+$/.test(specField)) return 'env';
  if (/^command\.\d+$/.test(specField)) return 'command';
  const row = /^(ports|mounts)\.(\d+)(.*)$/.exec(specField);
  if (row !== null) {
    const list = rowOf[row[1] as 'ports' | 'mounts'];
    return `${row[1]}.${list[Number(row[2])] ?? row[2]}${row[3] ?? ''}`;
  }
  return specField;
}

/**
 * Reads the form into a run request, or says what is wrong field by field. Rows left entirely empty are
 * ignored. The checks are the ones main applies (`runSpecProblems`), so what passes here is not refused there.
 */
export function formToSpec(form: RunForm, engineId: EngineId): { spec?: RunSpec; errors: RunFormErrors } {
  const errors: RunFormErrors = {};
  const image = form.image.trim();
  const reference = parseImageReference(image);
  if (!reference.ok) errors.image = reference.error;

  const name = form.name.trim();
  const command = splitCommandLine(form.command);
  if (!command.ok) errors.command = command.error;

  const env = parseEnvLines(form.env);
  if (env.problems.length > 0)
    errors.env = env.problems.map((problem) => `Line ${problem.line}: ${problem.message}`).join(' ');

  const rowOf = { ports: [] as number[], mounts: [] as number[] };
  const ports: PortPublish[] = [];
  form.ports.forEach((row, index) => {
    if (row.hostIp.trim() === '' && row.hostPort.trim() === '' && row.containerPort.trim() === '') return;
    const port = portFrom(row, index, errors);
    if (port === undefined) return;
    ports.push(port);
    rowOf.ports.push(index);
  });

  const mounts: MountSpec[] = [];
  form.mounts.forEach((row, index) => {
    if (row.source.trim() === '' && row.target.trim() === '') return;
    mounts.push(mountFrom(row, index, errors));
    rowOf.mounts.push(index);
  });

  const restartPolicy: RestartPolicy = { name: form.restart };
  if (form.restart === 'on-failure' && form.maxRetries.trim() !== '') {
    const count = Number(form.maxRetries.trim());
    if (!Number.isInteger(count) || count < 0)
      errors.restart = 'The maximum retry count is a whole number ≥ 0.';
    else restartPolicy.maximumRetryCount = count;
  }

  const network = form.network.trim();
  const spec: RunSpec = {
    engineId,
    image,
    command: command.ok ? command.value : [],
    env: env.entries,
    ports,
    mounts,
    restartPolicy,
    autoRemove: form.autoRemove,
    interactive: form.interactiveTty,
    tty: form.interactiveTty,
  };
  if (name !== '') spec.name = name;
  if (network !== '') spec.network = network;
  for (const problem of runSpecProblems(spec)) {
    const field = formField(problem.field, rowOf);
    // Ports and mounts were checked row by row above; this adds what spans fields (duplicates, networks).
    if (Object.keys(errors).some((known) => known === field || known.startsWith(`${field}.`))) continue;
    errors[field] = problem.message;
  }
  return Object.keys(errors).length === 0 ? { spec, errors } : { errors };
}

/** The form field a failed run points at, so the dialog can highlight what to change. */
export function fieldOfRunError(error: IpcErrorData): string | undefined {
  const { code, message } = error;
  if (code === ErrorCode.Conflict && /^The name “/.test(message)) return 'name';
  if (code === ErrorCode.Conflict && /^Port \d+/.test(message)) return 'ports';
  if (code === ErrorCode.Validation && /host path|mount/i.test(message)) return 'mounts';
  if (code === ErrorCode.NotFound && /network/i.test(message)) return 'network';
  if (code === ErrorCode.NotFound || code === ErrorCode.Unauthorized || code === ErrorCode.Validation)
    return 'image';
  return undefined;
}
