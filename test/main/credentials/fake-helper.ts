import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes `docker-credential-<name>` into `dir`: a real executable (a shell script) that speaks the credential
 * helper protocol from a table of server → [user, secret]. It records every call (verb and stdin) in
 * `<dir>/<name>.calls`, one per line, so tests can see what Berth asked.
 */
export async function writeFakeHelper(
  dir: string,
  name: string,
  entries: Record<string, [username: string, secret: string]>,
  options: { failWith?: string } = {},
): Promise<string> {
  await mkdir(dir, { recursive: true });
  const calls = join(dir, `${name}.calls`);
  const cases = Object.entries(entries)
    .map(
      ([server, [user, secret]]) =>
        `    ${JSON.stringify(server)}) printf '%s' ${shellQuote(JSON.stringify({ ServerURL: server, Username: user, Secret: secret }))} ;;`,
    )
    .join('\n');
  const list = JSON.stringify(
    Object.fromEntries(Object.entries(entries).map(([server, [user]]) => [server, user])),
  );
  const script = [
    '#!/bin/sh',
    'input=$(cat)',
    `printf '%s %s\\n' "$1" "$input" >> ${shellQuote(calls)}`,
    options.failWith !== undefined ? `echo ${shellQuote(options.failWith)} >&2; exit 3` : '',
    'case "$1" in',
    '  get)',
    '  case "$input" in',
    cases,
    "    *) echo 'credentials not found in native keychain'; exit 1 ;;",
    '  esac ;;',
    `  list) printf '%s' ${shellQuote(list)} ;;`,
    '  *) echo "unknown verb $1" >&2; exit 2 ;;',
    'esac',
    '',
  ].join('\n');
  const path = join(dir, `docker-credential-${name}`);
  await writeFile(path, script);
  await chmod(path, 0o755);
  return calls;
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
