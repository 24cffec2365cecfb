import type { EngineId } from '../hosts/engine';
import type { IpcErrorData } from '../ipc/errors';

/** What a long-running operation is doing; open-ended so each domain can name its own. */
export type OperationKind =
  | 'image.pull'
  | 'image.push'
  | 'image.build'
  | 'image.save'
  | 'image.load'
  | 'container.run'
  | 'volume.export'
  | 'volume.import'
  | (string & {});

export type OperationState = 'running' | 'succeeded' | 'failed' | 'cancelled';

/** One unit of a multi-part operation: a layer of a pull or push, a step of a build. */
export interface ProgressItem {
  id: string;
  /** Docker's words for it, e.g. `Downloading`, `Pull complete`, `Step 2/5`. */
  status: string;
  current?: number;
  total?: number;
  done: boolean;
}

export interface OperationProgress {
  /** 0…1 when the total is known. */
  fraction?: number;
  /** The latest human-readable line. */
  text?: string;
  items: ProgressItem[];
}

/** A long-running operation as the task list shows it. */
export interface OperationSummary {
  id: string;
  kind: OperationKind;
  engineId: EngineId;
  /** e.g. `Pull registry.local/web:1.2`. */
  title: string;
  state: OperationState;
  /** Epoch milliseconds. */
  startedAt: number;
  finishedAt?: number;
  progress: OperationProgress;
  error?: IpcErrorData;
  /** What it produced, when it names one thing: an image id, a container id, a file path. */
  resultId?: string;
}

/** Pushed at most every ~100 ms per operation and once when it ends. */
export interface OperationUpdate {
  operation: OperationSummary;
  /** Output lines since the previous update (build output), in order. */
  appendedLines: string[];
  /** Lines dropped because the operation printed faster than the bounded buffer takes. */
  droppedLines: number;
}
