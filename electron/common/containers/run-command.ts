import type { MountSpec, RunSpec } from './run';
import { formatPortPublish } from './run-spec';

/** Characters a POSIX shell never treats specially inside a word. */
const SHELL_SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * Quotes one word for a POSIX shell so it reaches the program exactly as given: plain words stay as they are,
 * anything else goes in single quotes (inside which nothing is special), with `'` written as `'\''`.
 */
export function shellQuote(word: string): string {
  if (SHELL_SAFE.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** One field of a `--mount` value, which the CLI reads as CSV: quoted when it holds `,` or `"`. */
function csvField(field: string): string {
  return /[",\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** The `--mount` value of a mount: `type=bind,source=/srv,target=/data,readonly`. */
export function formatMount(mount: MountSpec): string {
  const fields = [`type=${mount.type}`];
  if (mount.source !== '') fields.push(`source=${mount.source}`);
  fields.push(`target=${mount.target}`);
  if (mount.readOnly) fields.push('readonly');
  return fields.map(csvField).join(',');
}

/** The restart policy as `--restart` takes it; undefined for the default (`no`). */
function restartValue(spec: RunSpec): string | undefined {
  const { name, maximumRetryCount } = spec.restartPolicy;
  if (name === 'no') return undefined;
  if (name === 'on-failure' && maximumRetryCount !== undefined && maximumRetryCount > 0)
    return `on-failure:${maximumRetryCount}`;
  return name;
}

/** The words of the `docker run` invocation equivalent to `spec` (detached, as Berth runs it). */
export function dockerRunArgs(spec: RunSpec): string[] {
  const args = ['docker', 'run', '-d'];
  if (spec.interactive && spec.tty) args.push('-it');
  else if (spec.interactive) args.push('-i');
  else if (spec.tty) args.push('-t');
  if (spec.name !== undefined) args.push('--name', spec.name);
  if (spec.autoRemove) args.push('--rm');
  const restart = restartValue(spec);
  if (restart !== undefined) args.push('--restart', restart);
  if (spec.network !== undefined) args.push('--network', spec.network);
  for (const entry of spec.env) args.push('-e', entry);
  for (const port of spec.ports) args.push('-p', formatPortPublish(port));
  for (const mount of spec.mounts) args.push('--mount', formatMount(mount));
  args.push(spec.image.trim(), ...spec.command);
  return args;
}

/** The `docker run …` command line equivalent to `spec`, safely quoted for a POSIX shell. */
export function dockerRunCommand(spec: RunSpec): string {
  return dockerRunArgs(spec).map(shellQuote).join(' ');
}
