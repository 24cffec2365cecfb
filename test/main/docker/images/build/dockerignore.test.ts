import { describe, expect, it } from 'vitest';

import { cleanPath, DockerIgnore } from '../../../../../electron/main/docker/images/build/dockerignore';

describe('cleanPath', () => {
  it.each([
    ['a/./b', 'a/b'],
    ['a//b/', 'a/b'],
    ['a/../b', 'b'],
    ['../a', '../a'],
    ['/a/../../b', '/b'],
    ['', '.'],
    ['./', '.'],
  ])('%s → %s', (input, expected) => {
    expect(cleanPath(input)).toBe(expected);
  });
});

describe('DockerIgnore (moby patternmatcher semantics)', () => {
  const cases: Array<[rules: string, path: string, excluded: boolean]> = [
    ['node_modules', 'node_modules', true],
    ['node_modules', 'node_modules/a/b.js', true],
    ['node_modules', 'src/node_modules', false],
    ['*.log', 'debug.log', true],
    ['*.log', 'logs/debug.log', false],
    ['**/*.log', 'logs/deep/debug.log', true],
    ['**/*.log', 'debug.log', true],
    ['logs/**', 'logs/a/b', true],
    ['/secret', 'secret', true],
    ['./secret/', 'secret/key', true],
    ['a?c', 'abc', true],
    ['a?c', 'a/c', false],
    ['[ab].txt', 'b.txt', true],
    ['[ab].txt', 'c.txt', false],
    ['file.txt', 'fileAtxt', false],
    ['*\n!keep', 'keep', false],
    ['*\n!keep', 'other', true],
    ['*.md\n!README.md\nREADME.md', 'README.md', true],
    ['# comment\n\n  spaced.txt  ', 'spaced.txt', true],
    ['# comment', '# comment', false],
    ['dir\n!dir/keep', 'dir/keep', false],
    ['dir\n!dir/keep', 'dir/other', true],
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'axb', false],
  ];
  it.each(cases)('%j: %s excluded=%s', (rules, path, excluded) => {
    expect(new DockerIgnore(rules).excludes(path)).toBe(excluded);
  });

  it('knows when exclusions exist (then excluded folders must still be walked)', () => {
    expect(new DockerIgnore('a\nb').hasExclusions).toBe(false);
    expect(new DockerIgnore('a\n!a/b').hasExclusions).toBe(true);
  });

  it('a malformed class matches nothing instead of throwing', () => {
    expect(new DockerIgnore('[a-').excludes('[a-')).toBe(false);
  });
});

describe('DockerIgnore: where the docker CLI and @balena/dockerignore differ, Berth follows the CLI', () => {
  const cases: Array<[rules: string, path: string, excluded: boolean]> = [
    // moby/patternmatcher escapes regexp operators; the library (moby 19.03) does not.
    ['c++', 'c++', true],
    ['c++', 'cc', false],
    ['notes(1).txt', 'notes(1).txt', true],
    ['a|b', 'a|b', true],
    ['a|b', 'a', false],
    ['x{2}', 'x{2}', true],
    ['x{2}', 'xx', false],
    ['[+]plus', '+plus', true],
    // The CLI is case-sensitive; the library ignores case unless told not to.
    ['README.md', 'readme.md', false],
    ['*.LOG', 'debug.log', false],
  ];
  it.each(cases)('%j: %s excluded=%s', (rules, path, excluded) => {
    expect(new DockerIgnore(rules).excludes(path)).toBe(excluded);
  });

  it('a malformed line is dropped, the others still apply', () => {
    const rules = new DockerIgnore('[a-\n*.log');
    expect(rules.excludes('debug.log')).toBe(true);
    expect(rules.excludes('[a-')).toBe(false);
  });
});
