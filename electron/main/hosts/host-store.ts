import { z } from 'zod';

import type { HostsFileProblem } from '../../common/hosts/types';

/** One of Berth's own hosts (not a docker context): how to reach it, nothing secret. */
export const hostRecordSchema = z
  .object({
    id: z.string().regex(/^host:[a-z0-9]{6,32}$/),
    name: z.string().min(1).max(128),
    url: z.string().min(1).max(2048),
    description: z.string().max(1024),
    /** Paths of TLS files on this machine. */
    tls: z
      .object({
        ca: z.string().max(4096).optional(),
        cert: z.string().max(4096).optional(),
        key: z.string().max(4096).optional(),
      })
      .strict()
      .optional(),
    skipTlsVerify: z.boolean(),
  })
  .strict();

export type HostRecord = z.infer<typeof hostRecordSchema>;

/** Berth's preferences for one engine, whatever its source (the default host, a context, its own). */
export const enginePrefsSchema = z
  .object({
    /** The explicit opt-in for plain tcp or an unverified certificate. */
    allowInsecure: z.boolean().optional(),
    /** The user disconnected it; it stays so across restarts. */
    disconnected: z.boolean().optional(),
  })
  .strict();

export type EnginePrefs = z.infer<typeof enginePrefsSchema>;

/**
 * What Berth persists about hosts (`hosts.json` in its user data). Key passphrases are kept only as ciphertext
 * from the OS keyring (safeStorage), base64, by engine id and key file; nothing secret is stored in plain text.
 */
export const hostsFileSchema = z
  .object({
    hosts: z.array(hostRecordSchema),
    engines: z.record(z.string().max(256), enginePrefsSchema),
    passphrases: z.record(z.string().max(256), z.record(z.string().max(4096), z.string().max(16_384))),
  })
  .strict();

export type HostsFile = z.infer<typeof hostsFileSchema>;

export const emptyHostsFile = (): HostsFile => ({ hosts: [], engines: {}, passphrases: {} });

/**
 * The JSON schema electron-store validates `hosts.json` with (its `schema` option: one schema per top-level key),
 * generated from the zod schema so the two cannot drift.
 */
export function hostsJsonSchema(): Record<keyof HostsFile, Record<string, unknown>> {
  const schema = z.toJSONSchema(hostsFileSchema, { target: 'draft-2020-12' }) as {
    properties: Record<keyof HostsFile, Record<string, unknown>>;
  };
  return schema.properties;
}

/** Where the hosts file lives; electron-store in the app, memory in tests. */
export interface HostStore {
  read(): HostsFile;
  /** @throws IpcError CONFLICT while the file on disk cannot be read (it is never overwritten then). */
  write(file: HostsFile): void;
  /** Why the saved hosts cannot be read, or undefined when they can. */
  problem?(): HostsFileProblem | undefined;
  /** Reads the file again (the user fixed it); returns the problem that remains, if any. */
  retry?(): HostsFileProblem | undefined;
}

/** Reads a stored value leniently: anything invalid on disk counts as empty rather than breaking start-up. */
export function parseHostsFile(value: unknown): HostsFile {
  const parsed = hostsFileSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const partial = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const file = emptyHostsFile();
  if (Array.isArray(partial.hosts)) {
    file.hosts = partial.hosts.flatMap((host) => {
      const one = hostRecordSchema.safeParse(host);
      return one.success ? [one.data] : [];
    });
  }
  const engines = z.record(z.string(), enginePrefsSchema).safeParse(partial.engines);
  if (engines.success) file.engines = engines.data;
  const passphrases = hostsFileSchema.shape.passphrases.safeParse(partial.passphrases);
  if (passphrases.success) file.passphrases = passphrases.data;
  return file;
}

/** A HostStore in memory (tests, and the fallback when the file cannot be opened). */
export class MemoryHostStore implements HostStore {
  private file: HostsFile;

  constructor(initial: HostsFile = emptyHostsFile()) {
    this.file = structuredClone(initial);
  }

  read(): HostsFile {
    return structuredClone(this.file);
  }

  write(file: HostsFile): void {
    this.file = structuredClone(hostsFileSchema.parse(file));
  }
}
