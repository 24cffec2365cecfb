import { sep } from 'node:path';

import ignore, { type Ignore } from '@balena/dockerignore';

// `.dockerignore` matching is @balena/dockerignore (a port of moby's matcher, what the docker JS ecosystem uses),
// with three corrections, each covered by a test in test/main/docker/images/build/dockerignore.test.ts:
// - case-sensitive, as the docker CLI is (the library ignores case by default);
// - `+ ( ) | { }` are literal characters, as in the CLI's moby/patternmatcher (`shouldEscape`); the library,
//   ported from moby 19.03, passes them to the regular expression, so `c++` or `notes(1).txt` never matched;
// - a malformed pattern (`[a-`) matches nothing instead of throwing out of every later match (the CLI refuses
//   the build; Berth keeps building without that line).
// Walking excluded folders for `!` re-inclusions is Berth's (the CLI's archiver rule), below.

/** `path.Clean` for `/`-separated paths: no `.` parts, no empty parts, `..` resolved where it can be. */
export function cleanPath(path: string): string {
  const absolute = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else if (part !== '..' || !absolute) parts.push(part);
  }
  const joined = parts.join('/');
  if (absolute) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

/** Characters the library hands to RegExp as operators that the CLI matches literally. */
const REGEX_ONLY = new Set(['+', '(', ')', '|', '{', '}']);

/** `line` with those characters made literal: a one-character class works on every platform (a backslash does not). */
function literalOperators(line: string): string {
  let out = '';
  let inClass = false;
  for (let index = 0; index < line.length; index++) {
    const char = line[index] ?? '';
    if (char === '\\' && sep === '/') {
      out += line.slice(index, index + 2);
      index++;
    } else if (inClass) {
      inClass = char !== ']';
      out += char;
    } else if (char === '[') {
      inClass = true;
      out += char;
    } else {
      out += REGEX_ONLY.has(char) ? `[${char}]` : char;
    }
  }
  return out;
}

function compiles(line: string): boolean {
  try {
    ignore({ ignorecase: false }).add(line).ignores('a');
    return true;
  } catch {
    return false;
  }
}

/**
 * A `.dockerignore` as the docker CLI reads it: one pattern per line, `#` comments, `!` exceptions, the last
 * matching line wins, and a pattern that matches a directory excludes everything below it.
 */
export class DockerIgnore {
  private readonly matcher: Ignore;
  /** The `!` patterns, cleaned, for {@link mayIncludeBelow}. */
  private readonly exclusions: string[] = [];

  constructor(text: string) {
    const lines = text.split(/\r?\n/).map(literalOperators).filter(compiles);
    this.matcher = ignore({ ignorecase: false }).add(lines);
    for (const line of text.split(/\r?\n/)) {
      const trimmed = line.trim();
      if (line.startsWith('#') || !trimmed.startsWith('!')) continue;
      let pattern = trimmed.slice(1).trim();
      if (pattern === '') continue;
      pattern = cleanPath(pattern);
      this.exclusions.push(pattern.length > 1 && pattern.startsWith('/') ? pattern.slice(1) : pattern);
    }
  }

  /** Whether any `!` pattern exists: then an excluded directory must still be walked. */
  get hasExclusions(): boolean {
    return this.exclusions.length > 0;
  }

  /**
   * Whether an excluded folder must still be walked because a `!` pattern may re-include something below it (the
   * CLI's rule: a `!` pattern that starts with the folder's path).
   */
  mayIncludeBelow(dir: string): boolean {
    const prefix = `${cleanPath(dir)}/`;
    return this.exclusions.some((pattern) => `${pattern}/`.startsWith(prefix));
  }

  /** Whether `path` (relative to the context, `/`-separated) is left out of the build context. */
  excludes(path: string): boolean {
    return this.matcher.ignores(cleanPath(path));
  }
}
