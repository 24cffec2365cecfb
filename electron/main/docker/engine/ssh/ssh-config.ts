import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';

/** One criterion of a `Match` line, e.g. `host *.prod`, `!user admin`, `all`. */
interface MatchCriterion {
  name: string;
  /** The comma-separated pattern list after it (empty for `all`, `canonical`, `final`). */
  patterns: string[];
  negated: boolean;
}

/**
 * When a line of the config applies: always, for hosts matching patterns, when every criterion of a `Match`
 * line holds, or never (a `Match` Berth cannot evaluate).
 */
type Condition =
  | { kind: 'all' }
  | { kind: 'host'; patterns: string[] }
  | { kind: 'match'; criteria: MatchCriterion[] }
  | { kind: 'never' };

/** One `Keyword value…` line of an ssh config, with the block it sits in. */
export interface SshConfigLine {
  /** Lower case. */
  keyword: string;
  args: string[];
  condition: Condition;
}

/** What `~/.ssh/config` says about one host, after OpenSSH's rules (first value wins; IdentityFile adds up). */
export interface SshHostConfig {
  /** The host to connect to (`HostName`, with `%h` expanded), or the alias itself. */
  hostName: string;
  user?: string;
  port?: number;
  /** `IdentityFile`s, expanded (`~`, `%d`, `%h`, `%r`, `%u`); empty when the config names none. */
  identityFiles: string[];
  identitiesOnly: boolean;
  /** `IdentityAgent`: `none`, `SSH_AUTH_SOCK`, a path or `$VAR`; absent for the default (`SSH_AUTH_SOCK`). */
  identityAgent?: string;
  /** `ProxyJump` hops as written (`[user@]host[:port]`), outermost first; absent or `none` for a direct connection. */
  proxyJump?: string[];
  /** `UserKnownHostsFile`s, expanded; absent for the default (`~/.ssh/known_hosts`, `~/.ssh/known_hosts2`). */
  userKnownHostsFiles?: string[];
  /** `StrictHostKeyChecking`, lower case. */
  strictHostKeyChecking?: string;
  connectTimeoutSeconds?: number;
  /** `HostKeyAlias`: the name looked up in known_hosts instead of the host name. */
  hostKeyAlias?: string;
  /** `PasswordAuthentication` (default yes): whether a password may be asked for. */
  passwordAuthentication: boolean;
  /** `KbdInteractiveAuthentication` (or its old name `ChallengeResponseAuthentication`; default yes). */
  kbdInteractiveAuthentication: boolean;
}

/** Splits the arguments of a line: whitespace separated, double quotes group (as OpenSSH's argv_split). */
export function splitArgs(text: string): string[] {
  const args: string[] = [];
  let current = '';
  let quoted = false;
  let started = false;
  for (const char of text) {
    if (char === '"') {
      quoted = !quoted;
      started = true;
    } else if (!quoted && /\s/.test(char)) {
      if (started) args.push(current);
      current = '';
      started = false;
    } else {
      current += char;
      started = true;
    }
  }
  if (started) args.push(current);
  return args;
}

/** OpenSSH's `match_pattern`: `*` any run, `?` one character; case-insensitive for host names. */
function matchPattern(value: string, pattern: string): boolean {
  const source = pattern
    .toLowerCase()
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 's').test(value.toLowerCase());
}

/** A `Host` line's pattern list: any positive pattern matches and no negated (`!`) one does. */
export function matchHostPatterns(host: string, patterns: readonly string[]): boolean {
  let matched = false;
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) {
      if (matchPattern(host, pattern.slice(1))) return false;
    } else if (matchPattern(host, pattern)) {
      matched = true;
    }
  }
  return matched;
}

/** Criteria that take no pattern list. */
const bareCriteria = new Set(['all', 'canonical', 'final']);
/** Criteria Berth evaluates; `exec` (running a command while connecting) and unknown ones make the block never apply. */
const knownCriteria = new Set([...bareCriteria, 'host', 'originalhost', 'user', 'localuser']);

/** Parses the arguments of a `Match` line (criteria are ANDed; `!` negates one). */
function parseMatch(args: readonly string[]): Condition {
  const criteria: MatchCriterion[] = [];
  for (let index = 0; index < args.length; index++) {
    const word = args[index] ?? '';
    const negated = word.startsWith('!');
    const name = (negated ? word.slice(1) : word).toLowerCase();
    if (!knownCriteria.has(name)) return { kind: 'never' };
    if (bareCriteria.has(name)) {
      criteria.push({ name, patterns: [], negated });
      continue;
    }
    const list = args[++index];
    if (list === undefined) return { kind: 'never' };
    criteria.push({ name, patterns: list.split(',').filter(Boolean), negated });
  }
  return criteria.length === 0 ? { kind: 'never' } : { kind: 'match', criteria };
}

