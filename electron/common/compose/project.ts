import type { EngineId } from '../hosts/engine';

/** A Compose project on one engine, as Compose is told to read it (its own flags). */
export interface ComposeProjectRef {
  engineId: EngineId;
  /** `-p`; Compose derives it from the folder when absent. */
  projectName?: string;
  /** The project folder (`--project-directory`): relative paths and `.env` are read from here. */
  workingDir: string;
  /** The compose files, in order (later ones override). None: Compose looks in `workingDir`. */
  files?: string[];
  /** `--env-file`, in order. */
  envFiles?: string[];
  /** `--profile`. */
  profiles?: string[];
}

/** What can be done to a project. `services` limits an action to some services (all when absent). */
export type ComposeAction =
  | { kind: 'up'; services?: string[] }
  /** Pull the images, then `up`: only services whose image or configuration changed are recreated. */
  | { kind: 'redeploy'; services?: string[] }
  | { kind: 'pull'; services?: string[] }
  | { kind: 'stop'; services?: string[] }
  | { kind: 'start'; services?: string[] }
  | { kind: 'restart'; services?: string[] }
  /** Removes containers and networks; with `removeVolumes` also the project's named and anonymous volumes. */
  | { kind: 'down'; removeVolumes: boolean }
  | { kind: 'scale'; service: string; replicas: number };

/** The configuration Compose resolved from the files (`config`), before deploying. */
export interface ComposeResolvedConfig {
  /** Compose's own output. */
  yaml: string;
  /** Variables the files use that are not set (Compose substitutes an empty string). */
  unsetVariables: string[];
  /** Compose's other warnings. */
  warnings: string[];
}
