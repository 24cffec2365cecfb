interface Pattern {
  /** The cleaned pattern, without `!`. */
  text: string;
  regex: RegExp;
  /** How many `/`-separated parts the pattern has: a parent directory with as many parts may match it. */
  depth: number;
  /** `!pattern`: re-includes what earlier patterns excluded. */
  exclusion: boolean;
}

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

const regexSpecials = new Set(['.', '+', '(', ')', '|', '{', '}', '$', '^']);

/** moby's patternmatcher: `*` and `?` stop at `/`, `**` crosses directories, `[…]` and `\` as in Go. */
function compile(pattern: string): RegExp {
  let source = '^';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index] ?? '';
    if (char === '*') {
      if (pattern[index + 1] === '*') {
        index++;
        // `**/` is `**`.
        if (pattern[index + 1] === '/') index++;
        source += index + 1 >= pattern.length ? '.*' : '(.*/)?';
      } else {
        source += '[^/]*';
      }
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '\\') {
      const next = pattern[index + 1];
      if (next === undefined) {
        source += '\\\\';
      } else {
        index++;
        source += /[a-zA-Z0-9]/.test(next) ? next : `\\${next}`;
      }
    } else if (char === '[' || char === ']' || char === '-') {
      source += char;
    } else if (regexSpecials.has(char)) {
      source += `\\${char}`;
    } else {
      source += char;
    }
  }
  try {
    return new RegExp(`${source}$`);
  } catch {
    // A malformed class (`[a-`) matches nothing, rather than failing the whole build.
    return /(?!)/;
  }
}

/**
 * A `.dockerignore` as the docker CLI reads it: one pattern per line, `#` comments, `!` exceptions, the last
 * matching line wins, and a pattern that matches a directory excludes everything below it.
 */
export class DockerIgnore {
  private readonly patterns: Pattern[];

  constructor(text: string) {
    this.patterns = [];
    for (const line of text.split(/\r?\n/)) {
      let pattern = line.trim();
      if (pattern === '' || pattern.startsWith('#')) continue;
      const exclusion = pattern.startsWith('!');
      if (exclusion) pattern = pattern.slice(1).trim();
      if (pattern === '') continue;
      pattern = cleanPath(pattern);
      if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
      this.patterns.push({
        text: pattern,
        regex: compile(pattern),
        depth: pattern.split('/').length,
        exclusion,
      });
    }
  }

  /** Whether any `!` pattern exists: then an excluded directory must still be walked. */
  get hasExclusions(): boolean {
    return this.patterns.some((pattern) => pattern.exclusion);
  }

  /**
   * Whether an excluded folder must still be walked because a `!` pattern may re-include something below it (the
   * CLI's rule: a `!` pattern that starts with the folder's path).
   */
  mayIncludeBelow(dir: string): boolean {
    const prefix = `${cleanPath(dir)}/`;
    return this.patterns.some((pattern) => pattern.exclusion && `${pattern.text}/`.startsWith(prefix));
  }

  /** Whether `path` (relative to the context, `/`-separated) is left out of the build context. */
  excludes(path: string): boolean {
    const file = cleanPath(path);
    const parts = file.split('/');
    let excluded = false;
    for (const pattern of this.patterns) {
      let match = pattern.regex.test(file);
      if (!match && parts.length > 1 && pattern.depth < parts.length) {
        match = pattern.regex.test(parts.slice(0, pattern.depth).join('/'));
      }
      if (match) excluded = !pattern.exclusion;
    }
    return excluded;
  }
}
