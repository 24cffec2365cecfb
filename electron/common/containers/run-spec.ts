/**
 * The pieces of `docker run` a user types (ports, env lines, a command line) parsed and checked in one place, so
 * the Run dialog and main refuse the same inputs with the same words, before anything reaches the daemon.
 */
import { parseImageReference } from '../images/reference';
import {
  type MountSpec,
  type PortProtocol,
  type PortPublish,
  type PortRange,
  restartPolicyNames,
  type RunSpec,
  type RunSpecProblem,
} from './run';

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** Docker's rule for container and volume names (`[a-zA-Z0-9][a-zA-Z0-9_.-]+`, so at least 2 characters). */
const DOCKER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
/** Network names and ids as users write them. */
const NETWORK_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}$/;
/** More ports than this in one mapping is a typo, and each one is a binding the daemon must make. */
const MAX_PORTS_PER_RANGE = 1024;
const protocols: readonly PortProtocol[] = ['tcp', 'udp', 'sctp'];

/** Whether `name` is a valid container name (`--name`). */
export function isValidContainerName(name: string): boolean {
  return name.length <= 255 && DOCKER_NAME.test(name);
}

/** Whether `name` is a valid volume name. */
function isValidVolumeName(name: string): boolean {
  return name.length <= 255 && DOCKER_NAME.test(name);
}

function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return (
    parts.length === 4 && parts.every((part) => /^(?:0|[1-9][0-9]{0,2})$/.test(part) && Number(part) <= 255)
  );
}

function isIpv6(text: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || text.length > 45) return false;
  let groups = text.split(':');
  const last = groups[groups.length - 1] ?? '';
  let width = 8;
  if (last.includes('.')) {
    if (!isIpv4(last)) return false;
    groups = groups.slice(0, -1);
    width = 6;
  }
  const joined = groups.join(':');
  const doubleColons = joined.split('::').length - 1;
  if (doubleColons > 1) return false;
  if (doubleColons === 1) {
    const [head = '', tail = ''] = joined.split('::');
    const parts = [...(head === '' ? [] : head.split(':')), ...(tail === '' ? [] : tail.split(':'))];
    return parts.length < width && parts.every((part) => /^[0-9a-fA-F]{1,4}$/.test(part));
  }
  return groups.length === width && groups.every((part) => /^[0-9a-fA-F]{1,4}$/.test(part));
}

/** Whether `text` is an IPv4 or IPv6 address (without brackets). */
export function isIpAddress(text: string): boolean {
  return isIpv4(text) || isIpv6(text);
}

function rangeSize(range: PortRange): number {
  return (range.end ?? range.start) - range.start + 1;
}

/** `80` or `8000-8010`; ports are 1–65535. */
export function parsePortRange(text: string): Parsed<PortRange> {
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text.trim());
  if (match === null) return { ok: false, error: `“${text}” is not a port or a range like 8000-8010.` };
  const start = Number(match[1]);
  const end = match[2] === undefined ? undefined : Number(match[2]);
  for (const port of [start, end]) {
    if (port !== undefined && (port < 1 || port > 65535))
      return { ok: false, error: `Port ${port} is out of range (1–65535).` };
  }
  if (end === undefined || end === start) return { ok: true, value: { start } };
  if (end < start) return { ok: false, error: `The range ${text} ends before it starts.` };
  if (end - start + 1 > MAX_PORTS_PER_RANGE)
    return { ok: false, error: `The range ${text} has more than ${MAX_PORTS_PER_RANGE} ports.` };
  return { ok: true, value: { start, end } };
}

/** `80`, `8000-8010`. */
function formatPortRange(range: PortRange): string {
  return range.end === undefined ? String(range.start) : `${range.start}-${range.end}`;
}

/** Problems of one port mapping (ranges of matching sizes, a valid host address). */
export function portPublishProblems(port: PortPublish): string[] {
  const problems: string[] = [];
  if (port.hostIp !== undefined && !isIpAddress(port.hostIp))
    problems.push(`“${port.hostIp}” is not an IP address.`);
  if (!protocols.includes(port.protocol))
    problems.push(`“${String(port.protocol)}” is not tcp, udp or sctp.`);
  const ranges = [port.containerPort, ...(port.hostPort === undefined ? [] : [port.hostPort])];
  for (const range of ranges) {
    const valid =
      Number.isInteger(range.start) &&
      range.start >= 1 &&
      range.start <= 65535 &&
      (range.end === undefined ||
        (Number.isInteger(range.end) && range.end >= range.start && range.end <= 65535));
    if (!valid) problems.push(`${formatPortRange(range)} is not a port or a range of ports (1–65535).`);
    else if (rangeSize(range) > MAX_PORTS_PER_RANGE)
      problems.push(`${formatPortRange(range)} has more than ${MAX_PORTS_PER_RANGE} ports.`);
  }
  if (
    problems.length === 0 &&
    port.hostPort !== undefined &&
    rangeSize(port.containerPort) > 1 &&
    rangeSize(port.hostPort) !== rangeSize(port.containerPort)
  ) {
    problems.push(
      `The host range ${formatPortRange(port.hostPort)} and the container range ${formatPortRange(port.containerPort)} differ in size.`,
    );
  }
  return problems;
}

