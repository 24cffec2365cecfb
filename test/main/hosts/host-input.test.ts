import { describe, expect, it } from 'vitest';

import { ErrorCode } from '../../../electron/common';
import { validateUrl } from '../../../electron/main/hosts/host-input';

describe('validateUrl', () => {
  it.each([
    'unix:///var/run/docker.sock',
    'tcp://127.0.0.1:2376',
    'ssh://ada@build',
    'npipe:////./pipe/docker_engine',
  ])('accepts %s', (url) => {
    expect(() => validateUrl(url)).not.toThrow();
  });

  it.each(['unix://relative/path', 'unix://docker.sock', 'unix://'])(
    'refuses %s: the socket path must be absolute',
    (url) => {
      expect(() => validateUrl(url)).toThrow(
        expect.objectContaining({ code: ErrorCode.Validation }) as Error,
      );
      expect(() => validateUrl(url)).toThrow(/must be absolute/);
    },
  );

  it('does not echo a very long address back whole', () => {
    const url = `unix://${'x'.repeat(300)}`;
    expect(() => validateUrl(url)).toThrow(/…/);
    try {
      validateUrl(url);
    } catch (error) {
      expect((error as Error).message.length).toBeLessThan(200);
    }
  });
});
