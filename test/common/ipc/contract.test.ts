import { describe, expect, it } from 'vitest';

import {
  containerIdSchema,
  eventNames,
  invokeChannels,
  invokeContract,
  IpcChannel,
  IpcError,
  isErrorCode,
  settingsPatchSchema,
  splitChannel,
} from '../../../electron/common';

describe('the IPC contract', () => {
  it('names every invoke channel domain:verb in lowerCamel', () => {
    for (const channel of invokeChannels) expect(channel).toMatch(/^[a-z][a-zA-Z]*:[a-z][a-zA-Z]*$/);
  });

  it('names every event as a past-tense fact', () => {
    for (const name of eventNames) expect(name).toMatch(/^[a-z][a-zA-Z]*:[a-z][a-zA-Z]*(ed)$/);
  });

  it('has a schema for every channel and no extra entries', () => {
    expect(Object.keys(invokeContract).sort()).toEqual([...invokeChannels].sort());
    expect(new Set(invokeChannels).size).toBe(invokeChannels.length);
  });

  it('splits channels into domain and verb', () => {
    expect(splitChannel(IpcChannel.ContainersList)).toEqual({ domain: 'containers', verb: 'list' });
  });
});

describe('schemas', () => {
  it.each([
    ['3f4a2b', true],
    ['my-web_1.2', true],
    ['a'.repeat(64), true],
    ['', false],
    ['../etc', false],
    ['-rf', false],
    ['name with space', false],
    ['a/b', false],
  ])('container id %j valid=%s', (id, valid) => {
    expect(containerIdSchema.safeParse(id).success).toBe(valid);
  });

  it('settings patches are strict', () => {
    expect(settingsPatchSchema.safeParse({ theme: 'dark' }).success).toBe(true);
    expect(settingsPatchSchema.safeParse({ theme: 'dark', extra: 1 }).success).toBe(false);
  });
});

describe('IpcError', () => {
  it('carries a stable code and serialises to data', () => {
    const error = new IpcError('CONFLICT', 'Name already in use');
    expect(error).toBeInstanceOf(Error);
    expect(error.toData()).toEqual({ code: 'CONFLICT', message: 'Name already in use' });
    expect(isErrorCode('CONFLICT')).toBe(true);
    expect(isErrorCode('WHATEVER')).toBe(false);
  });
});