/**
 * One `-p` value: `[hostIp:][hostPort:]containerPort[/protocol]`, with IPv6 host addresses in brackets
 * (`[::1]:8080:80`) and optional ranges (`8000-8001:80-81/udp`).
 */
export function parsePortPublish(text: string): Parsed<PortPublish> {
  const input = text.trim();
  let rest = input;
  let protocol: PortProtocol = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash !== -1) {
    const name = rest.slice(slash + 1).toLowerCase();
    if (!protocols.includes(name as PortProtocol))
      return { ok: false, error: `“${rest.slice(slash + 1)}” is not tcp, udp or sctp.` };
    protocol = name as PortProtocol;
    rest = rest.slice(0, slash);
  }
  let hostIp: string | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close === -1 || rest[close + 1] !== ':')
      return { ok: false, error: `“${input}” has an IPv6 address without “]:” after it.` };
    hostIp = rest.slice(1, close);
    rest = rest.slice(close + 2);
  }
  const parts = rest.split(':');
  if (hostIp === undefined && parts.length === 3) hostIp = parts.shift();
  if (parts.length > 2 || (hostIp !== undefined && parts.length !== 2))
    return { ok: false, error: `“${input}” is not [host-ip:][host-port:]container-port[/protocol].` };
  const containerText = parts.pop() ?? '';
  const hostText = parts.pop();
  const containerPort = parsePortRange(containerText);
  if (!containerPort.ok) return containerPort;
  const port: PortPublish = { containerPort: containerPort.value, protocol };
  if (hostIp !== undefined && hostIp !== '') port.hostIp = hostIp;
  if (hostText !== undefined && hostText !== '') {
    const hostPort = parsePortRange(hostText);
    if (!hostPort.ok) return hostPort;
    port.hostPort = hostPort.value;
  }
  const problems = portPublishProblems(port);
  return problems.length > 0 ? { ok: false, error: problems[0] ?? '' } : { ok: true, value: port };
}

/** The `-p` value of a mapping, the inverse of {@link parsePortPublish}. */
export function formatPortPublish(port: PortPublish): string {
  const host = port.hostIp === undefined ? '' : port.hostIp.includes(':') ? `[${port.hostIp}]` : port.hostIp;
  const hostPort = port.hostPort === undefined ? '' : formatPortRange(port.hostPort);
  const prefix = host !== '' ? `${host}:${hostPort}:` : hostPort !== '' ? `${hostPort}:` : '';
  return `${prefix}${formatPortRange(port.containerPort)}/${port.protocol}`;
}

/** One environment entry: `KEY=value` (the value may be empty and may contain `=`). */
export function parseEnvEntry(text: string): Parsed<{ key: string; value: string }> {
  const equals = text.indexOf('=');
  if (equals === -1) return { ok: false, error: `“${text}” is not KEY=value.` };
  const key = text.slice(0, equals);
  const value = text.slice(equals + 1);
  if (key === '') return { ok: false, error: `“${text}” has no name before “=”.` };
  if (/[\s\0]/.test(key)) return { ok: false, error: `The name “${key}” must not contain spaces.` };
  if (value.includes('\0')) return { ok: false, error: `The value of ${key} contains a NUL character.` };
  return { ok: true, value: { key, value } };
}

/**
 * Environment variables typed one per line. Blank lines and lines starting with `#` are skipped, as in an
 * `--env-file`; problems name their line (1-based).
 */
export function parseEnvLines(text: string): {
  entries: string[];
  problems: Array<{ line: number; message: string }>;
} {
  const entries: string[] = [];
  const problems: Array<{ line: number; message: string }> = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trimStart();
    if (line.trim() === '' || line.startsWith('#')) return;
    const parsed = parseEnvEntry(line);
    if (parsed.ok) entries.push(line);
    else problems.push({ line: index + 1, message: parsed.error });
  });
  return { entries, problems };
}

/**
 * Splits a command line into words the way a POSIX shell would for plain text: whitespace separates words,
 * single quotes keep everything, double quotes keep all but `\"`, `\\`, `\$` and `` \` ``, and a backslash
 * outside quotes escapes the next character. No expansion of any kind happens.
 */
export function splitCommandLine(text: string): Parsed<string[]> {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? '';
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else word += char;
      continue;
    }
    if (quote === '"') {
      if (char === '"') quote = undefined;
      else if (char === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1] ?? '')) word += text[++i];
      else word += char;
      continue;
    }
    if (/\s/.test(char)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (char === "'" || char === '"') quote = char;
    else if (char === '\\') {
      if (i + 1 < text.length) word += text[++i];
    } else word += char;
  }
  if (quote !== undefined)
    return { ok: false, error: `The command has an unclosed ${quote === "'" ? 'single' : 'double'} quote.` };
  if (inWord) words.push(word);
  return { ok: true, value: words };
}

