/**
 * Docker image references (`nginx`, `registry.local:5000/team/web:1.2`, `busybox@sha256:…`), parsed with the
 * grammar of the distribution project (`distribution/reference`, which the docker CLI and the daemon use) and
 * normalised the way `docker pull` normalises them: no domain means Docker Hub, and a single path component
 * on Docker Hub lives under `library/`.
 */

/** The registry Docker uses when a reference names none. */
const DEFAULT_REGISTRY = 'docker.io';
const LEGACY_DEFAULT_REGISTRY = 'index.docker.io';
const OFFICIAL_REPOSITORY_PREFIX = 'library/';
const MAX_NAME_LENGTH = 255;

// The grammar, component by component (distribution/reference/regexp.go).
const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domainName = `${domainComponent}(?:\\.${domainComponent})*`;
const ipv6 = '\\[(?:[a-fA-F0-9:]+)\\]';
const host = `(?:${domainName}|${ipv6})`;
const domain = `${host}(?::[0-9]+)?`;

const PATH = new RegExp(`^${pathComponent}(?:/${pathComponent})*$`);
const DOMAIN = new RegExp(`^${domain}$`);
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const SHA256_DIGEST = /^sha256:[0-9a-f]{64}$/;
const IMAGE_ID = /^[a-f0-9]{64}$/;

/** A parsed, normalised image reference. */
export interface ImageReference {
  /** The registry host (and port), e.g. `docker.io`, `registry.local:5000`, `[::1]:5000`. */
  domain: string;
  /** The repository path on that registry, e.g. `library/nginx`, `team/web`. */
  path: string;
  /** Absent when the reference has only a digest, or neither (see {@link withDefaultTag}). */
  tag?: string;
  /** `algorithm:hex`, e.g. `sha256:…`. */
  digest?: string;
}

type ImageReferenceResult = { ok: true; reference: ImageReference } | { ok: false; error: string };

/** Long input is not echoed back whole: its start names it well enough. */
function fail(input: string, why: string): ImageReferenceResult {
  const shown = input.length > 64 ? `${input.slice(0, 40)}… (${input.length} characters)` : input;
  return { ok: false, error: `“${shown}” is not a valid image reference: ${why}.` };
}

/**
 * Splits off the registry the way the daemon does (splitDockerDomain): the first component is a registry only when
 * it contains a `.` or a `:` or is `localhost`. So `UPPER/case` is a repository on Docker Hub, refused for its
 * upper case, as the daemon refuses it ("repository name must be lowercase").
 */
function splitDomain(name: string): { domain: string; path: string } {
  const slash = name.indexOf('/');
  const first = slash === -1 ? '' : name.slice(0, slash);
  if (slash === -1 || (!/[.:]/.test(first) && first !== 'localhost')) {
    const path = slash === -1 ? `${OFFICIAL_REPOSITORY_PREFIX}${name}` : name;
    return { domain: DEFAULT_REGISTRY, path };
  }
  const rest = name.slice(slash + 1);
  if (first === LEGACY_DEFAULT_REGISTRY || first === DEFAULT_REGISTRY) {
    return {
      domain: DEFAULT_REGISTRY,
      path: rest.includes('/') ? rest : `${OFFICIAL_REPOSITORY_PREFIX}${rest}`,
    };
  }
  return { domain: first, path: rest };
}

/** Parses what a user types where Docker expects an image (`docker run IMAGE`, `docker pull IMAGE`). */
export function parseImageReference(input: string): ImageReferenceResult {
  const text = input.trim();
  if (text === '') return { ok: false, error: 'An image reference is required.' };
  if (text !== input) return fail(input, 'it must not start or end with spaces');
  if (/\s/.test(text)) return fail(input, 'it must not contain spaces');

  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return fail(input, `“${digest}” is not a digest (algorithm:hex)`);
    if (digest.startsWith('sha256:') && !SHA256_DIGEST.test(digest))
      return fail(input, 'a sha256 digest has exactly 64 lower-case hex characters');
  }

  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon !== -1 && !rest.slice(colon + 1).includes('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) {
      return fail(
        input,
        tag === ''
          ? 'the tag after “:” is empty'
          : `the tag “${tag}” may have only letters, digits, “_”, “.” and “-” (at most 128, not starting with “.” or “-”)`,
      );
    }
  }

  if (rest === '') return fail(input, 'the repository name is missing');
  if (rest.length > MAX_NAME_LENGTH)
    return fail(input, `the repository name is longer than ${MAX_NAME_LENGTH} characters`);
  if (IMAGE_ID.test(rest) && tag === undefined && digest === undefined)
    return fail(input, 'a 64-character hex string is an image id, not a repository name');

  const split = splitDomain(rest);
  if (split.domain !== DEFAULT_REGISTRY && !DOMAIN.test(split.domain))
    return fail(input, `“${split.domain}” is not a registry host`);
  if (split.path.toLowerCase() !== split.path && PATH.test(split.path.toLowerCase()))
    return fail(input, 'the repository name must be lower-case');
  if (!PATH.test(split.path)) {
    return fail(
      input,
      'the repository name may have only lower-case letters, digits and separators (“.”, “_”, “__”, “-”) between them, in “/”-separated parts',
    );
  }

  const reference: ImageReference = { domain: split.domain, path: split.path };
  if (tag !== undefined) reference.tag = tag;
  if (digest !== undefined) reference.digest = digest;
  return { ok: true, reference };
}

/** `latest` when the reference names neither a tag nor a digest, as `docker pull` assumes. */
export function withDefaultTag(reference: ImageReference): ImageReference {
  return reference.tag === undefined && reference.digest === undefined
    ? { ...reference, tag: 'latest' }
    : reference;
}

/** The repository as the docker CLI shows it: `nginx`, `team/web`, `registry.local:5000/web`. */
export function familiarRepository(reference: ImageReference): string {
  if (reference.domain !== DEFAULT_REGISTRY) return `${reference.domain}/${reference.path}`;
  return reference.path.startsWith(OFFICIAL_REPOSITORY_PREFIX) &&
    !reference.path.slice(OFFICIAL_REPOSITORY_PREFIX.length).includes('/')
    ? reference.path.slice(OFFICIAL_REPOSITORY_PREFIX.length)
    : reference.path;
}

/** The fully qualified repository: `docker.io/library/nginx`. */
function canonicalRepository(reference: ImageReference): string {
  return `${reference.domain}/${reference.path}`;
}

function suffix(reference: ImageReference): string {
  return `${reference.tag !== undefined ? `:${reference.tag}` : ''}${reference.digest !== undefined ? `@${reference.digest}` : ''}`;
}

/** The reference as the docker CLI prints it: `nginx:latest`, `registry.local:5000/web@sha256:…`. */
export function familiarReference(reference: ImageReference): string {
  return `${familiarRepository(reference)}${suffix(reference)}`;
}

/** The fully qualified reference: `docker.io/library/nginx:latest`. */
export function canonicalReference(reference: ImageReference): string {
  return `${canonicalRepository(reference)}${suffix(reference)}`;
}