/** What a `Match` line is tested against, as known at that point of the config. */
interface MatchState {
  host: string;
  originalHost: string;
  user: string;
  localUser: string;
}

function criterionHolds(criterion: MatchCriterion, state: MatchState): boolean {
  const value = (): boolean => {
    switch (criterion.name) {
      case 'all':
      case 'final':
        // Berth reads the config once, which is OpenSSH's final pass.
        return true;
      case 'canonical':
        // Berth does no host name canonicalisation.
        return false;
      case 'host':
        return matchHostPatterns(state.host, criterion.patterns);
      case 'originalhost':
        return matchHostPatterns(state.originalHost, criterion.patterns);
      case 'user':
        return matchHostPatterns(state.user, criterion.patterns);
      default:
        return matchHostPatterns(state.localUser, criterion.patterns);
    }
  };
  return value() !== criterion.negated;
}

interface ParseContext {
  /** Reads an `Include`d file; resolves undefined when it does not exist. */
  include: (pattern: string) => Promise<string[]>;
  depth: number;
}

async function parseInto(
  text: string,
  condition: Condition,
  lines: SshConfigLine[],
  context: ParseContext,
): Promise<void> {
  let current = condition;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    // `Keyword value`, `Keyword=value` or `Keyword = value`.
    const match = /^(\S+?)(?:\s*=\s*|\s+)(.*)$/.exec(line);
    const keyword = (match?.[1] ?? line).toLowerCase();
    const args = splitArgs(match?.[2] ?? '');
    if (keyword === 'host') {
      current = { kind: 'host', patterns: args };
    } else if (keyword === 'match') {
      current = parseMatch(args);
    } else if (keyword === 'include') {
      if (context.depth >= 8) continue;
      for (const pattern of args) {
        for (const included of await context.include(pattern)) {
          await parseInto(included, current, lines, { ...context, depth: context.depth + 1 });
        }
      }
    } else {
      lines.push({ keyword, args, condition: current });
    }
  }
}

/** Parses config text; `Include`s are read through `include` (given a pattern, the texts of matching files). */
export async function parseSshConfig(
  text: string,
  include: (pattern: string) => Promise<string[]> = () => Promise.resolve([]),
): Promise<SshConfigLine[]> {
  const lines: SshConfigLine[] = [];
  await parseInto(text, { kind: 'all' }, lines, { include, depth: 0 });
  return lines;
}

/** Expands `~` and the `%` tokens OpenSSH allows in paths. */
function expandTokens(
  value: string,
  tokens: {
    home: string;
    host: string;
    originalHost: string;
    remoteUser: string;
    localUser: string;
    port: number;
  },
): string {
  let out = value.startsWith('~/') ? join(tokens.home, value.slice(2)) : value === '~' ? tokens.home : value;
  out = out.replace(/%([%dhnrup])/g, (_match, token: string) => {
    switch (token) {
      case '%':
        return '%';
      case 'd':
        return tokens.home;
      case 'h':
        return tokens.host;
      case 'n':
        return tokens.originalHost;
      case 'r':
        return tokens.remoteUser;
      case 'u':
        return tokens.localUser;
      default:
        return String(tokens.port);
    }
  });
  return out;
}

/**
 * Applies parsed config lines to `host` (the name as written in the URL) with OpenSSH's rules: for every keyword
 * the first value that applies wins, except `IdentityFile`, which accumulates. `user`/`port` from the URL win over
 * the config, as the command line does for `ssh`.
 */
