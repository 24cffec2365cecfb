import { homedir } from 'node:os';

import type {
  ComposeAction,
  ComposeProjectRef,
  ComposeResolvedConfig,
} from '../../../common/compose/project';
import type { ComposeToolInfo } from '../../../common/compose/types';
import type { OperationSummary } from '../../../common/ops/types';
import type { OperationContext, OperationRegistry } from '../../ops/operation-registry';
import { discoverCompose } from './compose-discovery';
import { ProgressBoard } from './compose-progress';
import { ComposeRunner, type EngineDialer } from './compose-runner';

interface ComposeServiceOptions {
  /** Finds Compose; default: discoverCompose over this process's environment. */
  discover?: () => Promise<ComposeToolInfo>;
  /** The environment Compose inherits (its variables feed `${VAR}`); default process.env. */
  env?: NodeJS.ProcessEnv;
}

/** What each action runs, in order: Compose's commands (the same for 1.29 and 2.x). */
function commandsOf(action: ComposeAction): string[][] {
  switch (action.kind) {
    case 'up':
      return [['up', '-d', ...(action.services ?? [])]];
    case 'redeploy':
      // Pull first: `up` then recreates exactly the services whose image or configuration changed.
      return [
        ['pull', ...(action.services ?? [])],
        ['up', '-d', ...(action.services ?? [])],
      ];
    case 'pull':
      return [['pull', ...(action.services ?? [])]];
    case 'stop':
    case 'start':
    case 'restart':
      return [[action.kind, ...(action.services ?? [])]];
    case 'down':
      return [['down', ...(action.removeVolumes ? ['--volumes'] : [])]];
    case 'scale':
      return [
        [
          'up',
          '-d',
          '--no-deps',
          '--no-recreate',
          '--scale',
          `${action.service}=${action.replicas}`,
          action.service,
        ],
      ];
  }
}

const TITLES: Record<ComposeAction['kind'], string> = {
  up: 'Deploy',
  redeploy: 'Pull and redeploy',
  pull: 'Pull',
  stop: 'Stop',
  start: 'Start',
  restart: 'Restart',
  down: 'Down',
  scale: 'Scale',
};

/** The variables Compose says are unset (1.x `WARNING: The FOO variable…`, 2.x `The "FOO" variable…`). */
export function unsetVariables(stderr: string): string[] {
  const names = new Set<string>();
  for (const match of stderr.matchAll(/The \\?"?([A-Za-z_][A-Za-z0-9_]*)\\?"? variable is not set/g)) {
    if (match[1] !== undefined) names.add(match[1]);
  }
  return [...names];
}

/**
 * Compose on any host: finds the user's Compose, and runs each action as a long operation (the task list shows
 * per-service progress and Compose's output) through a private forwarding socket to the chosen engine.
 */
export class ComposeService {
  private readonly runner: ComposeRunner;
  private readonly discover: () => Promise<ComposeToolInfo>;
  private found: Promise<ComposeToolInfo> | undefined;

  constructor(
    engines: EngineDialer,
    private readonly operations: OperationRegistry,
    options: ComposeServiceOptions = {},
  ) {
    const env = options.env ?? process.env;
    this.discover =
      options.discover ?? (() => discoverCompose({ env, home: homedir(), platform: process.platform }));
    this.runner = new ComposeRunner(engines, () => this.tool(), env);
  }

  /** The Compose Berth runs (looked up once; `refresh` looks again, e.g. after the user installed one). */
  tool(refresh = false): Promise<ComposeToolInfo> {
    if (refresh || !this.found) this.found = this.discover();
    return this.found;
  }

  /** The configuration Compose resolves from the project's files (`config`), and the variables left unset. */
  async config(ref: ComposeProjectRef, signal?: AbortSignal): Promise<ComposeResolvedConfig> {
    const result = await this.runner.run({
      engineId: ref.engineId,
      project: ref,
      command: ['config'],
      ...(signal ? { signal } : {}),
    });
    return {
      yaml: result.stdout,
      unsetVariables: unsetVariables(result.stderr),
      warnings: warnings(result.stderr),
    };
  }

  /** Starts an action on a project; its progress and outcome arrive as operation updates. */
  act(ref: ComposeProjectRef, action: ComposeAction): OperationSummary {
    const name = ref.projectName ?? ref.workingDir;
    return this.operations.start(
      { kind: `compose.${action.kind}`, engineId: ref.engineId, title: `${TITLES[action.kind]} ${name}` },
      (context) => this.runAction(ref, action, context),
    );
  }

  /** Runs an action to its end (what an operation's body does; tests call it directly too). */
  async runAction(ref: ComposeProjectRef, action: ComposeAction, context?: OperationContext): Promise<void> {
    const board = new ProgressBoard();
    for (const command of commandsOf(action)) {
      await this.runner.run({
        engineId: ref.engineId,
        project: ref,
        command,
        onLine: (line) => {
          if (line.trim() === '') return;
          context?.appendLines([line]);
          if (board.apply(line, ref.projectName)) context?.report({ items: board.list(), text: line.trim() });
        },
        ...(context ? { signal: context.signal } : {}),
      });
    }
  }
}

/** Compose's warnings other than unset variables (obsolete `version`, orphans), one per line. */
function warnings(stderr: string): string[] {
  return stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /warn/i.test(line) && !/variable is not set/.test(line));
}