function isAbsoluteHostPath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

/** Problems of one mount, by field (`source`, `target`). */
export function mountProblems(
  mount: MountSpec,
): Array<{ field: 'source' | 'target' | 'type'; message: string }> {
  const problems: Array<{ field: 'source' | 'target' | 'type'; message: string }> = [];
  if (mount.type !== 'volume' && mount.type !== 'bind')
    problems.push({ field: 'type', message: 'A mount is a named volume or a host path.' });
  if (mount.target === '' || !mount.target.startsWith('/'))
    problems.push({
      field: 'target',
      message: 'The path in the container must be absolute (start with “/”).',
    });
  else if (mount.target.includes('\0') || mount.target.includes(','))
    problems.push({ field: 'target', message: 'The path in the container must not contain “,” or NUL.' });
  else if (mount.target.replace(/\/+$/, '') === '')
    problems.push({ field: 'target', message: 'The container’s root “/” cannot be a mount point.' });
  if (mount.type === 'bind') {
    if (mount.source === '') problems.push({ field: 'source', message: 'A host path is required.' });
    else if (!isAbsoluteHostPath(mount.source))
      problems.push({ field: 'source', message: `The host path “${mount.source}” must be absolute.` });
    else if (mount.source.includes('\0') || mount.source.includes(','))
      problems.push({ field: 'source', message: 'The host path must not contain “,” or NUL.' });
  } else if (mount.type === 'volume' && mount.source !== '' && !isValidVolumeName(mount.source)) {
    problems.push({
      field: 'source',
      message: `“${mount.source}” is not a volume name: letters, digits and _ . - (at least 2 characters).`,
    });
  }
  return problems;
}

/** Everything wrong with a run request, by field; empty when it can be sent. */
export function runSpecProblems(spec: RunSpec): RunSpecProblem[] {
  const problems: RunSpecProblem[] = [];
  const image = parseImageReference(spec.image);
  if (!image.ok) problems.push({ field: 'image', message: image.error });
  if (spec.name !== undefined && !isValidContainerName(spec.name)) {
    problems.push({
      field: 'name',
      message: `“${spec.name}” is not a container name: start with a letter or digit, then letters, digits and _ . - (at least 2 characters).`,
    });
  }
  spec.command.forEach((word, index) => {
    if (word.includes('\0'))
      problems.push({ field: `command.${index}`, message: 'The command contains a NUL character.' });
  });
  spec.env.forEach((entry, index) => {
    const parsed = parseEnvEntry(entry);
    if (!parsed.ok) problems.push({ field: `env.${index}`, message: parsed.error });
  });
  const network = spec.network;
  if (network !== undefined && !NETWORK_NAME.test(network))
    problems.push({ field: 'network', message: `“${network}” is not a network name.` });
  spec.ports.forEach((port, index) => {
    for (const message of portPublishProblems(port)) problems.push({ field: `ports.${index}`, message });
  });
  if (spec.ports.length > 0 && (network === 'none' || network === 'host')) {
    problems.push({
      field: 'ports',
      message:
        network === 'none'
          ? 'A container on the “none” network has no ports to publish.'
          : 'A container on the “host” network uses the host’s ports directly; remove the published ports.',
    });
  }
  const targets = new Set<string>();
  spec.mounts.forEach((mount, index) => {
    for (const problem of mountProblems(mount))
      problems.push({ field: `mounts.${index}.${problem.field}`, message: problem.message });
    const target = mount.target.replace(/\/+$/, '');
    if (targets.has(target))
      problems.push({ field: `mounts.${index}.target`, message: `${mount.target} is mounted twice.` });
    targets.add(target);
  });
  const { restartPolicy } = spec;
  if (!restartPolicyNames.includes(restartPolicy.name)) {
    problems.push({
      field: 'restartPolicy',
      message: `“${String(restartPolicy.name)}” is not a restart policy.`,
    });
  } else if (restartPolicy.maximumRetryCount !== undefined) {
    if (restartPolicy.name !== 'on-failure' && restartPolicy.maximumRetryCount !== 0) {
      problems.push({
        field: 'restartPolicy',
        message: 'A maximum retry count only applies to the “on-failure” policy.',
      });
    } else if (!Number.isInteger(restartPolicy.maximumRetryCount) || restartPolicy.maximumRetryCount < 0) {
      problems.push({ field: 'restartPolicy', message: 'The maximum retry count is a whole number ≥ 0.' });
    }
  }
  if (spec.autoRemove && restartPolicy.name !== 'no') {
    problems.push({
      field: 'autoRemove',
      message: 'A container that is removed when it exits cannot also be restarted: pick one.',
    });
  }
  return problems;
}