export function resolveSshHost(
  lines: readonly SshConfigLine[],
  host: string,
  options: { home: string; localUser: string; user?: string; port?: number },
): SshHostConfig {
  const first = new Map<string, string[]>();
  const identityFiles: string[] = [];
  // `Match host`/`user` see the values set by the lines above them (HostName, User), as OpenSSH's do.
  const matchState = (): MatchState => ({
    host: (first.get('hostname')?.[0] ?? host).replace(/%h/g, host),
    originalHost: host,
    user: options.user ?? first.get('user')?.[0] ?? options.localUser,
    localUser: options.localUser,
  });
  for (const line of lines) {
    const { condition } = line;
    const applies =
      condition.kind === 'all' ||
      (condition.kind === 'host' && matchHostPatterns(host, condition.patterns)) ||
      (condition.kind === 'match' &&
        condition.criteria.every((criterion) => criterionHolds(criterion, matchState())));
    if (!applies) continue;
    // The old name is an alias: whichever of the two comes first wins, as for any keyword.
    const keyword =
      line.keyword === 'challengeresponseauthentication' ? 'kbdinteractiveauthentication' : line.keyword;
    if (keyword === 'identityfile') {
      if (line.args[0] !== undefined) identityFiles.push(line.args[0]);
    } else if (!first.has(keyword)) {
      first.set(keyword, line.args);
    }
  }
  const one = (keyword: string): string | undefined => first.get(keyword)?.[0];
  const hostName = (one('hostname') ?? host).replace(/%h/g, host);
  const portText = one('port');
  const configPort = portText !== undefined && /^\d+$/.test(portText) ? Number(portText) : undefined;
  const port = options.port ?? configPort;
  const user = options.user ?? one('user');
  const tokens = {
    home: options.home,
    host: hostName,
    originalHost: host,
    remoteUser: user ?? options.localUser,
    localUser: options.localUser,
    port: port ?? 22,
  };
  // OpenSSH takes yes/no (and true/false); anything else it rejects, and the default stays.
  const flag = (keyword: string): boolean | undefined => {
    const value = one(keyword)?.toLowerCase();
    if (value === 'yes' || value === 'true') return true;
    if (value === 'no' || value === 'false') return false;
    return undefined;
  };
  const resolved: SshHostConfig = {
    hostName,
    identityFiles: identityFiles.map((file) => expandTokens(file, tokens)),
    identitiesOnly: one('identitiesonly')?.toLowerCase() === 'yes',
    passwordAuthentication: flag('passwordauthentication') ?? true,
    // The old name is an alias: whichever of the two comes first in the config wins, as for any keyword.
    kbdInteractiveAuthentication: flag('kbdinteractiveauthentication') ?? true,
  };
  if (user !== undefined) resolved.user = user;
  if (port !== undefined) resolved.port = port;
  const agent = one('identityagent');
  if (agent !== undefined)
    resolved.identityAgent =
      agent === 'SSH_AUTH_SOCK' || agent === 'none' || agent.startsWith('$')
        ? agent
        : expandTokens(agent, tokens);
  const jump = one('proxyjump');
  if (jump !== undefined && jump.toLowerCase() !== 'none') {
    resolved.proxyJump = jump
      .split(',')
      .map((hop) => hop.trim())
      .filter(Boolean);
  }
  const knownHosts = first.get('userknownhostsfile');
  if (knownHosts !== undefined && knownHosts.length > 0) {
    resolved.userKnownHostsFiles = knownHosts
      .filter((file) => file.toLowerCase() !== 'none')
      .map((file) => expandTokens(file, tokens));
  }
  const strict = one('stricthostkeychecking');
  if (strict !== undefined) resolved.strictHostKeyChecking = strict.toLowerCase();
  const timeout = one('connecttimeout');
  if (timeout !== undefined && /^\d+$/.test(timeout)) resolved.connectTimeoutSeconds = Number(timeout);
  const alias = one('hostkeyalias');
  if (alias !== undefined) resolved.hostKeyAlias = alias;
  return resolved;
}

/** Reads files for `Include`: relative paths are under `sshDir`; `*` and `?` in the last segment are globbed. */
function includeReader(sshDir: string, home: string): (pattern: string) => Promise<string[]> {
  return async (pattern) => {
    const expanded = pattern.startsWith('~/') ? join(home, pattern.slice(2)) : pattern;
    const path = isAbsolute(expanded) ? expanded : join(sshDir, expanded);
    const name = basename(path);
    let files = [path];
    if (/[*?]/.test(name)) {
      try {
        const dir = dirname(path);
        files = (await readdir(dir))
          .filter((entry) => matchPattern(entry, name))
          .sort()
          .map((entry) => join(dir, entry));
      } catch {
        files = [];
      }
    }
    const texts: string[] = [];
    for (const file of files) {
      try {
        texts.push(await readFile(file, 'utf8'));
      } catch {
        // A missing include is not an error for OpenSSH either.
      }
    }
    return texts;
  };
}

/** Reads and parses `<sshDir>/config`; no file means no lines. */
export async function loadSshConfig(sshDir: string, home: string): Promise<SshConfigLine[]> {
  let text: string;
  try {
    text = await readFile(join(sshDir, 'config'), 'utf8');
  } catch {
    return [];
  }
  return parseSshConfig(text, includeReader(sshDir, home));
}
