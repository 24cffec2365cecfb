import type { ProgressItem } from '../../../common/ops/types';

/** One thing Compose reported on: a service (its containers), a network, a volume. */
export interface ProgressEvent {
  /** `web`, `network proj_default`. */
  id: string;
  /** Compose's word for it: `Creating`, `Started`, `done`, `Pulling`. */
  status: string;
  done: boolean;
  failed: boolean;
}

/** The service of a container named by Compose (`proj_web_1` in 1.x, `proj-web-1` in 2.x), else the name. */
export function serviceOfContainer(project: string | undefined, name: string): string {
  let rest = name;
  if (project !== undefined) {
    for (const separator of ['_', '-']) {
      if (rest.startsWith(`${project}${separator}`)) {
        rest = rest.slice(project.length + 1);
        break;
      }
    }
  }
  return rest.replace(/[_-]\d+$/, '');
}

const DONE =
  /^(done|created|started|running|pulled|removed|stopped|recreated|healthy|exited|up-to-date|skipped|built)$/i;
const FAILED = /^(error|failed)$/i;
const V2_OBJECT = /^\s*(Container|Network|Volume|Image)\s+(\S+)\s+(\S+)/;
const V2_SERVICE = /^\s*(\S+)\s+(Pulling|Pulled|Skipped|Waiting|Building|Built|Error|Interrupted)\b/;
const V1_VERB =
  /^(Creating|Recreating|Starting|Stopping|Removing|Restarting|Pausing|Unpausing|Killing)\s+(\S+)\s*\.\.\.\s*(\S*)/;
const V1_PULL = /^Pulling (\S+) \(/;
const V1_UP_TO_DATE = /^(\S+) is up-to-date$/;
const V1_NETWORK = /^(Creating|Removing) network "?([^"\s]+)"?/;

function event(id: string, status: string): ProgressEvent {
  return { id, status, done: DONE.test(status), failed: FAILED.test(status) };
}

/**
 * Reads one line of Compose's progress (2.x plain progress or 1.x's `Creating x ... done`) as an event about a
 * service, network or volume; undefined for any other line. Names only, so both versions read alike.
 */
export function parseProgressLine(line: string, project: string | undefined): ProgressEvent | undefined {
  let match = V1_NETWORK.exec(line);
  if (match) return event(`network ${match[2] ?? ''}`, match[1] === 'Creating' ? 'Created' : 'Removed');
  match = V2_OBJECT.exec(line);
  if (match) {
    const [, kind = '', name = '', status = ''] = match;
    const id = kind === 'Container' ? serviceOfContainer(project, name) : `${kind.toLowerCase()} ${name}`;
    return event(id, status);
  }
  match = V1_VERB.exec(line);
  if (match) {
    const [, verb = '', name = '', outcome = ''] = match;
    const failed = /^error$/i.test(outcome);
    return event(serviceOfContainer(project, name), outcome === '' ? verb : failed ? 'Error' : 'done');
  }
  match = V1_UP_TO_DATE.exec(line);
  if (match) return event(serviceOfContainer(project, match[1] ?? ''), 'up-to-date');
  match = V1_PULL.exec(line);
  if (match) return event(match[1] ?? '', 'Pulling');
  match = V2_SERVICE.exec(line);
  if (match) return event(match[1] ?? '', match[2] ?? '');
  return undefined;
}

/** Keeps the latest event per service/object, in first-seen order: the operation's progress items. */
export class ProgressBoard {
  private readonly items = new Map<string, ProgressItem>();

  /** Applies a line; true when it changed an item. */
  apply(line: string, project: string | undefined): boolean {
    const parsed = parseProgressLine(line, project);
    if (!parsed) return false;
    this.items.set(parsed.id, {
      id: parsed.id,
      status: parsed.failed ? `Failed: ${line.trim()}` : parsed.status,
      done: parsed.done || parsed.failed,
    });
    return true;
  }

  list(): ProgressItem[] {
    return [...this.items.values()];
  }
}
