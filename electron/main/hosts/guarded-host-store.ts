import { ErrorCode, IpcError } from '../../common';
import type { HostsFileProblem } from '../../common/hosts/types';
import { inspectStoreFile } from '../settings/store-files';
import { emptyHostsFile, type HostsFile, hostsFileSchema, type HostStore } from './host-store';

/** Why `hosts.json` cannot be used as it is, or undefined; the first zod issue names the field. */
export function hostsShapeProblem(value: unknown): string | undefined {
  const parsed = hostsFileSchema.partial().safeParse(value);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0];
  return issue ? `${issue.path.join('.') || 'the file'}: ${issue.message}` : 'unknown';
}

/** The file itself, once it is known to be readable (electron-store in the app, conf in tests). */
export interface HostsFileBacking {
  read(): HostsFile;
  write(file: HostsFile): void;
}

/**
 * `hosts.json` guarded: a damaged file (empty, not JSON, wrong shape) is never cleared, moved or written. The
 * session then runs with no saved hosts, `problem()` says where the file is and why it cannot be read (Hosts shows
 * it), every write is refused with that reason, and `retry()` reads the file again after the user fixed it.
 */
export function guardedHostStore(
  path: string,
  openBacking: () => HostsFileBacking,
  logger: Pick<Console, 'error'> = console,
): HostStore {
  let backing: HostsFileBacking | undefined;
  let problem: HostsFileProblem | undefined;

  const open = (): void => {
    backing = undefined;
    const inspected = inspectStoreFile(path, hostsShapeProblem);
    if (inspected.state === 'damaged') {
      problem = { file: path, reason: inspected.reason };
      logger.error(
        `[hosts] ${path} cannot be read (${inspected.reason}); it is left untouched and not written.`,
      );
      return;
    }
    try {
      backing = openBacking();
      problem = undefined;
    } catch (error) {
      problem = { file: path, reason: (error as Error).message };
      logger.error(`[hosts] ${path} cannot be read; it is left untouched and not written:`, error);
    }
  };
  open();

  return {
    read: () => backing?.read() ?? emptyHostsFile(),
    write: (file) => {
      if (!backing) {
        throw new IpcError(
          ErrorCode.Conflict,
          `Berth cannot read its saved hosts (${path}: ${problem?.reason ?? 'unknown'}), so it does not change that file. Fix or move it, then choose Retry on Hosts.`,
        );
      }
      backing.write(file);
    },
    problem: () => problem,
    retry: () => {
      open();
      return problem;
    },
  };
}
