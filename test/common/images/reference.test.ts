import { describe, expect, it } from 'vitest';

import {
  canonicalReference,
  familiarReference,
  type ImageReference,
  parseImageReference,
  withDefaultTag,
} from '../../../electron/common/images/reference';

const digest = `sha256:${'0123456789abcdef'.repeat(4)}`;

describe('parseImageReference', () => {
  // Expectations follow distribution/reference's ParseNormalizedNamed and the docker CLI.
  it.each<[string, ImageReference, string, string]>([
    ['nginx', { domain: 'docker.io', path: 'library/nginx' }, 'nginx', 'docker.io/library/nginx'],
    [
      'nginx:1.27-alpine',
      { domain: 'docker.io', path: 'library/nginx', tag: '1.27-alpine' },
      'nginx:1.27-alpine',
      'docker.io/library/nginx:1.27-alpine',
    ],
    ['team/web', { domain: 'docker.io', path: 'team/web' }, 'team/web', 'docker.io/team/web'],
    ['docker.io/nginx', { domain: 'docker.io', path: 'library/nginx' }, 'nginx', 'docker.io/library/nginx'],
    [
      'index.docker.io/team/web:v2',
      { domain: 'docker.io', path: 'team/web', tag: 'v2' },
      'team/web:v2',
      'docker.io/team/web:v2',
    ],
    ['localhost/web', { domain: 'localhost', path: 'web' }, 'localhost/web', 'localhost/web'],
    [
      'localhost:5000/team/web:1.2',
      { domain: 'localhost:5000', path: 'team/web', tag: '1.2' },
      'localhost:5000/team/web:1.2',
      'localhost:5000/team/web:1.2',
    ],
    [
      '127.0.0.1:5000/web',
      { domain: '127.0.0.1:5000', path: 'web' },
      '127.0.0.1:5000/web',
      '127.0.0.1:5000/web',
    ],
    [
      '[::1]:5000/web:edge',
      { domain: '[::1]:5000', path: 'web', tag: 'edge' },
      '[::1]:5000/web:edge',
      '[::1]:5000/web:edge',
    ],
    [
      `busybox@${digest}`,
      { domain: 'docker.io', path: 'library/busybox', digest },
      `busybox@${digest}`,
      `docker.io/library/busybox@${digest}`,
    ],
    [
      `registry.example.com/a/b/c:t@${digest}`,
      { domain: 'registry.example.com', path: 'a/b/c', tag: 't', digest },
      `registry.example.com/a/b/c:t@${digest}`,
      `registry.example.com/a/b/c:t@${digest}`,
    ],
    [
      'my_org/web.app__x--y:TAG_1.0',
      { domain: 'docker.io', path: 'my_org/web.app__x--y', tag: 'TAG_1.0' },
      'my_org/web.app__x--y:TAG_1.0',
      'docker.io/my_org/web.app__x--y:TAG_1.0',
    ],
    [
      'Registry.Example.com/bar',
      { domain: 'Registry.Example.com', path: 'bar' },
      'Registry.Example.com/bar',
      'Registry.Example.com/bar',
    ],
  ])('parses %j', (input, expected, familiar, canonical) => {
    const result = parseImageReference(input);
    expect(result).toEqual({ ok: true, reference: expected });
    if (!result.ok) return;
    expect(familiarReference(result.reference)).toBe(familiar);
    expect(canonicalReference(result.reference)).toBe(canonical);
  });

  it.each<[string, RegExp]>([
    ['', /required/],
    ['   ', /required/],
    [' nginx', /spaces/],
    ['ngi nx', /spaces/],
    ['Nginx', /lower-case/],
    ['team/Web', /lower-case/],
    // Not a registry host (no `.`, `:`, not localhost): a Docker Hub repository, refused as the daemon does.
    ['UPPER/case', /lower-case/],
    ['Foo/bar', /lower-case/],
    ['nginx:', /tag after “:” is empty/],
    ['nginx:-x', /tag “-x”/],
    [`nginx:${'a'.repeat(129)}`, /at most 128/],
    ['nginx@sha256:abc', /not a digest/],
    ['nginx@notadigest', /not a digest/],
    [`nginx@sha256:${'A'.repeat(64)}`, /sha256 digest/],
    ['-rf', /repository name may have only/],
    ['web_', /repository name may have only/],
    ['web//app', /repository name may have only/],
    ['a/../b', /repository name may have only/],
    [':tag', /repository name is missing/],
    ['@' + digest, /repository name is missing/],
    ['0123456789abcdef'.repeat(4), /image id/],
    [`${'a'.repeat(256)}`, /longer than 255/],
    ['reg-.example.com/web', /not a registry host/],
    ['http://registry/web', /./],
  ])('refuses %j', (input, message) => {
    const result = parseImageReference(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('assumes latest only when there is neither a tag nor a digest', () => {
    const parse = (text: string) => {
      const result = parseImageReference(text);
      if (!result.ok) throw new Error(result.error);
      return familiarReference(withDefaultTag(result.reference));
    };
    expect(parse('nginx')).toBe('nginx:latest');
    expect(parse('nginx:1')).toBe('nginx:1');
    expect(parse(`nginx@${digest}`)).toBe(`nginx@${digest}`);
  });
});

describe('a too-long reference is not echoed back whole', () => {
  it('names its start and its length', () => {
    const result = parseImageReference('a'.repeat(300));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(/too long|longer than 255/);
    expect(result.error).toContain('(300 characters)');
    expect(result.error.length).toBeLessThan(160);
  });
});
