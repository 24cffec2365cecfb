import type Dockerode from 'dockerode';

import {
  type EngineId,
  type EnvVariable,
  type ImageDetails,
  type ImageLayer,
  type ImageSummary,
  type ImageUser,
  MASKED_VALUE,
} from '../../../common';
import { num, record, stringMap, strings } from '../engine/readers';

// Images. `/images/json` and `/images/{id}/json` differ between API versions (VirtualSize went away in 1.44,
// RepoTags may be null or hold `<none>:<none>`); everything is read defensively.

const NONE_TAG = '<none>:<none>';
const NONE_DIGEST = '<none>@<none>';

/** The non-empty strings of an array, without Docker's placeholder for "none". */
function imageStrings(value: unknown, placeholder: string): string[] {
  return strings(value).filter((item) => item !== '' && item !== placeholder);
}

/** The one place a `/images/json` entry becomes our {@link ImageSummary}; `containers` comes from the containers list. */
export function toImageSummary(
  engineId: EngineId,
  info: Dockerode.ImageInfo,
  containers: number,
): ImageSummary {
  const repoTags = imageStrings(info.RepoTags, NONE_TAG);
  return {
    engineId,
    id: info.Id,
    repoTags,
    repoDigests: imageStrings(info.RepoDigests, NONE_DIGEST),
    size: num(info.Size),
    created: num(info.Created) * 1000,
    labels: stringMap(info.Labels),
    dangling: repoTags.length === 0,
    containers,
  };
}

/** `KEY=value` lines of an image's `Env`, split at the first `=`. */
function toEnvVariables(env: unknown): EnvVariable[] {
  return imageStrings(env, '').map((line) => {
    const equals = line.indexOf('=');
    return equals === -1
      ? { name: line, value: '' }
      : { name: line.slice(0, equals), value: line.slice(equals + 1) };
  });
}

/** One entry of `/images/{id}/history`. */
function toImageLayer(entry: unknown): ImageLayer {
  const raw = record(entry);
  return {
    id: typeof raw.Id === 'string' && raw.Id !== '' ? raw.Id : '<missing>',
    created: num(raw.Created) * 1000,
    createdBy: typeof raw.CreatedBy === 'string' ? raw.CreatedBy : '',
    size: num(raw.Size),
    comment: typeof raw.Comment === 'string' ? raw.Comment : '',
    tags: imageStrings(raw.Tags, NONE_TAG),
  };
}

/** Replaces every `Env` value of an inspect document with a mask, keeping the names. */
function maskInspectEnv(inspect: object): Record<string, unknown> {
  const masked: Record<string, unknown> = { ...inspect };
  for (const key of ['Config', 'ContainerConfig']) {
    const config = masked[key];
    if (typeof config !== 'object' || config === null) continue;
    const env = (config as { Env?: unknown }).Env;
    masked[key] = {
      ...config,
      ...(Array.isArray(env)
        ? { Env: toEnvVariables(env).map((variable) => `${variable.name}=${MASKED_VALUE}`) }
        : {}),
    };
  }
  return masked;
}

/** `/images/{id}/json` + `/images/{id}/history` + the containers using it → {@link ImageDetails}. */
export function toImageDetails(
  engineId: EngineId,
  inspect: Dockerode.ImageInspectInfo,
  history: unknown,
  usedBy: ImageUser[],
): ImageDetails {
  const config = (inspect.Config ?? {}) as Partial<Dockerode.ImageInspectInfo['Config']>;
  const created = Date.parse(inspect.Created);
  const list = (value: unknown): string[] => (typeof value === 'string' ? [value] : imageStrings(value, ''));
  return {
    engineId,
    id: inspect.Id,
    repoTags: imageStrings(inspect.RepoTags, NONE_TAG),
    repoDigests: imageStrings(inspect.RepoDigests, NONE_DIGEST),
    size: num(inspect.Size),
    created: Number.isFinite(created) ? created : 0,
    architecture: inspect.Architecture ?? '',
    os: inspect.Os ?? '',
    author: inspect.Author ?? '',
    labels: stringMap(config.Labels),
    cmd: list(config.Cmd),
    entrypoint: list(config.Entrypoint),
    workingDir: config.WorkingDir ?? '',
    user: config.User ?? '',
    exposedPorts: Object.keys(config.ExposedPorts ?? {}).sort(),
    volumes: Object.keys(config.Volumes ?? {}).sort(),
    env: toEnvVariables(config.Env),
    history: Array.isArray(history) ? history.map(toImageLayer) : [],
    usedBy,
    inspect: JSON.stringify(maskInspectEnv(inspect), null, 2),
  };
}
