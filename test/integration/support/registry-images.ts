import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { FIXTURE_IMAGE } from '../../rig/private-daemon';
import { cli } from '../../rig/registry';

export { type PlainRegistry, startPlainRegistry } from '../../rig/registry';

/** A registry to push to: its address and, when it wants them, credentials. */
export interface RegistryTarget {
  address: string;
  username?: string;
  password?: string;
}

/**
 * Builds an image of its own on the fixture (one extra layer with a random stamp, so a pull really downloads
 * something), pushes it to `registry` as `<address>/berth-run/<name>:1`, and removes it from the daemon again.
 * Resolves to the reference to pull.
 */
export async function pushFreshImage(dockerHost: string, registry: RegistryTarget): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-push-'));
  const stamp = randomBytes(6).toString('hex');
  const reference = `${registry.address}/berth-run/img-${stamp}:1`;
  try {
    await writeFile(
      join(dir, 'Dockerfile'),
      `FROM ${FIXTURE_IMAGE}\nRUN echo ${stamp} > /stamp\nCMD ["sh", "-c", "echo ready; sleep 3600"]\n`,
    );
    const configDir = join(dir, 'docker-config');
    await cli(dockerHost, configDir, ['build', '-q', '--network', 'none', '-t', reference, dir]);
    if (registry.username !== undefined && registry.password !== undefined) {
      await cli(
        dockerHost,
        configDir,
        ['login', '-u', registry.username, '--password-stdin', registry.address],
        registry.password,
      );
    }
    await cli(dockerHost, configDir, ['push', reference]);
    await cli(dockerHost, configDir, ['rmi', reference]);
    return reference;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
